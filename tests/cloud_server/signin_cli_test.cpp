// `ringside signin` as a support engineer runs it: a child process against `ringside cloud`,
// read line by line as it prints, with the person signing in over HTTP from the test.
#include <catch2/catch.hpp>

#include "secret_like_run.hpp"

#include <regex>

#include "cloud_server/cli_process.hpp"
#include "cloud_server/http_test_support.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::CloudProcess;
using test::curl;
using test::longest_secret_like_run;
using test::run_cli;

namespace {

// `ringside signin ARGS` running; its output collected as it comes.
class SigninProcess : public test::CliProcess {
public:
    explicit SigninProcess(std::vector<std::string> args) : CliProcess(with_command(std::move(args))) {}

private:
    static std::vector<std::string> with_command(std::vector<std::string> args) {
        args.insert(args.begin(), "signin");
        return args;
    }
};

} // namespace

TEST_CASE("ringside signin prints the code and where to enter it, and exits 0 once the person signed in",
          "[issuer][cli]") {
    CloudProcess cloud;
    SigninProcess signin({"--issuer", cloud.issuer(), "--timeout", "40"});
    const std::string code = signin.wait_for(std::regex("user code ([B-Z]{4}-[B-Z]{4})"), 20s);
    REQUIRE(!code.empty());
    const std::string uri = signin.wait_for(std::regex("open (\\S+) and enter the code"), 2s);
    CHECK(uri == cloud.issuer() + "/device");

    const test::HttpResult page = curl({"-d", "user_code=" + code, "-d", "email=demo@example.com", "-d",
                                        "password=demo", "-d", "action=approve", uri});
    REQUIRE(page.status == 200);
    CHECK(signin.exit_code(30s) == 0);

    const std::string out = signin.text();
    INFO(out);
    // The states as the speaker went through them, and the exchanges by discovered endpoint.
    CHECK(out.find("speaker device=setup") != std::string::npos);
    CHECK(out.find("auth=awaiting_approval ring=authorizing") != std::string::npos);
    CHECK(out.find("speaker device=linked auth=linked ring=off") != std::string::npos);
    CHECK(out.find("http GET /.well-known/oauth-authorization-server (metadata) -> 200") != std::string::npos);
    CHECK(out.find("http POST /oauth2/device_authorization (device_authorization) -> 200") != std::string::npos);
    CHECK(out.find("http POST /oauth2/token (token) -> 200") != std::string::npos);
    CHECK(out.find("linked after") != std::string::npos);
    // The code is printed for the person, once; no token, device code or password is.
    CHECK(out.find(code) == out.rfind(code));
    CHECK(longest_secret_like_run(out) < 40);
    CHECK(out.find("password") == std::string::npos);
    CHECK(out.find("Bearer") == std::string::npos);
}

TEST_CASE("ringside signin exits 1 when nobody signs in in time, and names an unreachable server", "[issuer][cli]") {
    SECTION("nobody signs in") {
        CloudProcess cloud;
        const test::CliResult r = run_cli({"signin", "--issuer", cloud.issuer(), "--timeout", "4"}, {}, 20s);
        INFO(r.output);
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("user code ") != std::string::npos);
        CHECK(r.output.find("not linked within 4.0s") != std::string::npos);
    }
    SECTION("nothing answers at the issuer") {
        // Port 9 (discard) on loopback: nothing listens in the test machine.
        const test::CliResult r = run_cli({"signin", "--issuer", "http://127.0.0.1:9", "--timeout", "5"}, {}, 20s);
        INFO(r.output);
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("(metadata) -> no answer connection_failed") != std::string::npos);
        CHECK(r.output.find("problem: the server at http://127.0.0.1:9 cannot be reached") != std::string::npos);
        CHECK(r.output.find("user code") == std::string::npos);
    }
}

TEST_CASE("ringside signin: bad usage exits 2 with what was expected", "[issuer][cli]") {
    const auto no_issuer = run_cli({"signin"}, {}, 10s);
    CHECK(no_issuer.exit_code == 2);
    CHECK(no_issuer.output.find("needs --issuer URL") != std::string::npos);

    const auto bad_url = run_cli({"signin", "--issuer", "auth.example.com"}, {}, 10s);
    CHECK(bad_url.exit_code == 2);
    CHECK(bad_url.output.find("expected an absolute http:// or https:// URL") != std::string::npos);

    const auto bad_timeout = run_cli({"signin", "--issuer", "http://127.0.0.1:9", "--timeout", "soon"}, {}, 10s);
    CHECK(bad_timeout.exit_code == 2);
    CHECK(bad_timeout.output.find("--timeout: expected seconds") != std::string::npos);

    const auto unknown = run_cli({"signin", "--issuer", "http://127.0.0.1:9", "--speed", "10"}, {}, 10s);
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.output.find("unknown option '--speed'") != std::string::npos);
}
