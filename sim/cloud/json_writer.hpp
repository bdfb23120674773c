#pragma once
// Writes the cloud's JSON bodies: one flat object, members in the order added, no
// whitespace, so equal inputs give byte-identical bodies (the determinism tests compare
// bodies byte for byte).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cloud {

// `text` as a JSON string literal, quotes included. Bytes that are not valid UTF-8 become
// U+FFFD: request parameters are echoed in error descriptions, and a client sending
// Latin-1 must not make the cloud answer with a body no JSON parser accepts.
std::string json_quote(std::string_view text);

class JsonObjectWriter {
public:
    // Distinct names rather than overloads: a string literal would otherwise convert to bool.
    JsonObjectWriter& string(std::string_view key, std::string_view value);
    JsonObjectWriter& number(std::string_view key, std::int64_t value);
    JsonObjectWriter& boolean(std::string_view key, bool value);
    JsonObjectWriter& string_array(std::string_view key, const std::vector<std::string>& values);

    std::string finish() const;  // the complete object; the writer may be reused afterwards

private:
    void begin_member(std::string_view key);
    std::string members_;
};

} // namespace ringside::cloud
