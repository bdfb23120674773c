// Same logic, two transports: every scenario played against `ringside cloud` over real HTTP
// (`ringside run --cloud URL`) must reach the verdict, the trace and the journal it reaches
// against the cloud in process, and a cloud that cannot serve must stop the run clearly.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "suite_files.hpp"
#include "cloud_server/http_test_support.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"
#include "sim/cloud_client/remote_cloud.hpp"

using namespace ringside;
using namespace ringside::test;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string token_env(const CloudProcess& cloud) { return "RINGSIDE_CLOUD_TOKEN=" + cloud.admin_token(); }

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ringside-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

// Every scenario's PASS/FAIL line without its wall time, in order.
std::vector<std::string> verdicts(const std::string& output) {
    std::vector<std::string> out;
    const std::regex line("^(PASS|FAIL|ERROR) +(.*)  \\(virtual ([^,]*), wall [0-9]+ ms\\)$");
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);) {
        std::smatch m;
        if (std::regex_match(l, m, line)) out.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
    }
    return out;
}

std::vector<std::string> scenario_files() { return test::everyday_suite_files(); }

} // namespace

TEST_CASE("the whole suite over HTTP: same verdicts, byte-identical trace files", "[http][suite]") {
    CloudProcess cloud;
    const fs::path inproc = fresh_dir("inproc"), http = fresh_dir("http");
    const CliResult local = run_cli({"run", "scenarios", "-j", "2", "--skip-tag", "herd", "--trace", inproc.string()});
    const CliResult remote = run_cli({"run", "scenarios", "-j", "2", "--skip-tag", "herd", "--cloud", cloud.issuer(), "--trace", http.string()},
                                     {token_env(cloud)});
    INFO(remote.output);
    REQUIRE(local.exit_code == 0);
    REQUIRE(remote.exit_code == 0);
    const auto verdicts_local = verdicts(local.output);
    CHECK(verdicts_local.size() == scenario_files().size());
    CHECK(verdicts(remote.output) == verdicts_local);

    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(inproc)) names.push_back(e.path().filename().string());
    CHECK(names.size() == 3 * scenario_files().size());
    for (const std::string& name : names) {
        INFO(name);
        REQUIRE(fs::exists(http / name));
        CHECK(read_file(http / name) == read_file(inproc / name));
    }
    // Each world closed its tenant on the way out.
    const HttpResult gone = curl({"-X", "DELETE", "-H", "Authorization: Bearer " + cloud.admin_token(),
                                  cloud.issuer() + "/admin/tenants/t1"});
    CHECK(gone.status == 404);
    CHECK(cloud.running());
    fs::remove_all(inproc);
    fs::remove_all(http);
}

TEST_CASE("every scenario's journal over HTTP equals its journal in process", "[http][suite]") {
    CloudProcess cloud;
    const cloud::RemoteCloudOptions remote{cloud.issuer(), cloud.admin_token(), ""};
    const sim::CloudFactory over_http = [&](const cloud::CloudConfig& c) {
        return std::make_unique<cloud::RemoteCloud>(remote, c);
    };
    std::size_t requests = 0;
    for (const std::string& file : scenario_files()) {
        INFO(file);
        const runner::Scenario s = runner::load_scenario(file);
        const runner::ScenarioResult a = runner::run_scenario(s, s.seed);
        const runner::ScenarioResult b = runner::run_scenario(s, s.seed, {over_http, {}});
        REQUIRE_FALSE(b.lost);
        CHECK(a.passed() == b.passed());
        CHECK(a.virtual_end == b.virtual_end);
        CHECK(a.trace.size() == b.trace.size());
        REQUIRE(a.journal.size() == b.journal.size());
        requests += a.journal.size();
        for (std::size_t i = 0; i < a.journal.size(); ++i) {
            const cloud::JournalEntry &x = a.journal[i], &y = b.journal[i];
            INFO("journal entry " << i << ": " << x.path);
            CHECK(x.at == y.at);
            CHECK(x.method == y.method);
            CHECK(x.path == y.path);
            CHECK(x.endpoint == y.endpoint);
            CHECK(x.grant_type == y.grant_type);
            CHECK(x.client_id == y.client_id);
            CHECK(x.status == y.status);
            CHECK(x.error == y.error);
            CHECK(x.faulted == y.faulted);
            CHECK(x.delay == y.delay);
        }
    }
    CHECK(requests > 500);  // the comparison covered real traffic
}

TEST_CASE("a failing scenario fails the same way over HTTP, with a repro line naming the cloud", "[http][suite]") {
    CloudProcess cloud;
    const std::string file = "tests/data/failing/linked_within_1s.yaml";
    const CliResult local = run_cli({"run", file});
    const CliResult remote = run_cli({"run", file, "--cloud", cloud.issuer()}, {token_env(cloud)});
    CHECK(local.exit_code == 1);
    CHECK(remote.exit_code == 1);
    CHECK(verdicts(remote.output) == verdicts(local.output));
    CHECK_THAT(remote.output, Catch::Contains("expected auth linked within 1s"));
    CHECK_THAT(remote.output, Catch::Contains("repro: " + std::string(RINGSIDE_BINARY) + " run " + file + " --seed 42 --cloud " + cloud.issuer()));
}

