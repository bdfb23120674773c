// `ringside fleet` as a person runs it: a child process against the real `ringside cloud`
// on loopback, its figures checked against the cloud's own request journal.
#include <catch2/catch.hpp>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <thread>
#include <tuple>

#include "cloud_server/child.hpp"
#include "secret_like_run.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::CloudProcess;
using test::curl;
using test::run_cli;
using Json = nlohmann::json;
namespace bp = boost::process;

namespace {

// Long enough that no secret-like run could hide in it, and found nowhere else in the output.
constexpr const char* kPassword = "fleet-approver-password-7731";

test::HttpResult admin(const CloudProcess& cloud, const std::string& what, const std::vector<std::string>& fields) {
    std::vector<std::string> args{"-H", "Authorization: Bearer " + cloud.admin_token()};
    for (const auto& f : fields) {
        args.push_back("-d");
        args.push_back(f);
    }
    args.push_back(cloud.issuer() + "/admin/" + what);
    return curl(args);
}

Json read_json(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    return Json::parse(in);
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".json")).string();
}

using Kind = std::tuple<std::string, std::string, int, std::string>;  // endpoint, grant, status, error

} // namespace

TEST_CASE("ringside fleet links 20 speakers through the verification page and counts what the cloud journalled",
          "[fleet][cli]") {
    CloudProcess cloud({"--access-token-lifetime", "20"});
    REQUIRE(admin(cloud, "accounts", {"id=load", "email=load@example.com", std::string("password=") + kPassword}).status == 201);
    // Waits and errors the fleet must count as the cloud does: two extra polls answered
    // pending, three refreshes answered 503 (the firmware retries them).
    REQUIRE(admin(cloud, "faults", {"endpoint=token", "grant=device_code", "error=authorization_pending", "count=2"}).status == 201);
    REQUIRE(admin(cloud, "faults", {"endpoint=token", "grant=refresh_token", "status=503", "count=3"}).status == 201);

    const std::string json_file = temp_path("fleet-summary");
    const auto started = std::chrono::steady_clock::now();
    const test::CliResult r = run_cli({"fleet", "--issuer", cloud.issuer(), "--speakers", "20", "--ramp", "10/s",
                                       "--duration", "50s", "--refreshes", "1", "--approve-as", "load@example.com",
                                       "--json", json_file},
                                      {std::string("RINGSIDE_APPROVE_PASSWORD=") + kPassword}, 60s);
    const auto took = std::chrono::steady_clock::now() - started;
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(took < 40s);
    CHECK(r.output.find("ended by done") != std::string::npos);
    CHECK(r.output.find("started 20 of 20, linked 20, stayed linked 20") != std::string::npos);
    // No password, user code or token in what it printed or wrote.
    const Json summary = read_json(json_file);
    const std::string written = summary.dump();
    for (const std::string& text : {r.output, written}) {
        CHECK(text.find(kPassword) == std::string::npos);
        CHECK(!std::regex_search(text, std::regex("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}")));
        CHECK(test::longest_secret_like_run(text) < 40);
    }

    CHECK(summary["schema"] == "ringside-fleet/2");
    CHECK(summary["speakers"]["started"] == 20);
    CHECK(summary["speakers"]["linked"] == 20);
    CHECK(summary["speakers"]["stayed_linked"] == 20);
    CHECK(summary["refreshes"] == 20);
    CHECK(summary["sign_in_latency"]["from"] == "power_on");
    CHECK(summary["sign_in_latency"]["count"] == 20);
    CHECK(summary["sign_in_latency"]["p50_ms"].get<double>() > 0);
    CHECK(summary["sign_in_latency"]["p50_ms"] <= summary["sign_in_latency"]["p99_ms"]);
    CHECK(summary["sign_in_latency"]["p99_ms"] <= summary["sign_in_latency"]["max_ms"]);
    CHECK(summary["approvals"]["approved"] == 20);

    // The cloud's own journal, every entry.
    const test::HttpResult journal_answer =
        curl({"-H", "Authorization: Bearer " + cloud.admin_token(), cloud.issuer() + "/admin/journal"});
    REQUIRE(journal_answer.status == 200);
    const Json journal = Json::parse(journal_answer.body);
    std::map<Kind, int> cloud_speakers, fleet_speakers;
    std::map<std::string, int> cloud_page, fleet_page, cloud_by_endpoint, cloud_token_by_grant;
    for (const Json& e : journal["entries"]) {
        const std::string endpoint = e["endpoint"];
        // The verification page's requests are the approver's, a person's part: told apart.
        if (endpoint == "verification") {
            ++cloud_page[std::to_string(e["status"].get<int>())];
            continue;
        }
        ++cloud_by_endpoint[endpoint];
        const std::string grant = endpoint == "token" ? e["grant_type"].get<std::string>() : "";
        if (endpoint == "token") ++cloud_token_by_grant[grant];
        ++cloud_speakers[Kind{endpoint, grant, e["status"].get<int>(), e["error"].get<std::string>()}];
    }
    for (const Json& k : summary["requests"]["kinds"])
        fleet_speakers[Kind{k["endpoint"], k["grant_type"], k["status"], k["error"]}] += k["count"].get<int>();
    for (const auto& [status, n] : summary["approvals"]["by_status"].items()) fleet_page[status] = n.get<int>();

    CHECK(fleet_speakers == cloud_speakers);
    CHECK(fleet_page == cloud_page);
    CHECK(cloud_page["200"] == 20);
    CHECK(summary["requests"]["by_endpoint"]["device_authorization"] == cloud_by_endpoint["device_authorization"]);
    CHECK(summary["requests"]["token_by_grant"]["device_code"] == cloud_token_by_grant["device_code"]);
    CHECK(summary["requests"]["token_by_grant"]["refresh_token"] == cloud_token_by_grant["refresh_token"]);
    CHECK(cloud_by_endpoint["device_authorization"] == 20);
    CHECK(cloud_token_by_grant["refresh_token"] == 23);
    // The faults' answers, counted apart: waits are not errors.
    CHECK(summary["requests"]["oauth_waits"]["authorization_pending"] == 2);
    CHECK(summary["requests"]["errors"]["temporarily_unavailable"] == 3);
    CHECK(summary["requests"]["by_status"]["503"] == 3);
    int total = 0;
    for (const auto& [kind, n] : cloud_speakers) total += n;
    CHECK(summary["requests"]["total"] == total);
    std::remove(json_file.c_str());
}

