// What faults answer over real HTTP, met by curl: any status with any body, Retry-After,
// delays of each shape (measured on the wall clock against the delay the journal says was
// drawn), a dribble, the Date header and its skew, and malformed token bodies.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>

#include "cloud_server/fault_test_support.hpp"
#include "cloud/service/http_date.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

namespace {

// A loaded CI machine starts curl slowly; a delay must never come early, and not much late.
constexpr std::chrono::milliseconds kSlack = 400ms;

// The delay_ms of the journal's last metadata entry.
std::chrono::milliseconds last_drawn_delay(const CloudProcess& cloud) {
    const std::string j = journal(cloud, "metadata");
    const auto at = j.rfind("\"delay_ms\":");
    REQUIRE(at != std::string::npos);
    return std::chrono::milliseconds(std::atoll(j.c_str() + at + 11));
}

std::int64_t date_of(const HttpResult& r) {
    const auto date = ringside::cloud::parse_http_date(response_header(r, "Date"));
    REQUIRE(date);
    return *date;
}

} // namespace

TEST_CASE("any status with any body: a proxy's HTML 502 is sent exactly as given", "[http][faults]") {
    CloudProcess cloud;
    const std::string page = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
    REQUIRE(add_fault(cloud, {"endpoint=token", "status=502", "raw_body=" + page, "content_type=text/html"}).status == 201);
    const HttpResult r = poll_token(cloud, "x");
    CHECK(r.status == 502);
    CHECK(r.body == page);
    CHECK(response_header(r, "Content-Type") == "text/html");
    CHECK_THAT(journal(cloud, "token"), Catch::Contains("\"status\":502,\"error\":\"raw_body\",\"faulted\":true"));
}

TEST_CASE("Retry-After rides on a 429 and on a 503", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=token", "status=429", "retry_after=7"}).status == 201);
    REQUIRE(add_fault(cloud, {"endpoint=token", "status=503", "retry_after=30", "after=1"}).status == 201);
    const HttpResult too_many = poll_token(cloud, "x");
    CHECK(too_many.status == 429);
    CHECK(response_header(too_many, "Retry-After") == "7");
    const HttpResult unavailable = poll_token(cloud, "x");
    CHECK(unavailable.status == 503);
    CHECK(response_header(unavailable, "Retry-After") == "30");
    CHECK(field(unavailable, "error") == "temporarily_unavailable");
    CHECK(response_header(poll_token(cloud, "x"), "Retry-After").empty());
}

TEST_CASE("a fixed delay holds the normal answer that long", "[http][faults][delay]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "delay_ms=300"}).status == 201);
    const HttpResult late = metadata(cloud);
    CHECK(late.status == 200);
    CHECK(late.elapsed >= 300ms);
    CHECK(late.elapsed < 300ms + kSlack);
    CHECK(last_drawn_delay(cloud) == 300ms);
    CHECK(metadata(cloud).elapsed < 300ms);  // one-shot
}

TEST_CASE("uniform delays: each answer is held a draw from [min, max], as long as the journal says", "[http][faults][delay]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "delay_ms=100", "delay_max_ms=500", "count=4"}).status == 201);
    std::vector<std::chrono::milliseconds> drawn;
    for (int i = 0; i < 4; ++i) {
        const HttpResult r = metadata(cloud);
        const auto d = last_drawn_delay(cloud);
        CHECK(r.status == 200);
        CHECK(d >= 100ms);
        CHECK(d <= 500ms);
        CHECK(r.elapsed >= d);
        CHECK(r.elapsed < d + kSlack);
        drawn.push_back(d);
    }
    CHECK(std::adjacent_find(drawn.begin(), drawn.end(), std::not_equal_to<>()) != drawn.end());  // not all equal
}

TEST_CASE("log-normal delays: held the drawn time, the same seed draws the same delays", "[http][faults][delay]") {
    CloudProcess cloud;
    const auto run = [&] {
        reset_cloud(cloud, 9);
        REQUIRE(add_fault(cloud, {"endpoint=metadata", "delay_ms=150", "delay_sigma=0.3", "count=3"}).status == 201);
        std::vector<std::chrono::milliseconds> drawn;
        for (int i = 0; i < 3; ++i) {
            const HttpResult r = metadata(cloud);
            const auto d = last_drawn_delay(cloud);
            CHECK(d > 0ms);
            CHECK(d < 600ms);  // e^(4.6 sigma): the seed 9 draws are well inside
            CHECK(r.elapsed >= d);
            CHECK(r.elapsed < d + kSlack);
            drawn.push_back(d);
        }
        return drawn;
    };
    const auto first = run();
    CHECK(first == run());
}

TEST_CASE("a dribble sends the head at once and the body over the span, intact", "[http][faults]") {
    CloudProcess cloud;
    const HttpResult whole = metadata(cloud);
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "dribble_ms=600"}).status == 201);
    const HttpResult dribbled = metadata(cloud);
    CHECK(dribbled.exit_code == 0);
    CHECK(dribbled.status == 200);
    CHECK(dribbled.body == whole.body);
    CHECK(dribbled.elapsed >= 600ms);
    CHECK(dribbled.elapsed < 600ms + kSlack);
    CHECK(dribbled.first_byte < 300ms);  // not a delay: the answer started at once
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"error\":\"dribbled\",\"faulted\":true"));
}

TEST_CASE("every answer has a Date from the cloud's calendar, date_skew shifts it, time travel moves it", "[http][faults][date]") {
    CloudProcess cloud;
    const HttpResult plain = metadata(cloud);
    CHECK(std::abs(date_of(plain) - static_cast<std::int64_t>(std::time(nullptr))) <= 5);
    CHECK(!response_header(poll_token(cloud, "x"), "Date").empty());  // errors are dated too

    REQUIRE(add_fault(cloud, {"endpoint=metadata", "date_skew_ms=-86400000"}).status == 201);
    const HttpResult skewed = metadata(cloud);
    CHECK(skewed.status == 200);
    CHECK(std::abs(date_of(skewed) - (static_cast<std::int64_t>(std::time(nullptr)) - 86'400)) <= 5);
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"status\":200,\"error\":\"\",\"faulted\":true"));

    const std::int64_t before = date_of(metadata(cloud));
    advance_clock(cloud, 3'600'000);
    CHECK(std::abs(date_of(metadata(cloud)) - (before + 3600)) <= 5);
}

TEST_CASE("malformed 200 token bodies over HTTP, each kind journaled as its own fault", "[http][faults]") {
    CloudProcess cloud;
    for (const std::string kind : {"missing_access_token", "string_expires_in", "negative_expires_in", "wrong_token_type",
                                   "wrong_content_type", "empty", "garbage"}) {
        INFO(kind);
        REQUIRE(add_fault(cloud, {"endpoint=token", "body=" + kind}).status == 201);
        const HttpResult r = poll_token(cloud, "x");
        CHECK(r.status == 200);
        CHECK_THAT(journal(cloud, "token"), Catch::Contains("\"error\":\"malformed_" + kind + "\""));
        if (kind == "empty") CHECK(r.body.empty());
        if (kind == "wrong_content_type") {
            CHECK(response_header(r, "Content-Type") == "text/html");
            CHECK_THAT(r.body, Catch::Contains("hotel Wi-Fi"));
        }
        if (kind == "wrong_token_type") CHECK(field(r, "token_type") == "MAC");
    }
}