TEST_CASE("a cloud that cannot serve the run stops it with exit 2 and says why", "[http][suite]") {
    const std::string one = "scenarios/sign_in/first_time_setup_and_sign_in.yaml";
    CloudProcess cloud;
    SECTION("no admin token") {
        const CliResult r = run_cli({"run", one, "--cloud", cloud.issuer()}, {"RINGSIDE_CLOUD_TOKEN="});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains("needs the cloud's admin token in RINGSIDE_CLOUD_TOKEN"));
    }
    SECTION("a wrong admin token") {
        const CliResult r = run_cli({"run", one, "--cloud", cloud.issuer()}, {"RINGSIDE_CLOUD_TOKEN=not-the-token"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains("refused the admin token"));
    }
    SECTION("nothing listening") {
        const std::string url = cloud.issuer();
        cloud.stop();
        const CliResult r = run_cli({"run", one, "--cloud", url}, {token_env(cloud)});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains("the cloud at " + url + " cannot be reached"));
    }
    SECTION("not a URL") {
        const CliResult r = run_cli({"run", one, "--cloud", "localhost:8080"}, {token_env(cloud)});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains("expected inproc or the URL of a ringside cloud"));
    }
}

TEST_CASE("a cloud that dies during a scenario is reported as lost, not as a firmware failure", "[http][suite]") {
    CloudProcess cloud;
    const runner::Scenario s = runner::load_scenario(std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/tokens/hourly_refresh_for_24h.yaml");
    const cloud::RemoteCloudOptions remote{cloud.issuer(), cloud.admin_token(), ""};
    int made = 0;
    // The world gets its tenant, then the server dies before the first request.
    const sim::CloudFactory dying = [&](const cloud::CloudConfig& c) {
        auto r = std::make_unique<cloud::RemoteCloud>(remote, c);
        ++made;
        cloud.kill_hard();
        return r;
    };
    const runner::ScenarioResult r = runner::run_scenario(s, s.seed, {dying, {}});
    CHECK(made == 1);
    CHECK(r.lost);
    REQUIRE_FALSE(r.passed());
    CHECK_THAT(r.failure->message, Catch::StartsWith("lost the cloud: the cloud at " + cloud.issuer()));
}

TEST_CASE("over TLS the run trusts the cloud's own CA and refuses any other", "[http][suite][tls]") {
    const fs::path dir = fresh_dir("tls");
    fs::create_directories(dir);
    const std::string ca = (dir / "ca.pem").string(), other_ca = (dir / "other.pem").string();
    CloudProcess cloud({"--tls", "--ca-out", ca});
    CloudProcess other({"--tls", "--ca-out", other_ca});
    const std::string one = "scenarios/sign_in/first_time_setup_and_sign_in.yaml";
    REQUIRE(cloud.issuer().rfind("https://", 0) == 0);

    const CliResult trusted = run_cli({"run", one, "--cloud", cloud.issuer(), "--cloud-ca", ca}, {token_env(cloud)});
    INFO(trusted.output);
    CHECK(trusted.exit_code == 0);
    const CliResult wrong = run_cli({"run", one, "--cloud", cloud.issuer(), "--cloud-ca", other_ca}, {token_env(cloud)});
    CHECK(wrong.exit_code == 2);
    CHECK_THAT(wrong.output, Catch::Contains("has a certificate this run does not trust (not signed by " + other_ca + ")"));
    const CliResult none = run_cli({"run", one, "--cloud", cloud.issuer()}, {token_env(cloud)});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.output, Catch::Contains("pass its CA with --cloud-ca FILE"));
    fs::remove_all(dir);
}

TEST_CASE("explore over HTTP finds and shrinks what it finds in process, to the same scenario file", "[http][explore]") {
    CloudProcess cloud;
    const fs::path inproc = fresh_dir("explore-inproc"), http = fresh_dir("explore-http");
    const std::vector<std::string> args{"explore", "scenarios/sign_in/first_time_setup_and_sign_in.yaml", "--plant",
                                        "no_slow_down", "--faults", "slow_down,5xx", "--runs", "20", "-j", "2"};
    auto local_args = args, remote_args = args;
    local_args.insert(local_args.end(), {"--out", inproc.string()});
    remote_args.insert(remote_args.end(), {"--out", http.string(), "--cloud", cloud.issuer()});
    const CliResult local = run_cli(local_args);
    const CliResult remote = run_cli(remote_args, {token_env(cloud)});
    INFO(local.output << "\n---\n" << remote.output);
    REQUIRE(local.exit_code == 1);
    REQUIRE(remote.exit_code == 1);
    const std::string file = "first_time_setup_and_sign_in.poll_interval.yaml";
    REQUIRE(fs::exists(inproc / file));
    REQUIRE(fs::exists(http / file));
    CHECK(read_file(http / file) == read_file(inproc / file));
    CHECK_THAT(remote.output, Catch::Contains("reproduces under ringside run"));
}