TEST_CASE("ringside fleet stops by itself at --duration when nobody approves", "[fleet][cli]") {
    CloudProcess cloud;
    const auto started = std::chrono::steady_clock::now();
    const test::CliResult r = run_cli({"fleet", "--issuer", cloud.issuer(), "--speakers", "3", "--duration", "3s"}, {}, 30s);
    const auto took = std::chrono::steady_clock::now() - started;
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(took < 8s);
    CHECK(r.output.find("nobody approves") != std::string::npos);
    CHECK(r.output.find("ended by duration") != std::string::npos);
    CHECK(r.output.find("started 3 of 3, linked 0") != std::string::npos);
    CHECK(r.output.find("never linked 3") != std::string::npos);
    CHECK(!std::regex_search(r.output, std::regex("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}")));
}

TEST_CASE("ringside fleet ends on SIGINT with its summary", "[fleet][cli]") {
    CloudProcess cloud;
    bp::ipstream out;
    bp::child fleet(RINGSIDE_BINARY, bp::args({"fleet", "--issuer", cloud.issuer(), "--speakers", "5", "--duration", "60s"}),
                    (bp::std_out & bp::std_err) > out);
    auto text = std::async(std::launch::async, [&out] {
        std::string all, line;
        while (std::getline(out, line)) all += line + "\n";
        return all;
    });
    // Mid-run: the speakers are up and talking to the cloud.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        const test::HttpResult j = curl({"-H", "Authorization: Bearer " + cloud.admin_token(),
                                         cloud.issuer() + "/admin/journal?endpoint=device_authorization"});
        if (j.status == 200 && Json::parse(j.body)["count"].get<int>() >= 1) break;
        std::this_thread::sleep_for(100ms);
    }
    const auto interrupted = std::chrono::steady_clock::now();
    ::kill(fleet.id(), SIGINT);
    std::error_code ec;
    while (fleet.running(ec) && std::chrono::steady_clock::now() - interrupted < 10s) std::this_thread::sleep_for(20ms);
    const bool ended = !fleet.running(ec);
    if (!ended) fleet.terminate(ec);
    fleet.wait(ec);
    REQUIRE(ended);
    CHECK(std::chrono::steady_clock::now() - interrupted < 3s);
    REQUIRE(text.wait_for(5s) == std::future_status::ready);
    const std::string output = text.get();
    INFO(output);
    CHECK(fleet.exit_code() == 1);
    CHECK(output.find("ended by interrupted") != std::string::npos);
    CHECK(output.find("started 5 of 5") != std::string::npos);
}

TEST_CASE("ringside fleet: bad usage exits 2 naming the option and what was expected", "[fleet][cli]") {
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases{
        {{"fleet", "--speakers", "3"}, "needs --issuer URL"},
        {{"fleet", "--issuer", "http://127.0.0.1:9"}, "needs --speakers N"},
        {{"fleet", "--issuer", "auth.example.com", "--speakers", "3"}, "expected an absolute http:// or https:// URL"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "many"}, "--speakers: expected a whole number from 1 to 10000, got 'many'"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "20000"}, "--speakers: expected a whole number from 1 to 10000"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--ramp", "fast"}, "--ramp: expected speakers started per second"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--duration", "forever"}, "--duration: expected a time from 1ms to 24h"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--approve-as", "demo@example.com"}, "RINGSIDE_APPROVE_PASSWORD"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--json", "/nonexistent-dir/x.json"}, "--json: cannot write /nonexistent-dir/x.json"},
        {{"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--speed", "2"}, "unknown option '--speed' for 'ringside fleet'"},
    };
    for (const Case& c : cases) {
        const test::CliResult r = run_cli(c.args, {"RINGSIDE_APPROVE_PASSWORD="}, 10s);
        INFO(c.args.back() << "\n" << r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find(c.says) != std::string::npos);
    }
    // The cloud's token lifetime, which a load test shortens to see refreshes.
    const test::CliResult lifetime = run_cli({"cloud", "--port", "0", "--access-token-lifetime", "0"}, {}, 10s);
    CHECK(lifetime.exit_code == 2);
    CHECK(lifetime.output.find("--access-token-lifetime: expected whole seconds from 1 to 86400, got '0'") !=
          std::string::npos);
    const test::CliResult help = run_cli({"fleet", "--help"}, {}, 10s);
    CHECK(help.exit_code == 0);
    CHECK(help.output.find("--approve-as EMAIL") != std::string::npos);
}
