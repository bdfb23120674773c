// The virtual speaker against a real authorization server in real time: `ringside cloud`
// started as a child process stands in for "any RFC 8628 server" (its root cloud counts the
// wall clock), the speaker discovers it from its metadata, and a person signs in at the
// verification page over real HTTP (curl), as a browser would.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "cloud_server/http_test_support.hpp"
#include "sim/issuer/issuer_session.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::CloudProcess;
using test::curl;
using WallClock = sim::WallPacer::WallClock;

namespace {

// Runs the session on the wall clock, a frame every 5 ms, until `done` holds or `within`
// of wall time passed. Also proves no frame hangs: the slowest advance() is reported.
struct Pumped {
    bool done = false;
    std::chrono::milliseconds slowest_frame{0};
};
Pumped pump(sim::IssuerSession& session, std::chrono::milliseconds within, const std::function<bool()>& done) {
    Pumped p;
    const auto deadline = WallClock::now() + within;
    while (WallClock::now() < deadline) {
        const auto before = WallClock::now();
        session.advance(before);
        p.slowest_frame = std::max(p.slowest_frame,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(WallClock::now() - before));
        if (done()) {
            p.done = true;
            return p;
        }
        std::this_thread::sleep_for(5ms);
    }
    return p;
}

// A loopback port nothing listens on (bound, then closed again).
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// A loopback server that accepts connections (the kernel does, from its backlog) and never
// answers a byte: a hung server.
struct SilentServer {
    int fd = -1;
    int port = 0;
    SilentServer() {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd, 8) == 0);
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~SilentServer() { ::close(fd); }
};

std::string path_of(const std::string& url) {
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
}

std::string journal_text(const cloud::JournalEntry& e) {
    return e.method + " " + e.path + " " + e.endpoint + " " + e.grant_type + " " + e.client_id + " " +
           std::to_string(e.status) + " " + e.error;
}

} // namespace

