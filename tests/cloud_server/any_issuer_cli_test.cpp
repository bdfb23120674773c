// Issue 15, "Any issuer, all the way": `ringside signin` and `ringside demo --issuer` sign in
// and refresh against a server that allows the speaker's client one scope only, given on
// the command line; a scope the server's metadata does not list is warned about, and the
// speaker names the service, not a person, when the server refuses it. The server is a real
// `ringside cloud` child configured with --clients (the client and its one scope) and a 2 s
// access-token lifetime, so refreshes come every 10 s (the firmware's floor,
// fw::kMinRefreshDelay) instead of every hour; the person signs in with curl at the page the
// child printed. Loopback only.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "cloud_server/cli_process.hpp"
#include "cloud_server/http_test_support.hpp"
#include "sim/issuer/scope_warning.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::CliProcess;
using test::CloudProcess;
using test::curl;
using test::run_cli;

namespace {

constexpr const char* kClient = "kitchen-speaker";
constexpr const char* kScope = "speaker.signin";

// A --clients file for the server: kClient may ask for kScope and nothing else.
class OneScopeClients {
public:
    OneScopeClients() {
        char name[] = "/tmp/ringside-clients-XXXXXX";
        const int fd = mkstemp(name);
        if (fd >= 0) close(fd);
        path_ = name;
        std::ofstream(path_) << "clients: [{ id: " << kClient << ", scopes: [" << kScope << "] }]\n";
    }
    ~OneScopeClients() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// `ringside cloud` allowing kClient only kScope, with access tokens living 2 s.
struct OneScopeServer {
    OneScopeClients clients;
    CloudProcess cloud{{"--clients", clients.path(), "--access-token-lifetime", "2"}};
};

// The person signs in as the demo account at `page` and presses Allow.
int approve(const std::string& page, const std::string& code) {
    return curl({"-d", "user_code=" + code, "-d", "email=demo@example.com", "-d", "password=demo", "-d",
                 "action=approve", page})
        .status;
}

int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The server's own count of refreshes it answered with tokens for kClient.
int refreshes_served(const CloudProcess& cloud) {
    const test::HttpResult journal =
        curl({"-H", "Authorization: Bearer " + cloud.admin_token(), cloud.issuer() + "/admin/journal?endpoint=token"});
    return count_of(journal.body, std::string("\"grant_type\":\"refresh_token\",\"client_id\":\"") + kClient +
                                      "\",\"status\":200");
}

const std::regex kSigninCode("user code ([B-Z]{4}-[B-Z]{4})");
const std::regex kDemoCode("verify: open \\S+\\?user_code=([B-Z]{4}-[B-Z]{4})");

} // namespace

TEST_CASE("signin --stay signs in with the scope given and shows each refresh against that server",
          "[issuer][cli][any_issuer]") {
    OneScopeServer server;
    CliProcess signin({"signin", "--issuer", server.cloud.issuer(), "--client-id", kClient, "--scope", kScope,
                       "--stay", "25s", "--timeout", "40"});
    const std::string code = signin.wait_for(kSigninCode, 20s);
    REQUIRE_FALSE(code.empty());
    REQUIRE(approve(server.cloud.issuer() + "/device", code) == 200);
    const int exit = signin.exit_code(60s);
    const std::string out = signin.text();
    INFO(out);
    CHECK(exit == 0);
    CHECK(out.find("as client kitchen-speaker, scope speaker.signin") != std::string::npos);
    CHECK(out.find("linked after") != std::string::npos);
    // Refreshes every 10 s over 25 s: two at least, each printed with its outcome, and the
    // speaker going expired -> linked around each.
    CHECK(count_of(out, " -> 200 (tokens issued)") >= 2);
    CHECK(out.find("refresh 1 -> 200 (tokens issued)") != std::string::npos);
    CHECK(out.find("refresh 2 -> 200 (tokens issued)") != std::string::npos);
    CHECK(count_of(out, "speaker device=linked auth=linked ring=off") >= 3);
    CHECK(out.find("still linked after staying 25.0s") != std::string::npos);
    // What was printed is what the server served.
    CHECK(refreshes_served(server.cloud) >= 2);
    CHECK(refreshes_served(server.cloud) == count_of(out, " -> 200 (tokens issued)"));
    // The scope is one the metadata lists: no warning.
    CHECK(out.find("warning: scope") == std::string::npos);
}

TEST_CASE("signin --stay exits 1 once the speaker loses its sign-in", "[issuer][cli][any_issuer]") {
    OneScopeServer server;
    CliProcess signin({"signin", "--issuer", server.cloud.issuer(), "--client-id", kClient, "--scope", kScope,
                       "--stay", "2m", "--timeout", "40"});
    const std::string code = signin.wait_for(kSigninCode, 20s);
    REQUIRE_FALSE(code.empty());
    REQUIRE(approve(server.cloud.issuer() + "/device", code) == 200);
    REQUIRE_FALSE(signin.wait_for(std::regex("(staying signed in for 120.0s)"), 20s).empty());
    // The account holder removes the speaker: its next refresh is refused (invalid_grant).
    const test::HttpResult revoked = curl({"-H", "Authorization: Bearer " + server.cloud.admin_token(), "-d",
                                           "account=demo", server.cloud.issuer() + "/admin/revoke"});
    REQUIRE(revoked.status == 200);
    const int exit = signin.exit_code(40s);
    const std::string out = signin.text();
    INFO(out);
    CHECK(exit == 1);
    CHECK(out.find("refresh 1 -> 400 invalid_grant (refused)") != std::string::npos);
    CHECK(out.find("lost its sign-in after") != std::string::npos);
    CHECK(out.find("still linked") == std::string::npos);
}

TEST_CASE("signin warns about a scope the metadata does not list and the speaker names the service that refused it",
          "[issuer][cli][any_issuer]") {
    OneScopeServer server;
    // The default scope, `speaker`, which this client may not have.
    const test::CliResult r = run_cli({"signin", "--issuer", server.cloud.issuer(), "--client-id", kClient, "--timeout", "20"}, {}, 40s);
    INFO(r.output);
    CHECK(r.exit_code == 1);
    // The warning names the scope and the ones the server lists, before the speaker starts.
    const auto warning = r.output.find("warning: scope 'speaker' is not among the scopes " + server.cloud.issuer() +
                                       " lists in its metadata (scopes_supported: speaker.signin)");
    CHECK(warning != std::string::npos);
    CHECK(warning < r.output.find("signing in against"));
    CHECK(r.output.find("(device_authorization) -> 400 invalid_scope") != std::string::npos);
    CHECK(r.output.find("speaker says: The sign-in service refused this speaker, reason invalid_scope.") !=
          std::string::npos);
    CHECK(r.output.find("denied by") == std::string::npos);  // no person is blamed
}

TEST_CASE("demo --issuer signs in with the client and scope given and shows its refreshes",
          "[issuer][cli][any_issuer][demo]") {
    OneScopeServer server;
    // SDL's offscreen driver, asked for explicitly: the window exists but shows nowhere.
    CliProcess demo({"demo", "--issuer", server.cloud.issuer(), "--client-id", kClient, "--scope", kScope,
                     "--exit-after", "24", "--fps", "10"},
                    {"SDL_VIDEODRIVER=offscreen"});
    const std::string code = demo.wait_for(kDemoCode, 20s);
    REQUIRE_FALSE(code.empty());
    REQUIRE(approve(server.cloud.issuer() + "/device", code) == 200);
    const int exit = demo.exit_code(45s);
    const std::string out = demo.text();
    INFO(out);
    CHECK(exit == 0);
    CHECK(out.find("cloud: " + server.cloud.issuer() + " as client kitchen-speaker, scope speaker.signin") !=
          std::string::npos);
    CHECK(out.find("device=linked auth=linked") != std::string::npos);
    CHECK(out.find("refresh 1 -> 200 (tokens issued)") != std::string::npos);
    CHECK(refreshes_served(server.cloud) >= 1);
    CHECK(out.find("warning: scope") == std::string::npos);
    // A real server's page, not the demo's account.
    CHECK(out.find("demo@example.com") == std::string::npos);
}

TEST_CASE("demo --issuer warns about a scope the metadata does not list and the speaker names the service",
          "[issuer][cli][any_issuer][demo]") {
    OneScopeServer server;
    const test::CliResult r = run_cli({"demo", "--issuer", server.cloud.issuer(), "--client-id", kClient,
                                       "--scope", "speaker profile", "--exit-after", "8", "--fps", "10"},
                                      {"SDL_VIDEODRIVER=offscreen"}, 30s);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("warning: scope 'speaker', 'profile' are not among the scopes " + server.cloud.issuer() +
                        " lists in its metadata (scopes_supported: speaker.signin)") != std::string::npos);
    CHECK(r.output.find("speaker: The sign-in service refused this speaker, reason invalid_scope.") != std::string::npos);
    CHECK(r.output.find("denied by") == std::string::npos);  // no person is blamed
}

