#include "cloud/service/json_writer.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ringside::cloud {

std::string json_quote(std::string_view text) {
    // Printable ASCII without a quote or backslash is its own JSON string: every token, code
    // and URL the cloud mints. Quoting those through a JSON value cost a token answer a
    // tenth of the server's instructions (callgrind, bench/token_endpoint.sh).
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
    if (plain) {
        std::string out;
        out.reserve(text.size() + 2);
        out.push_back('"');
        out.append(text);
        out.push_back('"');
        return out;
    }
    // Anything else through nlohmann-json's encoder, not a hand-written one: the cloud is the
    // oracle the device's parser is held to. Request parameters are echoed in error
    // descriptions, and a client sending Latin-1 must not produce output no JSON parser
    // accepts: invalid UTF-8 becomes U+FFFD.
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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
