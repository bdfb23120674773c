#include "sim/board/secret_witness.hpp"

#include <array>

namespace ringside::sim {
namespace {

constexpr std::array<std::string_view, 9> kSecretFields = {
    "access_token", "refresh_token", "device_code", "user_code", "password",
    "otp",          "code",          "token",       "voice_code"};

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// application/x-www-form-urlencoded value -> text.
std::string form_decode(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '+') {
            out += ' ';
        } else if (v[i] == '%' && i + 2 < v.size() && hex(v[i + 1]) >= 0 && hex(v[i + 2]) >= 0) {
            out += static_cast<char>(hex(v[i + 1]) * 16 + hex(v[i + 2]));
            i += 2;
        } else {
            out += v[i];
        }
    }
    return out;
}

} // namespace

bool SecretWitness::is_secret_field(std::string_view name) {
    for (std::string_view f : kSecretFields)
        if (name == f) return true;
    return false;
}

void SecretWitness::add(std::string_view secret) {
    if (secret.size() >= 4) secrets_.emplace(secret);
}

void SecretWitness::see(const cloud::CloudRequest& request, const cloud::CloudResponse& response) {
    scan_form(request.body);
    scan_form(request.query);
    scan_json(response.body);
}

void SecretWitness::scan_form(std::string_view body) {
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && is_secret_field(form_decode(pair.substr(0, eq))))
            add(form_decode(pair.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        body.remove_prefix(amp + 1);
    }
}

// Flat scan for "name":"value" pairs: enough for the cloud's own JSON (no escapes in tokens).
void SecretWitness::scan_json(std::string_view body) {
    std::size_t at = 0;
    while ((at = body.find('"', at)) != std::string_view::npos) {
        const std::size_t key_end = body.find('"', at + 1);
        if (key_end == std::string_view::npos) return;
        const std::string_view key = body.substr(at + 1, key_end - at - 1);
        std::size_t v = key_end + 1;
        while (v < body.size() && (body[v] == ' ' || body[v] == ':')) ++v;
        if (v < body.size() && body[v] == '"' && body[key_end + 1] != ',' && is_secret_field(key)) {
            const std::size_t value_end = body.find('"', v + 1);
            if (value_end == std::string_view::npos) return;
            add(body.substr(v + 1, value_end - v - 1));
            at = value_end + 1;
            continue;
        }
        at = key_end + 1;
    }
}

} // namespace ringside::sim
