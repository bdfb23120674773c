#include "reports/redaction.hpp"

#include <algorithm>
#include <cctype>

#include "cloud/oauth/form_codec.hpp"

namespace ringside::reports {

namespace {

const std::string kMark = "[redacted]";

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

} // namespace

Redaction::Redaction(const std::set<std::string>& secrets, const std::set<std::string>& words)
    : words_(words.begin(), words.end()) {
    for (const std::string& s : secrets) {
        if (s.empty()) continue;
        secrets_.push_back(s);
        const std::string encoded = cloud::form_encode(s);
        if (encoded != s) secrets_.push_back(encoded);
    }
    std::stable_sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redaction::operator()(std::string text) const {
    for (const std::string& secret : secrets_)
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size()))
            text.replace(at, secret.size(), kMark);
    for (const std::string& word : words_) {
        if (word.empty()) continue;
        for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at)) {
            const std::size_t end = at + word.size();
            if ((at > 0 && word_char(text[at - 1])) || (end < text.size() && word_char(text[end]))) {
                at = end;
                continue;
            }
            text.replace(at, word.size(), kMark);
            at += kMark.size();
        }
    }
    return text;
}

} // namespace ringside::reports
