#pragma once
// Helpers for the cloud tests: building requests, reading JSON bodies strictly (a body the
// reader rejects fails the test, so every assertion on a field also checks well-formedness),
// and running the first steps of a device flow.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cloud/service/cloud_service.hpp"
#include "cloud/faults/faults.hpp"
#include "cloud/oauth/form_codec.hpp"
#include "cloud/oauth/user_code.hpp"

namespace cloud_test {

using namespace ringside::cloud;
using namespace std::chrono_literals;

inline constexpr const char* kDeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
inline constexpr const char* kClient = "ringside-speaker";

inline CloudRequest get(std::string path, std::string query = "") {
    return CloudRequest{"GET", std::move(path), std::move(query), "", ""};
}

inline CloudRequest post_form(std::string path,
                              const std::vector<std::pair<std::string, std::string>>& fields) {
    return CloudRequest{"POST", std::move(path), "", "application/x-www-form-urlencoded",
                        form_encode(fields)};
}

struct JsonValue {
    enum class Kind { String, Number, Bool, Null, Array } kind = Kind::Null;
    std::string text;
    std::int64_t number = 0;
    bool boolean = false;
    std::vector<JsonValue> items;
};

// A strict reader for the flat objects the cloud writes (values: strings, integers,
// booleans, null, arrays of those). Throws on anything malformed.
class JsonReader {
public:
    explicit JsonReader(const std::string& text) : s_(text) {}

    std::map<std::string, JsonValue> object() {
        std::map<std::string, JsonValue> members;
        expect('{');
        skip_ws();
        if (peek() == '}') {
            ++i_;
        } else {
            for (;;) {
                skip_ws();
                std::string key = string();
                expect(':');
                if (members.count(key)) fail("duplicate key " + key);
                members[key] = value();
                skip_ws();
                if (peek() == ',') { ++i_; continue; }
                expect('}');
                break;
            }
        }
        skip_ws();
        if (i_ != s_.size()) fail("trailing characters");
        return members;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw std::runtime_error("bad JSON at " + std::to_string(i_) + ": " + why + " in " + s_);
    }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void skip_ws() { while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_; }
    void expect(char c) {
        skip_ws();
        if (peek() != c) fail(std::string("expected ") + c);
        ++i_;
    }
    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out.push_back(static_cast<char>(cp));
        else if (cp < 0x800) { out.push_back(static_cast<char>(0xC0 | (cp >> 6))); out.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
        else { out.push_back(static_cast<char>(0xE0 | (cp >> 12))); out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))); out.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
    }
    std::string string() {
        expect('"');
        std::string out;
        for (;;) {
            if (i_ >= s_.size()) fail("unterminated string");
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("raw control character");
            if (c != '\\') { out.push_back(c); continue; }
            const char e = s_[i_++];
            switch (e) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                if (i_ + 4 > s_.size()) fail("short \\u");
                append_utf8(out, static_cast<unsigned>(std::stoul(s_.substr(i_, 4), nullptr, 16)));
                i_ += 4;
                break;
            }
            default: fail("bad escape");
            }
        }
    }
    JsonValue value() {
        skip_ws();
        JsonValue v;
        const char c = peek();
        if (c == '"') { v.kind = JsonValue::Kind::String; v.text = string(); }
        else if (c == '[') {
            ++i_;
            v.kind = JsonValue::Kind::Array;
            skip_ws();
            if (peek() == ']') { ++i_; return v; }
            for (;;) {
                v.items.push_back(value());
                skip_ws();
                if (peek() == ',') { ++i_; continue; }
                expect(']');
                break;
            }
        } else if (s_.compare(i_, 4, "true") == 0) { i_ += 4; v.kind = JsonValue::Kind::Bool; v.boolean = true; }
        else if (s_.compare(i_, 5, "false") == 0) { i_ += 5; v.kind = JsonValue::Kind::Bool; }
        else if (s_.compare(i_, 4, "null") == 0) { i_ += 4; }
        else if (c == '-' || (c >= '0' && c <= '9')) {
            const std::size_t start = i_;
            if (c == '-') ++i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            v.kind = JsonValue::Kind::Number;
            v.number = std::stoll(s_.substr(start, i_ - start));
        } else {
            fail("unexpected value");
        }
        return v;
    }

    const std::string& s_;
    std::size_t i_ = 0;
};

inline std::map<std::string, JsonValue> json(const CloudResponse& response) {
    return JsonReader(response.body).object();
}

inline std::string str(const CloudResponse& response, const std::string& key) {
    const auto members = json(response);
    const auto it = members.find(key);
    if (it == members.end() || it->second.kind != JsonValue::Kind::String) {
        throw std::runtime_error("no string member \"" + key + "\" in " + response.body);
    }
    return it->second.text;
}

inline std::int64_t num(const CloudResponse& response, const std::string& key) {
    const auto members = json(response);
    const auto it = members.find(key);
    if (it == members.end() || it->second.kind != JsonValue::Kind::Number) {
        throw std::runtime_error("no number member \"" + key + "\" in " + response.body);
    }
    return it->second.number;
}

inline std::string error_of(const CloudResponse& response) { return str(response, "error"); }

inline std::optional<std::string> header(const CloudResponse& response, const std::string& name) {
    const auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    for (const auto& [key, value] : response.headers) {
        if (lower(key) == lower(name)) return value;
    }
    return std::nullopt;
}

struct DeviceStart {
    std::string device_code;
    std::string user_code;  // as shown, "XXXX-XXXX"
    CloudResponse response;
};

inline DeviceStart start_device_flow(CloudService& cloud, Millis now, const std::string& client = kClient,
                                     const std::string& scope = "") {
    std::vector<std::pair<std::string, std::string>> fields{{"client_id", client}};
    if (!scope.empty()) fields.emplace_back("scope", scope);
    CloudResponse response = cloud.handle(post_form("/oauth2/device_authorization", fields), now);
    REQUIRE(response.status == 200);
    return {str(response, "device_code"), str(response, "user_code"), response};
}

inline CloudResponse poll(CloudService& cloud, const std::string& device_code, Millis now,
                          const std::string& client = kClient) {
    return cloud.handle(post_form("/oauth2/token", {{"grant_type", kDeviceGrant},
                                                    {"device_code", device_code},
                                                    {"client_id", client}}),
                        now);
}

inline CloudResponse refresh(CloudService& cloud, const std::string& refresh_token, Millis now,
                             const std::string& client = kClient) {
    return cloud.handle(post_form("/oauth2/token", {{"grant_type", "refresh_token"},
                                                    {"refresh_token", refresh_token},
                                                    {"client_id", client}}),
                        now);
}

// A completed sign-in for `account`: the token response.
inline CloudResponse sign_in(CloudService& cloud, Millis now, const std::string& account = "demo") {
    const DeviceStart start = start_device_flow(cloud, now);
    REQUIRE(cloud.approve(start.user_code, account, now) == ApprovalResult::Approved);
    CloudResponse tokens = poll(cloud, start.device_code, now);
    REQUIRE(tokens.status == 200);
    return tokens;
}

} // namespace cloud_test
