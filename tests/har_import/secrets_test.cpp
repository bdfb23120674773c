// Done-when 3 of issue 15 (secrets): no secret of a capture appears in anything the import
// writes — the scenario file, stdout, stderr — whether it imports or is refused; and the
// scenario with stand-ins still plays.
#include <catch2/catch.hpp>

#include "cloud_server/child.hpp"
#include "har_import/har_test_support.hpp"

using namespace ringside::test;

namespace {

const char* const kCapture = "tests/data/har/secret_bearing.har";

// Every secret tests/data/har/secret_bearing.har carries, in every place it carries it.
const std::vector<std::string> kSecrets = {
    "secret-device-code-Qm9vbGVhbkNvZGU4NjI0",
    "KXWZ-PLMB",  // the user code
    "Atza|secret-access-token-one-77f1c2", "Atzr|secret-refresh-token-one-a9d0e4",
    "Atza|secret-access-token-two-31bb70", "Atzr|secret-refresh-token-two-5cfe28",
    "Atzr%7Csecret-refresh-token-one-a9d0e4", "Atzr%7Csecret-refresh-token-two-5cfe28",  // as the forms sent them
    "secret-client-secret-e1f2",
    "cmluZ3NpZGUtc3BlYWtlcjpzZWNyZXQtY2xpZW50LXNlY3JldC1lMWYy",  // base64 of the Basic credentials
    "secret-account-password-Hunter2", "secret-session-cookie-0d4c3b2a", "secret-set-cookie-value-9e8f",
    "secret-api-key-6a5b4c3d", "secret-id-token-payload",
    // Parts any leak would show, however it was spelled around them.
    "secret-access", "secret-refresh", "secret-device", "secret-client", "secret-account", "secret-session",
    "secret-set", "secret-api", "secret-id"};

void no_secret_in(const std::string& where, const std::string& text) {
    for (const std::string& s : kSecrets) {
        INFO(where << " holds " << s << ":\n" << text);
        CHECK(text.find(s) == std::string::npos);
    }
}

} // namespace

TEST_CASE("the secret-bearing capture holds every secret the test looks for", "[har][secrets]") {
    // Proves the check below looks for what is really there: each secret is in the capture.
    const std::string capture = read_text(std::string(RINGSIDE_SOURCE_DIR) + "/" + kCapture);
    for (const std::string& s : kSecrets) {
        INFO(s);
        CHECK(capture.find(s) != std::string::npos);
    }
}

TEST_CASE("no secret of a capture appears in the scenario or the import's output", "[har][secrets]") {
    const std::string dir = scratch_dir("secrets");
    const CliResult to_file = run_cli({"import", "har", kCapture, "--out", dir + "/s.yaml"});
    REQUIRE(to_file.exit_code == 0);
    const std::string scenario = read_text(dir + "/s.yaml");
    no_secret_in("the scenario file", scenario);
    no_secret_in("the output of import --out", to_file.output);
    const CliResult to_stdout = run_cli({"import", "har", kCapture});
    REQUIRE(to_stdout.exit_code == 0);
    no_secret_in("the scenario on stdout", to_stdout.output);
    // Stand-ins where the capture's answers quoted secrets (an HTML page echoing a token).
    CHECK_THAT(scenario, Catch::Contains("refresh_token=stand-in-"));
    CHECK_THAT(scenario, Catch::Contains("\"id_token\": \"stand-in-"));

    // The stand-ins play: the run goes through the captured sign-in, refresh and revocation.
    const CliResult run = run_cli({"run", dir + "/s.yaml", "--trace", dir + "/trace"});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    no_secret_in("the run's output", run.output);
    const auto http = trace_sequence(dir + "/trace", {"http"});
    CHECK(std::find(http.begin(), http.end(), "http response 502") != http.end());
    CHECK(std::find(http.begin(), http.end(), "http request POST /oauth2/revoke refresh_token") != http.end());
    // The captured refusal of the revocation reaches the speaker.
    CHECK_THAT(read_text(dir + "/trace/s.jsonl"), Catch::Contains("\"revocation\",\"detail\":\"refused: 400 invalid_request\""));
}

TEST_CASE("a refused capture's error quotes none of its secrets", "[har][secrets]") {
    const std::string capture = read_text(std::string(RINGSIDE_SOURCE_DIR) + "/" + kCapture);
    const std::string dir = scratch_dir("secret-errors");
    const auto refuse = [&](const std::string& name, const std::string& text) {
        const std::string path = dir + "/" + name + ".har";
        write_text(path, text);
        const CliResult r = run_cli({"import", "har", path});
        INFO(name << ": " << r.output);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains(path));
        no_secret_in("the error for " + name, r.output);
    };
    // Cut right after a token; a token where a number belongs; a token left unquoted (the
    // parser stops on it); a token as a member name.
    const std::string token = "Atzr|secret-refresh-token-one-a9d0e4";
    refuse("cut_after_secret", capture.substr(0, capture.find(token) + token.size()));
    std::string typed = capture;
    typed.replace(typed.find("\"status\": 200"), 13, "\"status\": \"" + token + "\"");
    refuse("secret_as_status", typed);
    std::string bare = capture;
    const std::string header = "\"Bearer Atza|secret-access-token-two-31bb70\"";
    bare.replace(bare.find(header), header.size(), "Atza|secret-access-token-two-31bb70");
    refuse("unquoted_secret", bare);
    refuse("secret_as_name", "{\"log\": {\"" + token + "\": 1}}");
}
