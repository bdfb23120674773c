// `ringside cloud --journal-size N`: a long-running server's journal holds N entries at
// most, and the admin journal still counts every request and says how many were dropped.
#include <catch2/catch.hpp>

#include "cloud_server/fault_test_support.hpp"
#include "cloud_server/raw_connection.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

namespace {

// A top-level number of the journal answer (the tests' strict reader takes flat objects
// only; the answer holds arrays). The summary members come before any array. -1: absent.
long long summary_number(const HttpResult& r, const std::string& key) {
    const auto at = r.body.find("\"" + key + "\":");
    const auto first_array = r.body.find('[');
    if (at == std::string::npos || at > first_array) return -1;
    return std::atoll(r.body.c_str() + at + key.size() + 3);
}

} // namespace

TEST_CASE("past --journal-size the journal drops its oldest entries and counts on", "[http][journal]") {
    CloudProcess cloud({"--journal-size", "50"});
    RawConnection c(port_of_issuer(cloud.issuer()));
    REQUIRE(c.connected());
    int answered = 0;
    for (int i = 0; i < 120; ++i) {
        REQUIRE(c.send(get_request("/.well-known/oauth-authorization-server")));
        answered += c.read_response(3s).rfind("HTTP/1.1 200", 0) == 0 ? 1 : 0;
    }
    REQUIRE(answered == 120);

    const HttpResult all = admin_call(cloud, "journal", {}, true);
    REQUIRE(all.status == 200);
    CHECK(summary_number(all, "total") == 120);
    CHECK(summary_number(all, "dropped") == 70);
    CHECK(summary_number(all, "count") == 50);
    CHECK(summary_number(all, "capacity") == 50);
    CHECK_THAT(all.body, Catch::Contains("{\"endpoint\":\"metadata\",\"status\":200,\"requests\":120}"));
    // `from` numbers requests from the start: asking from before the ring gets what is held.
    CHECK(summary_number(admin_call(cloud, "journal", {"from=100"}, true), "count") == 20);
    CHECK(summary_number(admin_call(cloud, "journal", {"from=0"}, true), "count") == 50);
}

TEST_CASE("a journal size that is not a number is a usage error", "[http][journal]") {
    CHECK_THROWS_WITH(CloudProcess({"--journal-size", "lots"}), Catch::Contains("--journal-size"));
}