TEST_CASE("the speaker signs in against a real RFC 8628 server in real time, from its discovered metadata",
          "[issuer][cloud_server]") {
    CloudProcess cloud;
    // What the server says about itself, read as any client would.
    const test::HttpResult metadata = curl({cloud.issuer() + "/.well-known/oauth-authorization-server"});
    REQUIRE(metadata.status == 200);
    const std::string device_path = path_of(test::field(metadata, "device_authorization_endpoint"));
    const std::string token_path = path_of(test::field(metadata, "token_endpoint"));

    sim::IssuerSession session({cloud.issuer(), ""}, WallClock::now());
    sim::VirtualSpeaker& speaker = session.speaker();
    // Its clock is the wall clock's: a real server's Date and token lifetimes mean real time.
    CHECK(std::abs(speaker.device_rtc_unix() - static_cast<std::int64_t>(std::time(nullptr))) <= 2);

    // Power-on to a code: boot (2 s), the home Wi-Fi hand-over, the join, two exchanges.
    const Pumped shown = pump(session, 15s, [&] { return !speaker.user_code().empty(); });
    REQUIRE(shown.done);
    CHECK(speaker.auth_state() == fw::AuthState::AwaitingApproval);
    CHECK(speaker.ring_pattern() == fw::RingPattern::Authorizing);
    const std::string code = speaker.user_code();
    const std::string uri = session.verification_uri();
    CHECK(uri == cloud.issuer() + "/device");
    CHECK(session.issuer().problem().empty());

    // The person at the verification page in a browser: a form POST over real HTTP.
    const test::HttpResult page = curl({"-d", "user_code=" + code, "-d", "email=demo@example.com", "-d",
                                        "password=demo", "-d", "action=approve", uri});
    REQUIRE(page.status == 200);

    // The next poll (the server's interval is 5 s, in real time) gets the tokens.
    const auto approved_at = WallClock::now();
    const Pumped linked = pump(session, 20s, [&] { return speaker.auth_state() == fw::AuthState::Linked; });
    REQUIRE(linked.done);
    CHECK(speaker.device_state() == fw::DeviceState::Linked);
    CHECK(speaker.ring_pattern() == fw::RingPattern::Off);
    CHECK(WallClock::now() - approved_at < 7s);
    CHECK(speaker.stored_refresh_token_present());
    CHECK(linked.slowest_frame < 2s);  // loopback exchanges: no frame stalls

    // The speaker's journal: the discovered endpoints, in the grant's order.
    const auto& journal = session.issuer().journal();
    REQUIRE(journal.size() >= 3);
    CHECK(journal[0].method == "GET");
    CHECK(journal[0].path == "/.well-known/oauth-authorization-server");
    CHECK(journal[0].endpoint == "metadata");
    CHECK(journal[0].status == 200);
    CHECK(journal[1].method == "POST");
    CHECK(journal[1].path == device_path);
    CHECK(journal[1].endpoint == "device_authorization");
    CHECK(journal[1].client_id == "ringside-speaker");
    CHECK(journal[1].status == 200);
    const auto polls = std::count_if(journal.begin(), journal.end(), [&](const cloud::JournalEntry& e) {
        return e.path == token_path && e.endpoint == "token" && e.grant_type == "device_code";
    });
    CHECK(polls >= 1);
    const auto granted = std::find_if(journal.begin(), journal.end(), [](const cloud::JournalEntry& e) {
        return e.endpoint == "token" && e.status == 200;
    });
    REQUIRE(granted != journal.end());
    CHECK(granted->grant_type == "device_code");

    // The server saw the same exchanges on its sockets.
    const test::HttpResult server_journal =
        curl({"-H", "Authorization: Bearer " + cloud.admin_token(), cloud.issuer() + "/admin/journal"});
    REQUIRE(server_journal.status == 200);
    CHECK(server_journal.body.find("\"endpoint\":\"metadata\"") != std::string::npos);
    CHECK(server_journal.body.find("\"endpoint\":\"device_authorization\"") != std::string::npos);
    CHECK(server_journal.body.find("\"grant_type\":\"device_code\",\"client_id\":\"ringside-speaker\",\"status\":200") !=
          std::string::npos);

    // No secret that crossed the wire is in the journal, the trace or the problem line.
    const std::set<std::string> secrets = speaker.secrets_used();
    REQUIRE(secrets.count(code) == 1);  // the witness saw the exchanges
    REQUIRE(secrets.size() >= 4);       // device code, user code, access and refresh tokens
    for (const std::string& secret : secrets) {
        for (const cloud::JournalEntry& e : journal) CHECK(journal_text(e).find(secret) == std::string::npos);
        for (const sim::TraceLine& l : speaker.trace())
            CHECK((l.category + " " + l.event + " " + l.detail).find(secret) == std::string::npos);
    }
}

TEST_CASE("an unreachable issuer: the speaker reports connection failures and keeps retrying, no frame hangs",
          "[issuer]") {
    const std::string issuer = "http://127.0.0.1:" + std::to_string(closed_port());
    sim::IssuerSession session({issuer, ""}, WallClock::now());
    sim::VirtualSpeaker& speaker = session.speaker();

    const auto& journal = session.issuer().journal();
    const auto failed = [&] {
        return std::count_if(journal.begin(), journal.end(), [](const cloud::JournalEntry& e) {
            return e.endpoint == "metadata" && e.status == 0 && e.error == "connection_failed";
        });
    };
    // Boot, the hand-over, the join, then retries on the firmware's back-off (0, 1, 2 s...).
    const Pumped tried = pump(session, 10s, [&] { return failed() >= 3; });
    REQUIRE(tried.done);
    CHECK(tried.slowest_frame < 1s);  // refused at once: the window keeps drawing
    CHECK(speaker.device_state() == fw::DeviceState::Authorizing);
    CHECK(speaker.auth_state() == fw::AuthState::Discovering);  // still trying, never a code
    CHECK(speaker.user_code().empty());
    CHECK(speaker.ring_pattern() == fw::RingPattern::WifiError);  // purple: a connection problem
    CHECK(session.issuer().problem().find("cannot be reached") != std::string::npos);
    CHECK(session.issuer().problem().find(issuer) != std::string::npos);
    // The firmware heard each failure as the transport error it is.
    const auto& trace = speaker.trace();
    CHECK(std::any_of(trace.begin(), trace.end(), [](const sim::TraceLine& l) {
        return l.category == "http" && l.event == "response" && l.detail == "connection_failed";
    }));
}

