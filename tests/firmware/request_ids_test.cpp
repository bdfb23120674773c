#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/core/request_ids.hpp"

using namespace ringside;
namespace ids = fw::request_ids;

TEST_CASE("request id ranges are disjoint, and ids stay inside their range", "[core]") {
    const ids::Range all[] = {ids::kAuth, ids::kVoice, ids::kSettings};
    for (const auto& a : all)
        for (const auto& b : all)
            if (&a != &b) CHECK((a.last < b.first || b.last < a.first));
    CHECK_FALSE(ids::kAuth.contains(0));  // 0 is never an id
    CHECK(ids::kAuth.after(ids::kAuth.last) == ids::kAuth.first);
    CHECK(ids::kVoice.after(0) == ids::kVoice.first);
    for (std::uint32_t r : {0u, 1u, 0x3FFFu, 0xFFFFu, 0xFFFFFFFFu, 123456789u}) {
        CHECK(ids::kAuth.contains(ids::kAuth.pick(r)));
        CHECK(ids::kVoice.contains(ids::kVoice.pick(r)));
    }
}

TEST_CASE("the auth client's requests carry ids from its own range", "[auth]") {
    test::Rig r;
    r.link();
    REQUIRE(!r.hw.http.sent.empty());
    for (const auto& sent : r.hw.http.sent) {
        INFO(sent.url);
        if (sent.url.find("/v1/settings") != std::string::npos)
            CHECK(ids::kSettings.contains(sent.id));
        else
            CHECK(ids::kAuth.contains(sent.id));
    }
}
