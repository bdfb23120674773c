#pragma once
// A strict JSON syntax check (RFC 8259) for the report tests: whether a document parses,
// and where it first fails. Values are not kept; the tests read fields with plain search.
#include <cctype>
#include <string>

namespace ringside::test {

class JsonValidator {
public:
    explicit JsonValidator(const std::string& text) : s_(text) {}
    // Returns "" when valid, else what failed and where.
    std::string check() {
        skip();
        if (!value()) return error_;
        skip();
        return i_ == s_.size() ? "" : "trailing bytes at " + std::to_string(i_);
    }

private:
    bool fail(const char* what) {
        error_ = std::string(what) + " at " + std::to_string(i_);
        return false;
    }
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool literal(const char* word) {
        const std::string w(word);
        if (s_.compare(i_, w.size(), w) != 0) return fail("bad literal");
        i_ += w.size();
        return true;
    }
    bool string() {
        if (s_[i_] != '"') return fail("expected a string");
        for (++i_; i_ < s_.size(); ++i_) {
            const char c = s_[i_];
            if (c == '"') {
                ++i_;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
            if (c == '\\') ++i_;
        }
        return fail("unterminated string");
    }
    bool number() {
        const std::size_t start = i_;
        if (s_[i_] == '-') ++i_;
        while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == 'e' ||
                                  s_[i_] == 'E' || s_[i_] == '+' || s_[i_] == '-'))
            ++i_;
        return i_ > start ? true : fail("expected a value");
    }
    bool value() {
        if (i_ >= s_.size()) return fail("unexpected end");
        switch (s_[i_]) {
        case '{': return container('}', true);
        case '[': return container(']', false);
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }
    bool container(char close, bool object) {
        ++i_;
        skip();
        if (i_ < s_.size() && s_[i_] == close) {
            ++i_;
            return true;
        }
        while (true) {
            skip();
            if (object) {
                if (!string()) return false;
                skip();
                if (i_ >= s_.size() || s_[i_++] != ':') return fail("expected ':'");
                skip();
            }
            if (!value()) return false;
            skip();
            if (i_ >= s_.size()) return fail("unexpected end");
            if (s_[i_] == close) {
                ++i_;
                return true;
            }
            if (s_[i_++] != ',') return fail("expected ',' or a closing bracket");
        }
    }

    const std::string& s_;
    std::size_t i_ = 0;
    std::string error_;
};

} // namespace ringside::test
