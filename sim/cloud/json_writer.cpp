#include "sim/cloud/json_writer.hpp"

#include "sim/text/escape.hpp"

namespace ringside::cloud {

using text::json_quote;

JsonObjectWriter& JsonObjectWriter::string(std::string_view key, std::string_view value) {
    begin_member(key);
    members_ += json_quote(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::number(std::string_view key, std::int64_t value) {
    begin_member(key);
    members_ += std::to_string(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::boolean(std::string_view key, bool value) {
    begin_member(key);
    members_ += value ? "true" : "false";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::string_array(std::string_view key,
                                                 const std::vector<std::string>& values) {
    begin_member(key);
    members_.push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) members_.push_back(',');
        members_ += json_quote(values[i]);
    }
    members_.push_back(']');
    return *this;
}

JsonObjectWriter& JsonObjectWriter::json(std::string_view key, std::string_view encoded) {
    begin_member(key);
    members_ += encoded;
    return *this;
}

std::string json_array(const std::vector<std::string>& encoded) {
    std::string out = "[";
    for (std::size_t i = 0; i < encoded.size(); ++i) out += (i ? "," : "") + encoded[i];
    return out + "]";
}

std::string JsonObjectWriter::finish() const { return "{" + members_ + "}"; }

void JsonObjectWriter::begin_member(std::string_view key) {
    if (!members_.empty()) members_.push_back(',');
    members_ += json_quote(key);
    members_.push_back(':');
}

} // namespace ringside::cloud