TEST_CASE("an issuer whose metadata is not JSON is a clear failure, and no code is asked for", "[issuer][cloud_server]") {
    CloudProcess cloud;
    // A captive portal or a web server in the way: 200 with an HTML page, every time.
    const test::HttpResult fault =
        curl({"-H", "Authorization: Bearer " + cloud.admin_token(), "-d", "endpoint=metadata", "-d", "status=200", "-d",
              "raw_body=<html><body>Welcome</body></html>", "-d", "content_type=text/html", "-d", "count=0",
              cloud.issuer() + "/admin/faults"});
    REQUIRE(fault.status == 201);

    sim::IssuerSession session({cloud.issuer(), ""}, WallClock::now());
    const Pumped seen = pump(session, 10s, [&] { return !session.issuer().problem().empty(); });
    REQUIRE(seen.done);
    const std::string problem = session.issuer().problem();
    INFO(problem);
    CHECK(problem.find("metadata") != std::string::npos);
    CHECK(problem.find("not a JSON object") != std::string::npos);
    CHECK(problem.find("text/html") != std::string::npos);
    // The speaker keeps rediscovering (the portal may go away) and never asks for a code.
    pump(session, 2s, [] { return false; });
    CHECK(session.speaker().auth_state() == fw::AuthState::Discovering);
    CHECK(session.speaker().user_code().empty());
    const auto& journal = session.issuer().journal();
    CHECK(std::none_of(journal.begin(), journal.end(),
                       [](const cloud::JournalEntry& e) { return e.endpoint == "device_authorization"; }));
}

TEST_CASE("IssuerCloud: a hung server times out within the read timeout, a closed port is refused",
          "[issuer]") {
    SilentServer silent;
    cloud::CloudConfig config;
    config.issuer = "http://127.0.0.1:" + std::to_string(silent.port);
    cloud::IssuerCloud hung({config.issuer, "", 1000ms, 300ms}, config);
    const cloud::CloudRequest get{"GET", "/.well-known/oauth-authorization-server", "", "", ""};
    const auto started = WallClock::now();
    const cloud::CloudResponse timed_out = hung.handle(get, 0ms);
    const auto took = WallClock::now() - started;
    CHECK(timed_out.no_answer == cloud::NoAnswer::Timeout);
    CHECK(took >= 250ms);
    CHECK(took < 3s);
    CHECK(timed_out.delay >= 250ms);  // the real wait is the device's wait
    REQUIRE(hung.journal().size() == 1);
    CHECK(hung.journal()[0].status == 0);
    CHECK(hung.journal()[0].error == "timeout");

    config.issuer = "http://127.0.0.1:" + std::to_string(closed_port());
    cloud::IssuerCloud refused({config.issuer, ""}, config);
    CHECK(refused.handle(get, 0ms).no_answer == cloud::NoAnswer::ConnectionFailed);
    CHECK(refused.journal().at(0).error == "connection_failed");
}

TEST_CASE("IssuerCloud: what only the mock cloud can do is refused by name, and so is a bad issuer URL",
          "[issuer]") {
    cloud::CloudConfig config;
    config.issuer = "https://auth.example.com";
    cloud::IssuerCloud issuer({config.issuer, ""}, config);
    CHECK_THROWS_WITH(issuer.approve("BCDF-GHJK", "demo", 0ms), Catch::Contains("not available against an external issuer"));
    CHECK_THROWS_AS(issuer.deny("BCDF-GHJK", 0ms), cloud::NotAvailableAgainstIssuer);
    CHECK_THROWS_AS(issuer.approve_after_polls("BCDF-GHJK", "demo", 2, 0ms), cloud::NotAvailableAgainstIssuer);
    CHECK_THROWS_AS(issuer.revoke_account("demo", {}), std::logic_error);
    CHECK_THROWS_AS(issuer.add_fault(cloud::Fault{}), cloud::NotAvailableAgainstIssuer);
    CHECK_THROWS_AS(issuer.refresh_token_account("x"), cloud::NotAvailableAgainstIssuer);
    CHECK_THROWS_AS(issuer.voice_state("demo"), cloud::NotAvailableAgainstIssuer);
    CHECK_THROWS_AS(issuer.delete_recordings("demo"), cloud::NotAvailableAgainstIssuer);
    CHECK(issuer.journal().empty());
    CHECK(issuer.config().issuer == "https://auth.example.com");

    CHECK_THROWS_WITH(cloud::IssuerCloud({"ftp://auth.example.com", ""}, config), Catch::Contains("http:// or https://"));
    CHECK_THROWS_AS(sim::IssuerSession({"not a url", ""}, WallClock::now()), std::invalid_argument);
}

