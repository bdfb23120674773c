// The --trace files as the tools that open them would read them: the VCD parsed back
// (declarations, time order, values within each variable's width), the trace-event JSON
// parsed strictly with the slices and marks it must hold.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "runner/child_process.hpp"
#include "runner/json_validator.hpp"

using namespace ringside::test;
namespace fs = std::filesystem;

namespace {

struct Vcd {
    std::map<std::string, std::pair<std::string, int>> vars;  // id -> (name, width)
    std::map<std::string, std::vector<std::string>> comments;   // "ring" -> value names
    std::vector<std::pair<long long, std::pair<std::string, std::string>>> changes;  // time, (id, value)
};

Vcd parse_vcd(const std::string& text) {
    Vcd v;
    std::istringstream in(text);
    std::string line;
    bool body = false;
    long long now = -1;
    while (std::getline(in, line)) {
        if (!body) {
            std::istringstream w(line);
            std::string kw;
            w >> kw;
            if (kw == "$var") {
                std::string type, id, name;
                int width = 0;
                w >> type >> width >> id >> name;
                REQUIRE((type == "wire" || type == "event"));
                v.vars[id] = {name, width};
            } else if (kw == "$comment") {
                std::string track, values;
                w >> track >> values;
                if (values == "values:")
                    for (std::string item; w >> item && item != "$end";) v.comments[track].push_back(item.substr(item.find('=') + 1));
            } else if (kw == "$enddefinitions") {
                body = true;
            }
            continue;
        }
        INFO(line);
        if (line[0] == '#') {
            const long long t = std::stoll(line.substr(1));
            REQUIRE(t > now);  // strictly increasing
            now = t;
        } else if (line[0] == 'b') {
            const auto space = line.find(' ');
            const std::string bits = line.substr(1, space - 1), id = line.substr(space + 1);
            REQUIRE(v.vars.count(id));
            REQUIRE(static_cast<int>(bits.size()) <= v.vars[id].second);
            REQUIRE(bits.find_first_not_of("01") == std::string::npos);
            v.changes.push_back({now, {id, bits}});
        } else {
            const std::string id = line.substr(1);
            REQUIRE(v.vars.count(id));
            REQUIRE((line[0] == '0' || line[0] == '1'));
            v.changes.push_back({now, {id, line.substr(0, 1)}});
        }
    }
    REQUIRE(body);
    return v;
}

} // namespace

TEST_CASE("the trace folder holds a VCD that parses back and a trace-event JSON Perfetto can load", "[reports]") {
    const fs::path out = fs::temp_directory_path() / "ringside-report-files-test";
    fs::remove_all(out);
    const auto r = run_ringside("run scenarios/buttons/factory_reset_by_25s_hold.yaml --trace " + out.string());
    REQUIRE(r.exit_code == 0);

    const Vcd vcd = parse_vcd(read_file((out / "factory_reset_by_25s_hold.vcd").string()));
    std::string ring_id, action_id;
    for (const auto& [id, var] : vcd.vars) {
        if (var.first == "ring") ring_id = id;
        if (var.first == "button_action") action_id = id;
    }
    REQUIRE(!ring_id.empty());
    REQUIRE(!action_id.empty());
    const auto& rings = vcd.comments.at("ring");
    REQUIRE(std::find(rings.begin(), rings.end(), "setup") != rings.end());
    // The first hold lasts 24 s on the button's wire, and the ring reads "off" (linked) then.
    std::vector<long long> edges;
    std::string ring_at_press;
    std::string ring_now;
    for (const auto& [t, change] : vcd.changes) {
        if (change.first == ring_id) ring_now = change.second;
        if (change.first == action_id) {
            if (edges.empty()) ring_at_press = ring_now;
            edges.push_back(t);
        }
    }
    REQUIRE(edges.size() >= 2);
    CHECK(edges[1] - edges[0] == 24000);
    const long off_index = std::find(rings.begin(), rings.end(), "off") - rings.begin();
    CHECK(std::stol(ring_at_press, nullptr, 2) == off_index);

    const std::string json = read_file((out / "factory_reset_by_25s_hold.trace.json").string());
    CHECK(JsonValidator(json).check() == "");
    CHECK_THAT(json, Catch::Contains("\"traceEvents\":["));
    CHECK_THAT(json, Catch::Contains("{\"name\":\"setup\",\"cat\":\"ring\",\"ph\":\"X\""));
    CHECK_THAT(json, Catch::Contains("\"name\":\"http request: GET /.well-known/oauth-authorization-server\""));
    CHECK_THAT(json, Catch::Contains("\"name\":\"thread_name\""));
    fs::remove_all(out);
}

TEST_CASE("the HTML report holds the summary, ring strips, step log, journal and the failure with its repro line", "[reports]") {
    const fs::path out = fs::temp_directory_path() / "ringside-html-test";
    fs::remove_all(out);
    const auto r = run_ringside("run scenarios/sign_in/first_time_setup_and_sign_in.yaml tests/data/failing/linked_within_1s.yaml --html " + (out / "report.html").string());
    REQUIRE(r.exit_code == 1);
    const std::string html = read_file((out / "report.html").string());
    CHECK_THAT(html, Catch::StartsWith("<!doctype html>"));
    CHECK_THAT(html, Catch::Contains("2 scenarios: <span class=\"pass\">1 passed</span>"));
    CHECK_THAT(html, Catch::Contains("<div class=\"strip\""));
    CHECK_THAT(html, Catch::Contains("background:#ff8c00\" title=\"setup from 00:00:02.000"));
    CHECK_THAT(html, Catch::Contains("<td>app.provision: {wifi: Home, account: jane}</td>"));
    CHECK_THAT(html, Catch::Contains("<td>POST /oauth2/token</td>"));
    CHECK_THAT(html, Catch::Contains("<pre class=\"failure\">"));
    CHECK_THAT(html, Catch::Contains("repro: "));
    CHECK_THAT(html, Catch::Contains("run tests/data/failing/linked_within_1s.yaml --seed 42"));
    // Self-contained and inert: the one script element is the data block, JSON that no
    // browser runs (reports/html_report.hpp).
    const auto script = html.find("<script");
    CHECK(script == html.find("<script type=\"application/json\" id=\"ringside-report\">"));
    CHECK(html.find("<script", script + 1) == std::string::npos);
    CHECK(html.find("http://") == std::string::npos);  // nothing fetched from anywhere
    fs::remove_all(out);
}
