#include "cloud/server/request_readiness.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

namespace ringside::cloud {
namespace {

bool starts_with_nocase(std::string_view line, std::string_view prefix) {
    if (line.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(line[i])) != prefix[i]) return false;
    return true;
}

std::string_view trimmed(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
    return v;
}

} // namespace

bool request_ready(std::string_view bytes) {
    if (bytes.size() >= kMaxBuffered) return true;
    // httplib ends a head at an empty line; a bare LF line ending is a client's mistake that
    // httplib judges, so it counts as an end here too.
    std::size_t head_end = bytes.find("\r\n\r\n");
    std::size_t separator = 4;
    if (head_end == std::string_view::npos) {
        head_end = bytes.find("\n\n");
        separator = 2;
    }
    if (head_end == std::string_view::npos) return bytes.size() >= kMaxBufferedHead;
    const std::string_view head = bytes.substr(0, head_end);
    std::size_t body = 0;
    for (std::size_t at = head.find('\n'); at != std::string_view::npos;) {
        const std::size_t next = head.find('\n', at + 1);
        const std::string_view line = head.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        at = next;
        if (starts_with_nocase(line, "transfer-encoding:")) return true;
        if (starts_with_nocase(line, "expect:")) return true;  // the client waits for 100 Continue
        if (starts_with_nocase(line, "content-length:")) {
            const std::string value(trimmed(line.substr(15)));
            char* end = nullptr;
            const unsigned long long length = std::strtoull(value.c_str(), &end, 10);
            // Not a number: httplib answers 400 without a body to wait for.
            if (value.empty() || *end != '\0' || length > kMaxBufferedBody) return true;
            body = static_cast<std::size_t>(length);
        }
    }
    return bytes.size() >= head_end + separator + body;
}

} // namespace ringside::cloud