TEST_CASE("over https the speaker trusts the issuer through the CA it is given, and names an untrusted certificate",
          "[issuer][tls]") {
    const auto dir = std::filesystem::temp_directory_path() / "ringside-issuer-tls-test";
    std::filesystem::create_directories(dir);
    const std::string ca = (dir / "ca.pem").string();
    CloudProcess cloud({"--tls", "--ca-out", ca});
    REQUIRE(cloud.issuer().rfind("https://", 0) == 0);

    sim::IssuerSessionOptions trusted{cloud.issuer(), ""};
    trusted.ca_file = ca;
    sim::IssuerSession session(trusted, WallClock::now());
    REQUIRE(pump(session, 15s, [&] { return !session.speaker().user_code().empty(); }).done);
    CHECK(session.verification_uri() == cloud.issuer() + "/device");
    CHECK(session.issuer().journal().at(0).status == 200);

    sim::IssuerSession untrusted({cloud.issuer(), ""}, WallClock::now());
    const auto& journal = untrusted.issuer().journal();
    REQUIRE(pump(untrusted, 10s, [&] { return !journal.empty(); }).done);
    CHECK(journal[0].endpoint == "metadata");
    CHECK(journal[0].error == "tls_failed");
    pump(untrusted, 1s, [] { return false; });  // the firmware's clock sync after a TLS failure, too
    const std::string problem = untrusted.issuer().problem();
    INFO(problem);
    CHECK(problem.find("certificate of " + cloud.issuer().substr(0, cloud.issuer().rfind(':'))) != std::string::npos);
    CHECK(problem.find("not trusted") != std::string::npos);
    CHECK(problem.find("--ca FILE") != std::string::npos);
    CHECK(untrusted.speaker().user_code().empty());
    std::filesystem::remove_all(dir);
}

TEST_CASE("endpoints the metadata names on another host than the issuer's are reached there", "[issuer][cloud_server]") {
    CloudProcess cloud;
    // The same server under another name (localhost for 127.0.0.1): another origin, as a
    // server whose token endpoint lives on its own host (Google's do) would name it.
    const std::string port = cloud.issuer().substr(cloud.issuer().rfind(':') + 1);
    const std::string elsewhere = "http://localhost:" + port;
    const std::string metadata = "{\"issuer\":\"" + cloud.issuer() + "\",\"device_authorization_endpoint\":\"" +
                                 elsewhere + "/oauth2/device_authorization\",\"token_endpoint\":\"" + elsewhere +
                                 "/oauth2/token\",\"grant_types_supported\":[\"urn:ietf:params:oauth:grant-type:device_code\"]}";
    REQUIRE(curl({"-H", "Authorization: Bearer " + cloud.admin_token(), "-d", "endpoint=metadata", "-d", "status=200",
                  "--data-urlencode", "raw_body=" + metadata, "-d", "content_type=application/json", "-d", "count=0",
                  cloud.issuer() + "/admin/faults"})
                .status == 201);

    sim::IssuerSession session({cloud.issuer(), ""}, WallClock::now());
    REQUIRE(pump(session, 15s, [&] { return !session.speaker().user_code().empty(); }).done);
    const auto& journal = session.issuer().journal();
    REQUIRE(journal.size() >= 2);
    CHECK(journal[0].endpoint == "metadata");
    CHECK(journal[1].endpoint == "device_authorization");
    CHECK(journal[1].status == 200);
    CHECK(session.issuer().problem().empty());
    // A world whose network answers only the issuer's origin never gets that far.
    CHECK(session.speaker().auth_state() == fw::AuthState::AwaitingApproval);
}
