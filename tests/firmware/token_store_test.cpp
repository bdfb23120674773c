#include <catch2/catch.hpp>

#include <string>

#include "fake_board.hpp"
#include "firmware/auth/token_store.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::FakeFlash;

namespace {

StoredCredentials creds(const std::string& refresh, const std::string& ssid = "Home") {
    StoredCredentials c;
    c.wifi_ssid.assign(ssid);
    c.wifi_password.assign("correct horse battery");
    c.account_hint.assign("jane@example.com");
    c.refresh_token.assign(refresh);
    return c;
}

std::string refresh_of(TokenStore& store) {
    StoredCredentials out;
    if (!store.load(out)) return "<none>";
    return std::string(out.refresh_token.view());
}

} // namespace

TEST_CASE("token store: empty flash loads nothing", "[token_store]") {
    FakeFlash flash;
    TokenStore store(flash);
    StoredCredentials out = creds("junk");
    CHECK_FALSE(store.load(out));
    CHECK(out.refresh_token.empty());
    CHECK_FALSE(out.has_wifi());
}

TEST_CASE("token store: commit then load returns every field", "[token_store]") {
    FakeFlash flash;
    TokenStore store(flash);
    StoredCredentials in = creds(std::string(kMaxRefreshToken, 'r'), std::string(kMaxSsid, 's'));
    in.wifi_password.assign(std::string(kMaxWifiPassword, 'p'));
    in.account_hint.assign(std::string(kMaxAccountHint, 'h'));
    REQUIRE(store.commit(in));

    TokenStore fresh(flash);  // a new boot reads from flash, not from RAM
    StoredCredentials out;
    REQUIRE(fresh.load(out));
    CHECK(out.wifi_ssid.view() == in.wifi_ssid.view());
    CHECK(out.wifi_password.view() == in.wifi_password.view());
    CHECK(out.account_hint.view() == in.account_hint.view());
    CHECK(out.refresh_token.view() == in.refresh_token.view());
}

TEST_CASE("token store: commits alternate A/B with increasing sequence", "[token_store]") {
    FakeFlash flash;
    TokenStore store(flash);
    for (int i = 1; i <= 6; ++i) {
        REQUIRE(store.commit(creds("token-" + std::to_string(i))));
        CHECK(store.last().sequence == static_cast<std::uint32_t>(i));
        CHECK(store.last().slot == (i % 2 == 1 ? 0 : 1));
        CHECK(refresh_of(store) == "token-" + std::to_string(i));
        // The slot not written still holds the previous record.
        if (i > 1) CHECK_FALSE(flash.sector_blank(i % 2 == 1 ? 1 : 0));
    }
    // Sectors beyond the two slots are never touched.
    CHECK(flash.sector_blank(2));
    CHECK(flash.sector_blank(3));
}

TEST_CASE("token store: a corrupted newest record falls back to the older one", "[token_store]") {
    FakeFlash flash;
    TokenStore store(flash);
    REQUIRE(store.commit(creds("old")));
    REQUIRE(store.commit(creds("new")));  // slot B
    // Flip bits inside B's payload (program can only clear bits, so this models a bad cell).
    flash.memory[flash.sector_size() + 20] &= 0x0F;
    CHECK(refresh_of(store) == "old");
    // The next commit overwrites the broken slot, not the good one.
    REQUIRE(store.commit(creds("newer")));
    CHECK(store.last().slot == 1);
    CHECK(store.last().sequence == 2);
    CHECK(refresh_of(store) == "newer");
}

TEST_CASE("token store: erase removes both slots", "[token_store]") {
    FakeFlash flash;
    TokenStore store(flash);
    REQUIRE(store.commit(creds("one")));
    REQUIRE(store.commit(creds("two")));
    REQUIRE(store.erase());
    CHECK(flash.sector_blank(0));
    CHECK(flash.sector_blank(1));
    CHECK(refresh_of(store) == "<none>");
    CHECK_FALSE(flash.contains("two"));
    // A cut between the two erases keeps the newest record, never an older one.
    REQUIRE(store.commit(creds("three")));  // A, seq 1
    REQUIRE(store.commit(creds("four")));   // B, seq 2
    flash.erases = 0;
    flash.cut_before_erase_number = 1;
    CHECK_FALSE(store.erase());
    flash.power_cycle();
    CHECK(refresh_of(store) == "four");
}

TEST_CASE("token store: power cut at every byte of a commit leaves old or new, never neither",
          "[token_store][power_cut]") {
    for (int history : {1, 2}) {  // the target slot blank, or holding an older record
        CAPTURE(history);
        FakeFlash probe;
        TokenStore probe_store(probe);
        for (int i = 0; i < history; ++i) REQUIRE(probe_store.commit(creds("older-" + std::to_string(i))));
        const std::size_t before = probe.programmed;
        REQUIRE(probe_store.commit(creds("the-new-token")));
        const std::size_t record_bytes = probe.programmed - before;
        REQUIRE(record_bytes > 40);

        const std::string old_token = "older-" + std::to_string(history - 1);
        int saw_old = 0, saw_new = 0;
        for (std::size_t cut = 0; cut <= record_bytes; ++cut) {
            CAPTURE(cut);
            FakeFlash flash;
            TokenStore store(flash);
            for (int i = 0; i < history; ++i) REQUIRE(store.commit(creds("older-" + std::to_string(i))));
            flash.programmed = 0;
            flash.cut_after = cut;
            const bool committed = store.commit(creds("the-new-token"));
            flash.power_cycle();

            TokenStore after_boot(flash);
            const std::string loaded = refresh_of(after_boot);
            if (cut < record_bytes) {
                CHECK_FALSE(committed);
                CHECK((loaded == old_token || loaded == "the-new-token"));
            } else {
                CHECK(committed);
                CHECK(loaded == "the-new-token");
            }
            saw_old += loaded == old_token;
            saw_new += loaded == "the-new-token";
            // Whatever survived, the next commit works and wins.
            REQUIRE(after_boot.commit(creds("after")));
            CHECK(refresh_of(after_boot) == "after");
        }
        CHECK(saw_old == static_cast<int>(record_bytes));  // only a finished commit counts
        CHECK(saw_new == 1);
    }
}

TEST_CASE("token store: power cut before the first commit finishes loads nothing", "[token_store][power_cut]") {
    for (std::size_t cut : {0u, 1u, 11u, 12u, 40u, 62u, 63u, 66u, 67u, 70u}) {  // record is 71 bytes
        FakeFlash flash;
        TokenStore store(flash);
        flash.cut_after = cut;
        CHECK_FALSE(store.commit(creds("first")));
        flash.power_cycle();
        CHECK(refresh_of(store) == "<none>");
    }
}

TEST_CASE("token store: a sector too small or missing sectors is refused", "[token_store]") {
    FakeFlash small(256, 4);
    TokenStore store(small);
    CHECK_FALSE(store.commit(creds("x")));
    FakeFlash one_sector(4096, 1);
    TokenStore store2(one_sector);
    CHECK_FALSE(store2.commit(creds("x")));
    StoredCredentials out;
    CHECK_FALSE(store2.load(out));
}

TEST_CASE("token store: records respect NOR semantics (program only clears bits)", "[token_store]") {
    // A flash that refuses to set bits would corrupt a commit made without an erase.
    FakeFlash flash;
    TokenStore store(flash);
    for (int i = 0; i < 5; ++i) REQUIRE(store.commit(creds("t" + std::to_string(i))));
    CHECK(flash.erases == 5);  // one erase per commit, of the target slot only
    CHECK(refresh_of(store) == "t4");
}
