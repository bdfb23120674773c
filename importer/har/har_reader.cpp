#include "importer/har/har_reader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cloud/oauth/form_codec.hpp"
#include "importer/har/base64.hpp"
#include "importer/har/capture_time.hpp"
#include "importer/har/import_error.hpp"
#include "importer/har/text_position.hpp"

namespace ringside::importer {
namespace {

using nlohmann::json;

constexpr const char* kHarObject = "a HAR 1.2 capture: a JSON object {\"log\": {\"entries\": [...]}}";
const std::string kHarShape = std::string("expected ") + kHarObject;

struct TooDeep {};

constexpr double kMaxWaitMs = 86'400'000;

std::string type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

// Typed reads of one file's members: each failure names the file, the member's path and
// the type expected and found, never the value.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    static std::string join(const std::string& path, const char* name) {
        return path.empty() ? std::string(name) : path + "." + name;
    }
    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw ImportError(file_ + ": " + path + ": " + what);
    }
    const json& member(const json& object, const std::string& path, const char* name, json::value_t type,
                       const char* expected) const {
        const auto it = object.find(name);
        if (it == object.end()) fail(join(path, name), std::string("missing; expected ") + expected);
        check(*it, join(path, name), type, expected);
        return *it;
    }
    // nullptr when absent (or null, as some tools write for "not recorded").
    const json* optional(const json& object, const std::string& path, const char* name, json::value_t type,
                         const char* expected) const {
        const auto it = object.find(name);
        if (it == object.end() || it->is_null()) return nullptr;
        check(*it, join(path, name), type, expected);
        return &*it;
    }
    void check(const json& v, const std::string& path, json::value_t type, const char* expected) const {
        const bool number = type == json::value_t::number_integer;
        if (number ? !v.is_number() : v.type() != type)
            fail(path, std::string("expected ") + expected + ", found " + type_name(v));
    }
    HeaderList headers(const json& owner, const std::string& path) const {
        HeaderList out;
        const json* list = optional(owner, path, "headers", json::value_t::array, "an array of {name, value}");
        if (!list) return out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string at = path + ".headers[" + std::to_string(i) + "]";
            const json& h = (*list)[i];
            check(h, at, json::value_t::object, "an object {name, value}");
            out.emplace_back(member(h, at, "name", json::value_t::string, "a string").get<std::string>(),
                             member(h, at, "value", json::value_t::string, "a string").get<std::string>());
        }
        return out;
    }

private:
    std::string file_;
};

std::string read_whole(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw ImportError(path + ": is a folder; expected a HAR file");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw ImportError(path + ": cannot read it (" + ec.message() + ")");
    if (size > kMaxCaptureBytes)
        throw ImportError(path + ": " + std::to_string(size >> 20) + " MiB is more than a capture may have (" +
                          std::to_string(kMaxCaptureBytes >> 20) + " MiB); expected a HAR of a sign-in");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ImportError(path + ": cannot open it (" + std::strerror(errno) + ")");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

json parse(const std::string& path, const std::string& text) {
    // The callback sees each value's depth as it is read: a file nested deeper than any HAR
    // is refused before its values exist.
    const json::parser_callback_t depth_guard = [](int depth, json::parse_event_t, json&) {
        if (depth > kMaxJsonDepth) throw TooDeep{};
        return true;
    };
    try {
        return json::parse(text, depth_guard);
    } catch (const json::parse_error& e) {
        // e.what() quotes the bytes it last read (they may be a secret): only the place is said.
        const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        const TextPosition at = position_of(text, offset);
        const std::string where = path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
        if (offset >= text.size() || text.find_first_not_of(" \t\r\n") == std::string::npos)
            throw ImportError(where + ": the file ends before its JSON does (truncated?); " + kHarShape);
        throw ImportError(where + ": not valid JSON; " + kHarShape);
    } catch (const json::out_of_range&) {
        // A number past a double (1e400): nlohmann reports it without a position.
        throw ImportError(path + ": a JSON number too large to read; " + kHarShape);
    } catch (const TooDeep&) {
        throw ImportError(path + ": JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep; " + kHarShape);
    }
}

std::string request_body(const Reader& r, const json& request, const std::string& path) {
    const json* post = r.optional(request, path, "postData", json::value_t::object, "an object");
    if (!post) return {};
    const std::string at = path + ".postData";
    if (const json* text = r.optional(*post, at, "text", json::value_t::string, "a string"))
        if (!text->get_ref<const std::string&>().empty()) return text->get<std::string>();
    const json* params = r.optional(*post, at, "params", json::value_t::array, "an array of {name, value}");
    if (!params) return {};
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < params->size(); ++i) {
        const std::string p = at + ".params[" + std::to_string(i) + "]";
        r.check((*params)[i], p, json::value_t::object, "an object {name, value}");
        const json* value = r.optional((*params)[i], p, "value", json::value_t::string, "a string");
        pairs.emplace_back(r.member((*params)[i], p, "name", json::value_t::string, "a string").get<std::string>(),
                           value ? value->get<std::string>() : std::string());
    }
    return cloud::form_encode(pairs);
}