TEST_CASE("signin demo and fleet read the issuer flags alike", "[issuer][cli][any_issuer]") {
    // One parser (sim/issuer/issuer_flags.hpp): the same refusal, word for word.
    const std::string bad_scope = "--scope 'speaker\"x': expected scope tokens separated by single spaces";
    const std::string bad_client = "--client-id '': expected 1 to 255 printable ASCII characters";
    const std::string bad_ca = "--ca /no/such/ca.pem: cannot read the file";
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"signin", "--issuer", "http://127.0.0.1:9"},
          std::vector<std::string>{"demo", "--issuer", "http://127.0.0.1:9"},
          std::vector<std::string>{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "1"}}) {
        CAPTURE(command[0]);
        const auto with = [&](std::vector<std::string> extra) {
            std::vector<std::string> args = command;
            args.insert(args.end(), extra.begin(), extra.end());
            return run_cli(args, {}, 10s);
        };
        const test::CliResult scope = with({"--scope", "speaker\"x"});
        CHECK(scope.exit_code == 2);
        CHECK(scope.output.find(bad_scope) != std::string::npos);
        const test::CliResult client = with({"--client-id", ""});
        CHECK(client.exit_code == 2);
        CHECK(client.output.find(bad_client) != std::string::npos);
        const test::CliResult ca = with({"--ca", "/no/such/ca.pem"});
        CHECK(ca.exit_code == 2);
        CHECK(ca.output.find(bad_ca) != std::string::npos);
    }
    const test::CliResult alone = run_cli({"demo", "--scope", "speaker.signin"}, {}, 10s);
    CHECK(alone.exit_code == 2);
    CHECK(alone.output.find("--scope goes with --issuer URL") != std::string::npos);
    const test::CliResult long_stay = run_cli({"signin", "--issuer", "http://127.0.0.1:9", "--stay", "25h"}, {}, 10s);
    CHECK(long_stay.exit_code == 2);
    CHECK(long_stay.output.find("--stay: expected a time from 1s to 24h") != std::string::npos);
    for (const char* command : {"signin", "demo"}) {
        CAPTURE(command);
        const test::CliResult help = run_cli({command, "--help"}, {}, 10s);
        CHECK(help.exit_code == 0);
        for (const char* flag : {"--issuer URL", "--client-id ID", "--scope S", "--ca FILE"})
            CHECK(help.output.find(flag) != std::string::npos);
    }
    CHECK(run_cli({"signin", "--help"}, {}, 10s).output.find("--stay D") != std::string::npos);
}

TEST_CASE("unlisted_scopes reads scopes_supported and warns about nothing it cannot read", "[issuer][any_issuer]") {
    std::vector<std::string> listed;
    CHECK(sim::unlisted_scopes("speaker", R"({"scopes_supported":["openid","speaker.signin"]})", listed) ==
          std::vector<std::string>{"speaker"});
    CHECK(listed == std::vector<std::string>{"openid", "speaker.signin"});
    CHECK(sim::unlisted_scopes("openid speaker.signin", R"({"scopes_supported":["openid","speaker.signin"]})", listed)
              .empty());
    CHECK(sim::unlisted_scopes("openid x y", R"({"scopes_supported":["openid"]})", listed) ==
          std::vector<std::string>{"x", "y"});
    // No list, not a list, not JSON: nothing is known, nothing is warned about.
    CHECK(sim::unlisted_scopes("speaker", R"({"issuer":"https://a"})", listed).empty());
    CHECK(sim::unlisted_scopes("speaker", R"({"scopes_supported":"speaker.signin"})", listed).empty());
    CHECK(sim::unlisted_scopes("speaker", "<html>", listed).empty());
}
