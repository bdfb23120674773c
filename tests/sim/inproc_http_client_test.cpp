#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bus_rig.hpp"
#include "sim/board/cloud_wire.hpp"
#include "sim/board/inproc_http_client.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

// A stand-in cloud that records what reached it and answers with a canned response.
struct HttpRig : sim::test::BusRig {
    std::vector<std::pair<Millis, cloud::CloudRequest>> received;
    cloud::CloudResponse answer;
    bool link = true;
    sim::InprocHttpClient http{bus, "https://auth.ringside.test",
                               [this](const cloud::CloudRequest& r, Millis now) {
                                   received.emplace_back(now, r);
                                   return answer;
                               },
                               [this] { return link; }, Millis{20}};
    HttpRig() {
        answer.status = 200;
        answer.body = R"({"ok":true})";
    }
};

hal::HttpRequest post(std::string_view url, std::string_view body) {
    return hal::HttpRequest{hal::HttpMethod::Post, url, "application/x-www-form-urlencoded", body};
}

} // namespace

TEST_CASE("in-process HTTP reaches the cloud after one latency and answers after another", "[sim][http]") {
    HttpRig rig;
    rig.scheduler.advance_to(Millis{1000});
    {
        // The firmware's strings may die right after send().
        std::string url = "https://auth.ringside.test/oauth2/token?trace=1";
        std::string body = "grant_type=refresh_token";
        REQUIRE(rig.http.send(7, post(url, body)));
        url.assign(url.size(), 'x');
        body.assign(body.size(), 'x');
    }
    CHECK(rig.http.in_flight() == 1);
    run_all(rig.scheduler, Millis{10'000});

    REQUIRE(rig.received.size() == 1);
    CHECK(rig.received[0].first == Millis{1020});
    const cloud::CloudRequest& r = rig.received[0].second;
    CHECK(r.method == "POST");
    CHECK(r.path == "/oauth2/token");
    CHECK(r.query == "trace=1");
    CHECK(r.content_type == "application/x-www-form-urlencoded");
    CHECK(r.body == "grant_type=refresh_token");

    REQUIRE(rig.log.events.size() == 1);
    const auto& done = rig.log.events[0];
    CHECK(done.type == fw::EventType::HttpDone);
    CHECK(done.at == Millis{1040});
    CHECK(done.request == 7);
    CHECK(done.error == hal::TransportError::None);
    CHECK(done.status == 200);
    CHECK(done.content_type == "application/json");
    CHECK(done.body == R"({"ok":true})");
    CHECK(rig.http.in_flight() == 0);
}

TEST_CASE("in-process HTTP passes Retry-After through", "[sim][http]") {
    HttpRig rig;
    rig.answer.status = 503;
    rig.answer.headers = {{"Cache-Control", "no-store"}, {"retry-after", "120"}};
    REQUIRE(rig.http.send(1, hal::HttpRequest{hal::HttpMethod::Get, "https://auth.ringside.test/x", "", ""}));
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].status == 503);
    CHECK(rig.log.events[0].retry_after_s == 120);
    CHECK(rig.received.at(0).second.method == "GET");
}

TEST_CASE("a cancelled request's response is never delivered, even if the id is reused", "[sim][http]") {
    HttpRig rig;
    REQUIRE(rig.http.send(2, post("https://auth.ringside.test/a", "")));
    rig.scheduler.run_next(Millis{20});  // the request reaches the cloud
    rig.http.cancel(2);
    REQUIRE(rig.http.send(2, post("https://auth.ringside.test/b", "")));
    run_all(rig.scheduler, Millis{10'000});

    CHECK(rig.received.size() == 2);  // the cancelled request had already reached the cloud
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].at == Millis{60});  // the second request's answer only
}

