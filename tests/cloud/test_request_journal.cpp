// The journal as a ring: past its capacity it holds the newest entries only, numbered as
// they arrived, while the total and the per-endpoint/status counts stay exact. Without a
// capacity (every scenario's cloud) it drops nothing.
#include "cloud_test_support.hpp"

#include "cloud/service/request_journal.hpp"

using namespace cloud_test;

namespace {

JournalEntry entry(std::string endpoint, int status, long long at_ms) {
    JournalEntry e;
    e.endpoint = std::move(endpoint);
    e.status = status;
    e.at = Millis(at_ms);
    return e;
}

} // namespace

TEST_CASE("a capped journal holds the newest entries and counts every request", "[journal]") {
    RequestJournal journal(100);
    for (int i = 0; i < 1000; ++i) journal.append(entry(i % 4 == 0 ? "token" : "metadata", i % 8 == 0 ? 400 : 200, i));
    CHECK(journal.held() == 100);
    CHECK(journal.total() == 1000);
    CHECK(journal.dropped() == 900);
    CHECK(journal.first() == 900);
    for (std::uint64_t i = journal.first(); i < journal.total(); ++i) CHECK(journal.at(i).at == Millis(static_cast<long long>(i)));
    // 250 token requests (every 4th), half of them 400 (every 8th); 750 metadata, all 200.
    const auto& counts = journal.counts();
    CHECK(counts.at({"token", 400}) == 125);
    CHECK(counts.at({"token", 200}) == 125);
    CHECK(counts.at({"metadata", 200}) == 750);
    CHECK(counts.size() == 3);
    const auto& ordered = journal.in_order();
    REQUIRE(ordered.size() == 100);
    CHECK(ordered.front().at == Millis(900));
    CHECK(ordered.back().at == Millis(999));
}

TEST_CASE("a journal at exactly its capacity has dropped nothing", "[journal]") {
    RequestJournal journal(10);
    for (int i = 0; i < 10; ++i) journal.append(entry("metadata", 200, i));
    CHECK(journal.dropped() == 0);
    CHECK(journal.in_order().size() == 10);
    journal.append(entry("metadata", 200, 10));
    CHECK(journal.dropped() == 1);
    CHECK(journal.in_order().front().at == Millis(1));
}

TEST_CASE("an in-process cloud journals every request, however many", "[journal]") {
    CloudService cloud{CloudConfig{}};
    for (int i = 0; i < 2000; ++i) cloud.handle(get("/.well-known/oauth-authorization-server"), Millis(i));
    CHECK(cloud.journal().size() == 2000);
    CHECK(cloud.requests().dropped() == 0);
}

TEST_CASE("a cloud with a journal capacity serves on and keeps exact counts", "[journal]") {
    CloudConfig config;
    config.journal_capacity = 50;
    CloudService cloud{config};
    for (int i = 0; i < 500; ++i) cloud.handle(get("/.well-known/oauth-authorization-server"), Millis(i));
    cloud.handle(get("/no-such-path"), Millis(500));
    CHECK(cloud.requests().held() == 50);
    CHECK(cloud.requests().total() == 501);
    CHECK(cloud.requests().counts().at({"metadata", 200}) == 500);
    CHECK(cloud.requests().counts().at({"other", 404}) == 1);
    CHECK(cloud.journal().size() == 50);
    CHECK(cloud.journal().back().endpoint == "other");
}
