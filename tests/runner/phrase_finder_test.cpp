// PhraseFinder (reports/phrase_finder.hpp), the one-pass search behind redaction and the
// no_secret check: checked against the obvious search (every phrase at every position) on
// texts made to overlap, and on the cases a windowed index gets wrong — phrases shorter
// than the window, phrases that share their last bytes, a phrase at the very start or end.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/prng.hpp"
#include "reports/phrase_finder.hpp"
#include "reports/redaction.hpp"

using ringside::reports::PhraseFinder;
using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

namespace {

// Every occurrence of every phrase (4 bytes or longer), overlapping ones merged.
Spans naive_cover(const std::vector<std::string>& phrases, const std::string& text) {
    std::vector<bool> covered(text.size(), false);
    std::vector<bool> starts(text.size() + 1, false);  // a touching occurrence starts a new span
    std::vector<std::pair<std::size_t, std::size_t>> found;
    for (const std::string& p : phrases) {
        if (p.size() < PhraseFinder::kMinLength) continue;
        for (std::size_t at = text.find(p); at != std::string::npos; at = text.find(p, at + 1))
            found.emplace_back(at, at + p.size());
    }
    std::sort(found.begin(), found.end());
    Spans out;
    for (const auto& [b, e] : found) {
        if (!out.empty() && b < out.back().second) {
            out.back().second = std::max(out.back().second, e);
        } else {
            out.emplace_back(b, e);
        }
    }
    return out;
}

std::string random_text(ringside::common::Prng& prng, std::size_t size, const char* alphabet, std::size_t letters) {
    std::string s;
    for (std::size_t i = 0; i < size; ++i) s += alphabet[prng.next() % letters];
    return s;
}

} // namespace

TEST_CASE("phrase finder agrees with the obvious search on overlapping texts", "[secrets]") {
    ringside::common::Prng prng(20261205);
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> phrases;
        const std::size_t count = 1 + prng.next() % 12;
        for (std::size_t i = 0; i < count; ++i)
            phrases.push_back(random_text(prng, 2 + prng.next() % 14, "abc", 3));  // some under 4 bytes
        std::string text = random_text(prng, prng.next() % 200, "abc", 3);
        const PhraseFinder finder(phrases);
        INFO("round " << round << " text " << text);
        const Spans expected = naive_cover(phrases, text);
        CHECK(finder.covered(text) == expected);
        CHECK(finder.occurs_in(text) == !expected.empty());
    }
}

TEST_CASE("phrase finder finds phrases of every width at the edges of the text", "[secrets]") {
    const std::vector<std::string> phrases = {"abcd", "bcdef", "Atza|0123456789", std::string("\x00\xff\x10z", 4)};
    const PhraseFinder finder(phrases);
    CHECK(finder.covered("abcd") == Spans{{0, 4}});
    CHECK(finder.covered("xAtza|0123456789") == Spans{{1, 16}});
    CHECK(finder.covered("abcdef") == Spans{{0, 6}});  // overlapping: one span
    CHECK(finder.covered("abcdabcd") == Spans{{0, 4}, {4, 8}});  // touching: two
    CHECK(finder.covered(std::string("--\x00\xff\x10z", 6)) == Spans{{2, 6}});
    CHECK(finder.covered("abc").empty());
    CHECK(finder.covered("").empty());
    CHECK_FALSE(finder.occurs_in("Atza|012345678"));  // one byte short
    CHECK_FALSE(PhraseFinder({"abc"}).occurs_in("abc"));  // under 4 bytes: not a secret
}

TEST_CASE("phrase finder tells apart many phrases that share their last bytes", "[secrets]") {
    std::vector<std::string> phrases;
    for (int i = 0; i < 2000; ++i) phrases.push_back(std::to_string(100000 + i) + "-same-tail");
    const PhraseFinder finder(phrases);
    CHECK(finder.covered("x 101999-same-tail y") == Spans{{2, 18}});
    CHECK_FALSE(finder.occurs_in("x 103000-same-tail y"));
}

TEST_CASE("redaction covers overlapping secrets with one mark and leaves no part beside it", "[secrets]") {
    const ringside::reports::Redaction redact({"Atza|abcdef", "defghi"});
    CHECK(redact("token Atza|abcdefghi end") == "token [redacted] end");
    CHECK(redact("Atza%7Cabcdef in a form") == "[redacted] in a form");  // form-encoded too
    CHECK(redact("defghiAtza|abcdef") == "[redacted][redacted]");
}
