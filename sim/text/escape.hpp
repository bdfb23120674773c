#pragma once
// Escaping text for the formats the host side writes: the cloud's JSON bodies and HTML
// page, and the reports (JSON lines, JUnit XML). Who may call: any host code.
#include <string>
#include <string_view>

namespace ringside::text {

// `text` as a JSON string literal, quotes included. Bytes that are not valid UTF-8 become
// U+FFFD: request parameters are echoed in error descriptions and trace details, and a
// client sending Latin-1 must not produce output no JSON parser accepts.
std::string json_quote(std::string_view text);

// Text or attribute value for XML and HTML; drops the control characters XML 1.0 forbids.
std::string xml_escape(std::string_view text);

} // namespace ringside::text