TEST_CASE("a second send under a live id is refused", "[sim][http]") {
    HttpRig rig;
    CHECK(rig.http.send(3, post("https://auth.ringside.test/a", "")));
    CHECK_FALSE(rig.http.send(3, post("https://auth.ringside.test/a", "")));
    CHECK_FALSE(rig.http.send(4, post("not a url", "")));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.log.events.size() == 1);
    CHECK(rig.http.requests_sent() == 1);
}

TEST_CASE("a host other than the issuer fails to connect", "[sim][http]") {
    HttpRig rig;
    REQUIRE(rig.http.send(5, post("https://evil.example/oauth2/token", "")));
    REQUIRE(rig.http.send(6, post("http://auth.ringside.test:8080/oauth2/token", "")));  // wrong port
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());
    REQUIRE(rig.log.events.size() == 2);
    for (const auto& e : rig.log.events) CHECK(e.error == hal::TransportError::ConnectionFailed);
}

TEST_CASE("without a link requests fail with NoNetwork", "[sim][http]") {
    HttpRig rig;
    rig.link = false;
    REQUIRE(rig.http.send(8, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].error == hal::TransportError::NoNetwork);
}

TEST_CASE("responses in flight at power-off are dropped", "[sim][http]") {
    HttpRig rig;
    REQUIRE(rig.http.send(9, post("https://auth.ringside.test/oauth2/token", "")));
    rig.scheduler.run_next(Millis{20});
    rig.bus.detach();
    rig.http.reset();
    sim::test::EventLog after;
    rig.bus.attach(after.sink(rig.scheduler));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.log.events.empty());
    CHECK(after.events.empty());
}

TEST_CASE("retry_after_seconds reads delay-seconds only", "[sim][http]") {
    cloud::CloudResponse r;
    CHECK(sim::retry_after_seconds(r) == 0);
    r.headers = {{"RETRY-AFTER", " 30 "}};
    CHECK(sim::retry_after_seconds(r) == 30);
    r.headers = {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}};
    CHECK(sim::retry_after_seconds(r) == 0);
    r.headers = {{"Retry-After", "12abc"}};
    CHECK(sim::retry_after_seconds(r) == 0);
    r.headers = {{"Retry-After", "99999999999"}};
    CHECK(sim::retry_after_seconds(r) == 0xFFFFFFFFu);
}

