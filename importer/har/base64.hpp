#pragma once
// Base64 (RFC 4648 §4, padding optional, whitespace skipped): HAR's content.encoding for
// bodies a capture tool did not keep as text. Who may call: anyone; a pure function.
#include <optional>
#include <string>
#include <string_view>

namespace ringside::importer {

// The decoded bytes, or nullopt when a character is not base64.
std::optional<std::string> decode_base64(std::string_view text);

} // namespace ringside::importer
