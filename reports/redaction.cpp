#include "reports/redaction.hpp"

#include <cctype>

#include "cloud/oauth/form_codec.hpp"

namespace ringside::reports {

namespace {

const std::string kMark = "[redacted]";

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> as_given_and_encoded(const std::set<std::string>& secrets) {
    std::vector<std::string> out;
    for (const std::string& s : secrets) {
        out.push_back(s);
        std::string encoded = cloud::form_encode(s);
        if (encoded != s) out.push_back(std::move(encoded));
    }
    return out;
}

} // namespace

Redaction::Redaction(const std::set<std::string>& secrets, const std::set<std::string>& words)
    : secrets_(as_given_and_encoded(secrets)), words_(words.begin(), words.end()) {}

std::string Redaction::operator()(std::string text) const {
    const auto spans = secrets_.covered(text);
    if (!spans.empty()) {
        std::string out;
        out.reserve(text.size());
        std::size_t from = 0;
        for (const auto& [begin, end] : spans) {
            out.append(text, from, begin - from);
            out += kMark;
            from = end;
        }
        out.append(text, from, std::string::npos);
        text = std::move(out);
    }
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