TEST_CASE("plain HTTP to the issuer's host answers, its Date read from the cloud's header", "[sim][http][rtc]") {
    HttpRig rig;
    std::int64_t device_unix = 0;  // battery lost: 1970
    rig.http.set_certificate_check([&] { return device_unix; }, 1'735'689'600, 1'830'297'600);
    rig.answer.headers = {{"date", "Tue, 25 Nov 2025 00:00:07 GMT"}};
    REQUIRE(rig.http.send(5, hal::HttpRequest{hal::HttpMethod::Get, "http://auth.ringside.test/", "", ""}));
    run_all(rig.scheduler, Millis{10'000});
    rig.answer.headers = {};  // no Date: the firmware is told none came
    REQUIRE(rig.http.send(6, hal::HttpRequest{hal::HttpMethod::Get, "http://auth.ringside.test/", "", ""}));
    run_all(rig.scheduler, Millis{20'000});
    REQUIRE(rig.received.size() == 2);
    REQUIRE(rig.log.events.size() == 2);
    CHECK(rig.log.events[0].error == hal::TransportError::None);
    CHECK(rig.log.events[0].date_unix == 1'764'028'807);
    CHECK(rig.log.events[1].date_unix == 0);
}

TEST_CASE("HTTPS fails TlsFailed while the device clock is outside the certificate's validity", "[sim][http][rtc]") {
    HttpRig rig;
    std::int64_t device_unix = 0;
    rig.http.set_certificate_check([&] { return device_unix; }, 1'735'689'600, 1'830'297'600);
    REQUIRE(rig.http.send(5, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());  // never got past the handshake
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].error == hal::TransportError::TlsFailed);

    device_unix = 1'900'000'000;  // after the certificate expired
    REQUIRE(rig.http.send(6, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{20'000});
    REQUIRE(rig.log.events.size() == 2);
    CHECK(rig.log.events[1].error == hal::TransportError::TlsFailed);

    device_unix = 1'764'028'800;  // set right
    REQUIRE(rig.http.send(7, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{30'000});
    REQUIRE(rig.log.events.size() == 3);
    CHECK(rig.log.events[2].error == hal::TransportError::None);
    CHECK(rig.received.size() == 1);
}

TEST_CASE("a dropped request is never answered, it stays outstanding until cancelled", "[sim][http]") {
    HttpRig rig;
    rig.answer.dropped = true;
    REQUIRE(rig.http.send(5, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{120'000});
    CHECK(rig.received.size() == 1);  // it reached the cloud
    CHECK(rig.log.events.empty());    // and nothing came back
    CHECK(rig.http.in_flight() == 1);
    rig.http.cancel(5);
    CHECK(rig.http.in_flight() == 0);
}

TEST_CASE("a broken exchange reaches the firmware as Broken when the answer would have arrived", "[sim][http][faults]") {
    for (cloud::Break kind : {cloud::Break::EmptyReply, cloud::Break::Reset, cloud::Break::RandomBytes,
                              cloud::Break::MalformedChunk}) {
        INFO(cloud::to_string(kind));
        HttpRig rig;
        rig.answer.broken = kind;
        rig.answer.delay = Millis{3000};
        REQUIRE(rig.http.send(5, post("https://auth.ringside.test/oauth2/token", "")));
        run_all(rig.scheduler, Millis{10'000});
        REQUIRE(rig.log.events.size() == 1);
        CHECK(rig.log.events[0].at == Millis{3040});  // up, held 3 s, down
        CHECK(rig.log.events[0].error == hal::TransportError::Broken);
        CHECK(rig.log.events[0].body.empty());
        CHECK(rig.http.in_flight() == 0);
    }
}

TEST_CASE("a dribbled answer arrives whole once its span is over", "[sim][http][faults]") {
    HttpRig rig;
    rig.answer.dribble = Millis{45'000};
    rig.answer.delay = Millis{1000};
    REQUIRE(rig.http.send(5, post("https://auth.ringside.test/oauth2/token", "")));
    run_all(rig.scheduler, Millis{120'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].at == Millis{46'040});
    CHECK(rig.log.events[0].error == hal::TransportError::None);
    CHECK(rig.log.events[0].body == R"({"ok":true})");
}

TEST_CASE("on the open internet every origin reaches the handler, which is told the origin", "[sim][http]") {
    HttpRig rig;
    REQUIRE(rig.http.send(1, hal::HttpRequest{hal::HttpMethod::Get, "https://tokens.example.net/token", "", ""}));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());  // only the issuer's origin answers by default
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].error == hal::TransportError::ConnectionFailed);

    rig.http.answer_every_origin();
    REQUIRE(rig.http.send(2, hal::HttpRequest{hal::HttpMethod::Get, "https://tokens.example.net/token", "", ""}));
    REQUIRE(rig.http.send(3, hal::HttpRequest{hal::HttpMethod::Get, "https://auth.ringside.test/x", "", ""}));
    run_all(rig.scheduler, Millis{20'000});
    REQUIRE(rig.received.size() == 2);
    CHECK(rig.received[0].second.origin == "https://tokens.example.net:443");
    CHECK(rig.received[0].second.path == "/token");
    CHECK(rig.received[1].second.origin == "https://auth.ringside.test:443");
    REQUIRE(rig.log.events.size() == 3);
    CHECK(rig.log.events[1].error == hal::TransportError::None);
}

TEST_CASE("a real exchange that got no answer reaches the firmware as that transport error, after its delay",
          "[sim][http]") {
    const std::pair<cloud::NoAnswer, hal::TransportError> cases[] = {
        {cloud::NoAnswer::ConnectionFailed, hal::TransportError::ConnectionFailed},
        {cloud::NoAnswer::Timeout, hal::TransportError::Timeout},
        {cloud::NoAnswer::TlsFailed, hal::TransportError::TlsFailed},
        {cloud::NoAnswer::Broken, hal::TransportError::Broken},
    };
    for (const auto& [failure, error] : cases) {
        HttpRig rig;
        rig.answer.no_answer = failure;
        rig.answer.status = 0;
        rig.answer.delay = Millis{300};  // the real round trip it took to fail
        REQUIRE(rig.http.send(1, hal::HttpRequest{hal::HttpMethod::Get, "https://auth.ringside.test/x", "", ""}));
        run_all(rig.scheduler, Millis{10'000});
        REQUIRE(rig.log.events.size() == 1);
        CHECK(rig.log.events[0].error == error);
        CHECK(rig.log.events[0].at == Millis{20 + 300 + 20});
    }
}

namespace {

hal::HttpRequest upload_head(std::string_view url) {
    hal::HttpRequest r{hal::HttpMethod::Post, url, "audio/L16;rate=8000", ""};
    r.authorization = "Bearer Atza|x";
    r.body_follows = true;
    return r;
}

} // namespace

TEST_CASE("a streamed upload reaches the cloud whole, one latency after its body ends", "[sim][http]") {
    HttpRig rig;
    rig.scheduler.advance_to(Millis{1000});
    REQUIRE(rig.http.send(3, upload_head("https://auth.ringside.test/v1/voice")));
    {
        std::string piece = "ab";
        REQUIRE(rig.http.send_body(3, piece));
        piece.assign("xx");  // the transport copied it
    }
    // Another request goes and comes back while the upload is still open.
    REQUIRE(rig.http.send(4, post("https://auth.ringside.test/oauth2/token", "grant_type=refresh_token")));
    run_all(rig.scheduler, Millis{1500});
    rig.scheduler.advance_to(Millis{1500});
    REQUIRE(rig.received.size() == 1);
    CHECK(rig.received[0].second.path == "/oauth2/token");
    REQUIRE(rig.http.send_body(3, "cd"));
    CHECK_FALSE(rig.http.send_body(9, "cd"));  // no such upload
    REQUIRE(rig.http.end_body(3));
    CHECK_FALSE(rig.http.send_body(3, "ef"));  // ended: no more body
    CHECK_FALSE(rig.http.end_body(3));
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.received.size() == 2);
    CHECK(rig.received[1].first == Millis{1520});
    CHECK(rig.received[1].second.path == "/v1/voice");
    CHECK(rig.received[1].second.body == "abcd");
    CHECK(rig.received[1].second.authorization == "Bearer Atza|x");
    REQUIRE(rig.log.events.size() == 2);
    CHECK(rig.log.events[1].request == 3);
    CHECK(rig.log.events[1].at == Millis{1540});
}

TEST_CASE("a streamed upload cancelled before its end never reaches the cloud, and one ended without a link fails NoNetwork", "[sim][http]") {
    HttpRig rig;
    REQUIRE(rig.http.send(3, upload_head("https://auth.ringside.test/v1/voice")));
    CHECK_FALSE(rig.http.send(3, upload_head("https://auth.ringside.test/v1/voice")));  // id still live
    REQUIRE(rig.http.send_body(3, "ab"));
    rig.http.cancel(3);
    CHECK_FALSE(rig.http.end_body(3));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());
    CHECK(rig.log.events.empty());

    // The link is looked at when the request is whole, as a send() at that instant would.
    REQUIRE(rig.http.send(5, upload_head("https://auth.ringside.test/v1/voice")));
    REQUIRE(rig.http.send_body(5, "ab"));
    rig.link = false;
    REQUIRE(rig.http.end_body(5));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.received.empty());
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].error == hal::TransportError::NoNetwork);
}
