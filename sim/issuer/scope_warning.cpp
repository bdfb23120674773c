#include "sim/issuer/scope_warning.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/cloud_client/metadata_fetch.hpp"

namespace ringside::sim {
namespace {

constexpr std::size_t kMaxShown = 20;
constexpr std::size_t kMaxShownChars = 64;

std::vector<std::string> tokens(const std::string& scope) {
    std::vector<std::string> out;
    std::istringstream in(scope);
    for (std::string t; in >> t;) out.push_back(t);
    return out;
}

// A server's string on our terminal: printable ASCII only, bounded.
std::string shown(const std::string& text) {
    std::string out;
    for (const char c : text.substr(0, kMaxShownChars)) out += (c >= 0x20 && c <= 0x7E) ? c : '?';
    return text.size() > kMaxShownChars ? out + "..." : out;
}

} // namespace

std::vector<std::string> unlisted_scopes(const std::string& scope, const std::string& metadata_json,
                                         std::vector<std::string>& listed) {
    listed.clear();
    const nlohmann::json doc = nlohmann::json::parse(metadata_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return {};
    const auto it = doc.find("scopes_supported");
    if (it == doc.end() || !it->is_array()) return {};
    for (const nlohmann::json& s : *it)
        if (s.is_string()) listed.push_back(s.get<std::string>());
    std::vector<std::string> missing;
    for (const std::string& t : tokens(scope))
        if (std::find(listed.begin(), listed.end(), t) == listed.end()) missing.push_back(t);
    return missing;
}

std::string scope_warning(const IssuerFlags& flags) {
    const cloud::MetadataFetch metadata = cloud::fetch_metadata(flags.issuer, flags.ca_file);
    if (metadata.status != 200) return "";
    std::vector<std::string> listed;
    const std::vector<std::string> missing = unlisted_scopes(flags.scope, metadata.body, listed);
    if (missing.empty()) return "";
    std::string names;
    for (const std::string& m : missing) names += (names.empty() ? "'" : ", '") + m + "'";
    std::string offered;
    for (std::size_t k = 0; k < listed.size() && k < kMaxShown; ++k) offered += (k ? ", " : "") + shown(listed[k]);
    if (listed.size() > kMaxShown) offered += ", and " + std::to_string(listed.size() - kMaxShown) + " more";
    return "warning: scope " + names + (missing.size() == 1 ? " is" : " are") + " not among the scopes " +
           flags.issuer + " lists in its metadata (scopes_supported: " + (offered.empty() ? "none" : offered) +
           "): the server may refuse the speaker (invalid_scope, or access_denied after the person approves); "
           "--scope picks another\n";
}

} // namespace ringside::sim