HarExchange exchange(const Reader& r, const json& entry, std::size_t index) {
    const std::string path = "log.entries[" + std::to_string(index) + "]";
    r.check(entry, path, json::value_t::object, "an object (a HAR entry)");
    HarExchange x;
    x.entry = index;
    const std::string& started =
        r.member(entry, path, "startedDateTime", json::value_t::string, "an ISO 8601 date-time").get_ref<const std::string&>();
    const auto when = parse_iso8601_ms(started);
    if (!when) r.fail(path + ".startedDateTime", "expected an ISO 8601 date-time like 2025-11-25T10:00:00.000Z");
    x.started_unix_ms = *when;

    const std::string rq = path + ".request";
    const json& request = r.member(entry, path, "request", json::value_t::object, "an object");
    x.method = r.member(request, rq, "method", json::value_t::string, "a string").get<std::string>();
    x.url = r.member(request, rq, "url", json::value_t::string, "a string").get<std::string>();
    x.request_headers = r.headers(request, rq);
    x.request_body = request_body(r, request, rq);

    const std::string rs = path + ".response";
    const json& response = r.member(entry, path, "response", json::value_t::object, "an object");
    const json& status = r.member(response, rs, "status", json::value_t::number_integer, "a number (the HTTP status)");
    if (!status.is_number_integer() || status.get<long long>() < 0 || status.get<long long>() > 999)
        r.fail(rs + ".status", "expected a whole number from 0 to 999 (the HTTP status; 0: no answer)");
    x.status = status.get<int>();
    x.response_headers = r.headers(response, rs);
    if (const json* content = r.optional(response, rs, "content", json::value_t::object, "an object")) {
        const std::string c = rs + ".content";
        if (const json* mime = r.optional(*content, c, "mimeType", json::value_t::string, "a string"))
            x.response_mime = mime->get<std::string>();
        if (const json* text = r.optional(*content, c, "text", json::value_t::string, "a string")) {
            x.response_body = text->get<std::string>();
            const json* encoding = r.optional(*content, c, "encoding", json::value_t::string, "a string");
            if (encoding && *encoding == "base64") {
                auto decoded = decode_base64(x.response_body);
                if (!decoded) r.fail(c + ".text", "expected base64 (content.encoding says base64)");
                x.response_body = std::move(*decoded);
            }
        }
    }
    if (x.response_mime.empty()) x.response_mime = header_value(x.response_headers, "Content-Type");

    if (const json* timings = r.optional(entry, path, "timings", json::value_t::object, "an object"))
        if (const json* wait = r.optional(*timings, path + ".timings", "wait", json::value_t::number_integer, "a number (ms)"))
        {
            // HAR writes -1 for "not measured"; a day is past any answer a speaker waits for.
            const double ms = wait->get<double>();
            if (!(ms <= kMaxWaitMs)) r.fail(path + ".timings.wait", "expected milliseconds up to a day (86400000), or -1");
            if (ms >= 0) x.wait_ms = static_cast<std::int64_t>(ms + 0.5);
        }
    return x;
}

} // namespace

std::vector<HarExchange> read_har(const std::string& path) { return read_har_text(path, read_whole(path)); }

std::vector<HarExchange> read_har_text(const std::string& path, const std::string& text) {
    if (text.size() > kMaxCaptureBytes)
        throw ImportError(path + ": " + std::to_string(text.size() >> 20) + " MiB is more than a capture may have (" +
                          std::to_string(kMaxCaptureBytes >> 20) + " MiB); expected a HAR of a sign-in");
    const json root = parse(path, text);
    const Reader r(path);
    if (!root.is_object()) r.fail("the top level", std::string("found ") + type_name(root) + "; " + kHarShape);
    const json& log = r.member(root, "", "log", json::value_t::object, kHarObject);
    const json& entries = r.member(log, "log", "entries", json::value_t::array, "an array of HAR entries");
    std::vector<HarExchange> out;
    out.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) out.push_back(exchange(r, entries[i], i));
    return out;
}

} // namespace ringside::importer
