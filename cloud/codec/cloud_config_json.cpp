#include "cloud/codec/cloud_config_json.hpp"

#include "cloud/service/json_writer.hpp"
#include "cloud/codec/json_tree.hpp"

namespace ringside::cloud {
namespace {

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::optional<std::string> unhex(const std::string& text) {
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    if (text.size() % 2) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

std::string encode_voice(const VoiceProfile& v) {
    std::vector<std::string> members, skills;
    for (const HouseholdMember& m : v.members)
        members.push_back(JsonObjectWriter().string("id", m.id).number("voice", m.voice).string_array("calendar", m.calendar).finish());
    for (const Skill& s : v.skills)
        skills.push_back(JsonObjectWriter().string("name", s.name).boolean("permissions_match", s.permissions_match).finish());
    return JsonObjectWriter()
        .json("members", json_array(members))
        .string_array("subscriptions", v.subscriptions)
        .string("voice_code", v.voice_code)
        .number("purchase_limit", v.purchase_limit)
        .json("skills", json_array(skills))
        .finish();
}

// Reads members by name; the first wrong one is reported and later reads are skipped.
struct Reader {
    std::string& why;

    template <typename T>
    T get(const YAML::Node& node, const char* key, const std::string& where) {
        if (!why.empty()) return T{};
        const YAML::Node v = node[key];
        try {
            if (v.IsDefined() && !v.IsNull()) return v.as<T>();
        } catch (const YAML::Exception&) {
        }
        why = where + "." + key + " is missing or of the wrong type";
        return T{};
    }
    YAML::Node list(const YAML::Node& node, const char* key, const std::string& where) {
        const YAML::Node v = node[key];
        if (why.empty() && !v.IsSequence()) why = where + "." + key + " should be an array";
        return why.empty() ? v : YAML::Node(YAML::NodeType::Sequence);
    }
    std::vector<std::string> strings(const YAML::Node& node, const char* key, const std::string& where) {
        std::vector<std::string> out;
        for (const YAML::Node& v : list(node, key, where)) {
            if (!v.IsScalar()) why = where + "." + key + " should hold strings";
            else out.push_back(v.as<std::string>());
        }
        return out;
    }
};

VoiceProfile decode_voice(Reader& r, const YAML::Node& node, const std::string& where) {
    VoiceProfile v;
    for (const YAML::Node& m : r.list(node, "members", where)) {
        const std::string at = where + ".members[]";
        v.members.push_back({r.get<std::string>(m, "id", at), r.get<int>(m, "voice", at), r.strings(m, "calendar", at)});
    }
    v.subscriptions = r.strings(node, "subscriptions", where);
    v.voice_code = r.get<std::string>(node, "voice_code", where);
    v.purchase_limit = r.get<int>(node, "purchase_limit", where);
    for (const YAML::Node& s : r.list(node, "skills", where)) {
        const std::string at = where + ".skills[]";
        v.skills.push_back({r.get<std::string>(s, "name", at), r.get<bool>(s, "permissions_match", at)});
    }
    return v;
}

} // namespace

std::string encode_cloud_config(const CloudConfig& c) {
    std::vector<std::string> accounts, clients;
    for (const Account& a : c.accounts) {
        accounts.push_back(JsonObjectWriter()
                               .string("id", a.id)
                               .string("email", a.email)
                               .string("password", a.password)
                               .boolean("mfa_totp", a.mfa_totp)
                               .string("totp_secret_hex", hex(a.totp_secret))
                               .json("voice", encode_voice(a.voice))
                               .boolean("restricted", a.restricted)
                               .finish());
    }
    for (const Client& k : c.clients)
        clients.push_back(JsonObjectWriter()
                              .string("id", k.id)
                              .boolean("public", k.is_public)
                              .boolean("web", k.web)
                              .string("name", k.name)
                              .string("secret", k.secret)
                              .string_array("scopes", k.scopes)
                              .finish());
    return JsonObjectWriter()
        .string("issuer", c.issuer)
        .json("accounts", json_array(accounts))
        .json("clients", json_array(clients))
        .number("access_token_lifetime_ms", c.access_token_lifetime.count())
        .number("device_code_lifetime_ms", c.device_code_lifetime.count())
        .number("poll_interval_ms", c.poll_interval.count())
        // As a string: a 64-bit seed does not survive a JSON number in most readers.
        .string("seed", std::to_string(c.seed))
        .string("dialect", to_string(c.dialect))
        .number("calendar_start_unix", c.calendar_start_unix)
        .finish();
}

std::optional<CloudConfig> decode_cloud_config(const std::string& json, std::string& why) {
    why.clear();
    const YAML::Node root = parse_json(json, why);
    if (!why.empty()) return std::nullopt;
    Reader r{why};
    CloudConfig c;
    c.issuer = r.get<std::string>(root, "issuer", "config");
    for (const YAML::Node& a : r.list(root, "accounts", "config")) {
        const std::string at = "config.accounts[]";
        Account account;
        account.id = r.get<std::string>(a, "id", at);
        account.email = r.get<std::string>(a, "email", at);
        account.password = r.get<std::string>(a, "password", at);
        account.mfa_totp = r.get<bool>(a, "mfa_totp", at);
        const auto secret = unhex(r.get<std::string>(a, "totp_secret_hex", at));
        if (!secret && why.empty()) why = at + ".totp_secret_hex is not lower-case hex";
        account.totp_secret = secret.value_or("");
        if (why.empty() && !a["voice"].IsMap()) why = at + ".voice should be an object";
        if (why.empty()) account.voice = decode_voice(r, a["voice"], at + ".voice");
        account.restricted = r.get<bool>(a, "restricted", at);
        c.accounts.push_back(std::move(account));
    }
    for (const YAML::Node& k : r.list(root, "clients", "config")) {
        const std::string at = "config.clients[]";
        Client client;
        client.id = r.get<std::string>(k, "id", at);
        client.is_public = r.get<bool>(k, "public", at);
        client.web = r.get<bool>(k, "web", at);
        client.name = r.get<std::string>(k, "name", at);
        client.secret = r.get<std::string>(k, "secret", at);
        client.scopes = r.strings(k, "scopes", at);
        c.clients.push_back(std::move(client));
    }
    c.access_token_lifetime = Millis(r.get<long long>(root, "access_token_lifetime_ms", "config"));
    c.device_code_lifetime = Millis(r.get<long long>(root, "device_code_lifetime_ms", "config"));
    c.poll_interval = Millis(r.get<long long>(root, "poll_interval_ms", "config"));
    c.seed = r.get<std::uint64_t>(root, "seed", "config");
    const std::string dialect = r.get<std::string>(root, "dialect", "config");
    if (why.empty() && dialect != "rfc8628" && dialect != "lwa") why = "config.dialect should be rfc8628 or lwa";
    c.dialect = dialect == "lwa" ? Dialect::Lwa : Dialect::Rfc8628;
    c.calendar_start_unix = r.get<std::int64_t>(root, "calendar_start_unix", "config");
    if (!why.empty()) return std::nullopt;
    return c;
}

} // namespace ringside::cloud
