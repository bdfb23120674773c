// The fault kinds added for issue 4, through CloudService::handle (the logic both transports
// run): any status with a raw body, transport breaks, a dribble, the Date header and its
// skew, and what each leaves in the journal.
#include "cloud/cloud_test_support.hpp"
#include "cloud/service/http_date.hpp"

using namespace cloud_test;

namespace {

CloudResponse metadata_at(CloudService& cloud, Millis now) {
    return cloud.handle(get("/.well-known/oauth-authorization-server"), now);
}

Fault on(std::string endpoint) {
    Fault f;
    f.endpoint = std::move(endpoint);
    return f;
}

} // namespace

TEST_CASE("a status with a raw body is sent as given, not as RFC 6749 JSON", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault f = on("token");
    f.status = 502;
    f.raw_body = "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>";
    f.raw_content_type = "text/html";
    f.retry_after_s = 9;
    cloud.add_fault(f);
    const CloudResponse r = refresh(cloud, "whatever", 0ms);
    CHECK(r.status == 502);
    CHECK(r.content_type == "text/html");
    CHECK(r.body == *f.raw_body);
    CHECK(header(r, "Retry-After") == "9");
    CHECK(cloud.journal().back().error == "raw_body");
    CHECK(cloud.journal().back().faulted);
}

TEST_CASE("breaks without an answer replace the service's: no state changes, status 0 in the journal", "[cloud][faults][break]") {
    for (Break kind : {Break::EmptyReply, Break::Reset, Break::RandomBytes}) {
        INFO(to_string(kind));
        CloudService cloud(CloudConfig{});
        const DeviceStart start = start_device_flow(cloud, 0ms);
        REQUIRE(cloud.approve(start.user_code, "demo", 0ms) == ApprovalResult::Approved);
        Fault f = on("token");
        f.broken = kind;
        cloud.add_fault(f);
        const CloudResponse broken = poll(cloud, start.device_code, 5s);
        CHECK(broken.broken == kind);
        CHECK(broken.status == 0);
        CHECK((kind == Break::RandomBytes) == !broken.body.empty());
        CHECK(cloud.journal().back().status == 0);
        CHECK(cloud.journal().back().error == std::string("broken_") + to_string(kind));
        CHECK(cloud.journal().back().faulted);
        // The code was not consumed: the next poll gets the tokens.
        CHECK(poll(cloud, start.device_code, 10s).status == 200);
    }
}

TEST_CASE("random bytes repeat for a seed and differ between firings", "[cloud][faults][break]") {
    const auto bytes = [](std::uint64_t seed) {
        CloudConfig config;
        config.seed = seed;
        CloudService cloud(config);
        Fault f = on("metadata");
        f.broken = Break::RandomBytes;
        f.count = 2;
        cloud.add_fault(f);
        return std::make_pair(metadata_at(cloud, 0ms).body, metadata_at(cloud, 1ms).body);
    };
    const auto a = bytes(31);
    CHECK(a == bytes(31));
    CHECK(a.first != a.second);
    CHECK(a.first != bytes(32).first);
}

TEST_CASE("a malformed chunk and a dribble shape the service's own answer, which still runs", "[cloud][faults][break]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(start.user_code, "demo", 0ms) == ApprovalResult::Approved);
    Fault chunk = on("token");
    chunk.broken = Break::MalformedChunk;
    cloud.add_fault(chunk);
    const CloudResponse lost = poll(cloud, start.device_code, 5s);
    CHECK(lost.broken == Break::MalformedChunk);
    CHECK(lost.status == 200);  // the tokens were issued; the framing around them broke
    CHECK_FALSE(str(lost, "refresh_token").empty());
    CHECK(cloud.journal().back().error == "broken_malformed_chunk");
    CHECK(error_of(poll(cloud, start.device_code, 10s)) == "invalid_grant");  // consumed

    Fault slow = on("metadata");
    slow.dribble = 30s;
    cloud.add_fault(slow);
    const CloudResponse dribbled = metadata_at(cloud, 11s);
    CHECK(dribbled.dribble == 30s);
    CHECK(dribbled.status == 200);
    CHECK_FALSE(str(dribbled, "token_endpoint").empty());
    CHECK(cloud.journal().back().error == "dribbled");
    CHECK(cloud.journal().back().faulted);
    CHECK(metadata_at(cloud, 12s).dribble == 0ms);  // one-shot
}

TEST_CASE("shaping adds up across firing faults, a break wins over a dribble", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault a = on("metadata");
    a.delay = 2s;
    a.dribble = 1s;
    Fault b = on("*");
    b.delay = 3s;
    b.dribble = 4s;
    b.date_skew = -10s;
    cloud.add_fault(a);
    cloud.add_fault(b);
    const CloudResponse both = metadata_at(cloud, 0ms);
    CHECK(both.delay == 5s);
    CHECK(both.dribble == 5s);
    CHECK(cloud.journal().back().delay == 5s);

    Fault chunk = on("metadata");
    chunk.broken = Break::MalformedChunk;
    chunk.dribble = 1s;
    cloud.add_fault(chunk);
    const CloudResponse broken = metadata_at(cloud, 1s);
    CHECK(broken.broken == Break::MalformedChunk);
    CHECK(broken.dribble == 0ms);
}

TEST_CASE("every answer carries the cloud's calendar as an IMF-fixdate Date, a skew fault shifts it", "[cloud][faults][date]") {
    CloudConfig config;
    config.calendar_start_unix = 784'111'777;  // RFC 9110's example instant
    CloudService cloud(config);
    CHECK(header(metadata_at(cloud, 0ms), "Date") == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(header(metadata_at(cloud, 1999ms), "Date") == "Sun, 06 Nov 1994 08:49:38 GMT");
    CHECK(header(cloud.handle(get("/nowhere"), 0ms), "Date").has_value());  // errors too

    Fault skew = on("metadata");
    skew.date_skew = -std::chrono::hours(24 * 365);
    cloud.add_fault(skew);
    CHECK(header(metadata_at(cloud, 2s), "Date") == "Sat, 06 Nov 1993 08:49:39 GMT");
    CHECK(cloud.journal().back().faulted);
    CHECK(cloud.journal().back().error.empty());  // the answer itself is the normal one
    CHECK(header(metadata_at(cloud, 3s), "Date") == "Sun, 06 Nov 1994 08:49:40 GMT");
}

TEST_CASE("HTTP dates: known instants both ways, before 1970 too, and strict parsing", "[cloud][date]") {
    CHECK(format_http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(format_http_date(-1) == "Wed, 31 Dec 1969 23:59:59 GMT");
    CHECK(format_http_date(951'782'400) == "Tue, 29 Feb 2000 00:00:00 GMT");
    CHECK(format_http_date(1'830'297'600) == "Sat, 01 Jan 2028 00:00:00 GMT");
    for (std::int64_t t : {std::int64_t{0}, std::int64_t{-86'401}, std::int64_t{784'111'777}, std::int64_t{1'764'028'800},
                           std::int64_t{4'102'444'799}})
        CHECK(parse_http_date(format_http_date(t)) == t);
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784'111'777);
    CHECK_FALSE(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT"));  // wrong weekday
    CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));  // RFC 850 form
    CHECK_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));        // asctime form
    CHECK_FALSE(parse_http_date("Thu, 31 Feb 2000 00:00:00 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
    CHECK_FALSE(parse_http_date(""));
}
