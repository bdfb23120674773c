#pragma once
// Writes the cloud's JSON bodies: one flat object, members in the order added, no
// whitespace, so equal inputs give byte-identical bodies (the determinism tests compare
// bodies byte for byte).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cloud {

class JsonObjectWriter {
public:
    // Distinct names rather than overloads: a string literal would otherwise convert to bool.
    JsonObjectWriter& string(std::string_view key, std::string_view value);
    JsonObjectWriter& number(std::string_view key, std::int64_t value);
    JsonObjectWriter& boolean(std::string_view key, bool value);
    JsonObjectWriter& string_array(std::string_view key, const std::vector<std::string>& values);
    // A value already encoded as JSON (a nested object or array), written as given.
    JsonObjectWriter& json(std::string_view key, std::string_view encoded);

    std::string finish() const;  // the complete object; the writer may be reused afterwards

private:
    void begin_member(std::string_view key);
    std::string members_;
};

// `text` as a JSON string literal, quotes included; bytes that are not valid UTF-8 become
// U+FFFD (written as UTF-8).
std::string json_quote(std::string_view text);

// "[a,b,...]" from values already encoded as JSON.
std::string json_array(const std::vector<std::string>& encoded);

} // namespace ringside::cloud
