#include "reports/redaction.hpp"

#include <algorithm>

#include "sim/cloud/form_codec.hpp"

namespace ringside::reports {

Redaction::Redaction(const std::set<std::string>& secrets) {
    for (const std::string& s : secrets) {
        if (s.empty()) continue;
        secrets_.push_back(s);
        const std::string encoded = cloud::form_encode(s);
        if (encoded != s) secrets_.push_back(encoded);
    }
    std::stable_sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redaction::operator()(std::string text) const {
    static const std::string kMark = "[redacted]";
    for (const std::string& secret : secrets_)
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size()))
            text.replace(at, secret.size(), kMark);
    return text;
}

} // namespace ringside::reports
