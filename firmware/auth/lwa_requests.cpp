#include "firmware/auth/lwa_requests.hpp"

namespace ringside::fw {
namespace {

// RFC 8259 §7: quote, backslash and control characters escaped; everything else verbatim.
bool append_json_string(FixedString<384>& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (!out.append("\"")) return false;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        bool ok = true;
        if (c == '"') ok = out.append("\\\"");
        else if (c == '\\') ok = out.append("\\\\");
        else if (u < 0x20) {
            const char esc[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xF]};
            ok = out.append(std::string_view(esc, sizeof esc));
        } else
            ok = out.append(std::string_view(&c, 1));
        if (!ok) return false;
    }
    return out.append("\"");
}

} // namespace

bool lwa_url(std::string_view issuer, std::string_view path, FixedString<256>& out) {
    if (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
    out.clear();
    return out.append(issuer) && out.append(path);
}

bool lwa_scope_data(std::string_view product_id, std::string_view serial_number, FixedString<384>& out) {
    out.clear();
    return out.append("{\"alexa:all\":{\"productID\":") && append_json_string(out, product_id) &&
           out.append(",\"productInstanceAttributes\":{\"deviceSerialNumber\":") &&
           append_json_string(out, serial_number) && out.append("}}}");
}

bool add_lwa_code_pair_form(FormWriter& form, const DeviceConfig& config) {
    FixedString<384> scope_data;
    if (!lwa_scope_data(config.product_id, config.serial_number, scope_data)) return false;
    return form.add("response_type", "device_code") && form.add("client_id", config.client_id) &&
           form.add("scope", kLwaScope) && form.add("scope_data", scope_data.view());
}

bool add_lwa_poll_form(FormWriter& form, std::string_view device_code, std::string_view user_code) {
    return form.add("grant_type", "device_code") && form.add("device_code", device_code) &&
           form.add("user_code", user_code);
}

bool add_lwa_refresh_form(FormWriter& form, std::string_view refresh_token, const DeviceConfig& config) {
    return form.add("grant_type", "refresh_token") && form.add("refresh_token", refresh_token) &&
           form.add("client_id", config.client_id);
}

} // namespace ringside::fw
