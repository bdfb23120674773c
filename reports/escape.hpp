#pragma once
// Escaping for the report formats. Who may call: any report writer.
#include <string>
#include <string_view>

namespace ringside::reports {

std::string json_escape(std::string_view text);  // contents of a JSON string, without quotes
std::string xml_escape(std::string_view text);   // text or attribute value

} // namespace ringside::reports
