// Record and replay: a session of the board emulator, or of the STM32F405 image on QEMU,
// recorded with `ringside hil record` replays on the virtual speaker with no divergence; a
// board variant that polls late is caught at the first poll, in the step being played; no
// secret reaches the file.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "qemu_board.hpp"
#include "run_cli.hpp"

using namespace ringside::test;
namespace fs = std::filesystem;

namespace {

const std::string kSource = RINGSIDE_SOURCE_DIR;

std::string temp_file(const std::string& name) {
    return (fs::temp_directory_path() / ("ringside-" + name + "-" + std::to_string(::getpid()) + ".jsonl")).string();
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A file removed when the test leaves its scope, also when an assertion ends it early.
struct RemovedAtEnd {
    std::string path;
    ~RemovedAtEnd() {
        std::error_code ignored;
        fs::remove(path, ignored);
    }
};

// A board variant for the duration of one test.
struct EmulatorArgs {
    explicit EmulatorArgs(const char* args) { ::setenv("RINGSIDE_EMULATOR_ARGS", args, 1); }
    ~EmulatorArgs() { ::unsetenv("RINGSIDE_EMULATOR_ARGS"); }
};

} // namespace

TEST_CASE("a recorded emulator session replays on the virtual speaker with no divergence", "[hil][replay]") {
    for (const char* scenario : {"scenarios/sign_in/first_time_setup_and_sign_in.yaml",
                                 "scenarios/tokens/hourly_refresh_for_24h.yaml",
                                 "scenarios/voice/household_members_get_their_own_answers.yaml"}) {
        INFO(scenario);
        const std::string file = temp_file("session");
        const CliRun recorded = run_cli({"hil", "record", kSource + "/" + scenario, "--port", "emulator", "--out", file});
        INFO(recorded.output);
        REQUIRE(recorded.exit_code == 0);
        CHECK_THAT(recorded.output, Catch::Contains("recorded "));
        const CliRun replayed = run_cli({"replay", file});
        INFO(replayed.output);
        CHECK(replayed.exit_code == 0);
        CHECK_THAT(replayed.output, Catch::StartsWith("SAME  "));
        // The session carried tokens, codes and passwords; the file carries placeholders.
        const std::string text = read(file);
        CHECK_THAT(text, Catch::Contains("REDACTED"));
        for (const char* secret : {"hunter22", "correct-horse"}) CHECK_THAT(text, !Catch::Contains(secret));
        fs::remove(file);
    }
}

TEST_CASE("a session recorded on the QEMU board replays on the virtual speaker with no divergence", "[hil][replay][qemu]") {
    if (const auto missing = qemu_board_missing()) FAIL(*missing);
    // A sign-in, and voice: each request of it a streamed upload (head, pieces, HttpBodyEnd)
    // that the recording holds whole, as the world received it.
    for (const char* scenario : {"scenarios/sign_in/first_time_setup_and_sign_in.yaml",
                                 "scenarios/voice/household_members_get_their_own_answers.yaml"}) {
        INFO(scenario);
        const std::string file = temp_file("qemu-session");
        const RemovedAtEnd removed{file};
        const CliRun recorded =
            run_cli({"hil", "record", kSource + "/" + scenario, "--port", "qemu", "--out", file}, std::chrono::seconds(30));
        INFO(recorded.output);
        REQUIRE(recorded.exit_code == 0);
        CHECK_THAT(recorded.output, Catch::Contains(" on qemu-netduinoplus2\n"));
        CHECK_THAT(recorded.output, Catch::Contains("recorded "));
        CHECK(recorded.elapsed_ms < 15000);
        const CliRun replayed = run_cli({"replay", file});
        INFO(replayed.output);
        CHECK(replayed.exit_code == 0);
        CHECK_THAT(replayed.output, Catch::StartsWith("SAME  "));
        CHECK_THAT(replayed.output, Catch::Contains("(recorded on qemu-netduinoplus2)"));
        CHECK(replayed.elapsed_ms < 5000);
        const std::string text = read(file);
        if (std::string(scenario).find("voice/") != std::string::npos) {
            // Four questions, four uploads of audio (the whole of each, as the world took it).
            int uploads = 0;
            std::istringstream lines(text);
            for (std::string l; std::getline(lines, l);) {
                if (l.find(R"("out":"http")") == std::string::npos || l.find("/v1/voice") == std::string::npos) continue;
                ++uploads;
                CHECK_THAT(l, Catch::Contains(R"("method":"POST")"));
                CHECK_THAT(l, Catch::Contains(R"("content_type":"audio/L16;rate=8000")"));
                CHECK_THAT(l, Catch::Contains(R"("authorization":"Bearer rs_at.REDACTED)"));
                const std::size_t body = l.find(R"("body_b64":")");
                REQUIRE(body != std::string::npos);
                CHECK(l.size() - body > 20000);  // about a second of 8 kHz audio or more, in base64
            }
            CHECK(uploads == 4);
        }
        // The session carried tokens, codes and passwords; the file carries placeholders.
        CHECK_THAT(text, Catch::Contains("REDACTED"));
        for (const char* secret : {"hunter22", "correct-horse"}) CHECK_THAT(text, !Catch::Contains(secret));
        for (const char* token : {"rs_at.", "rs_rt."})  // every token in it a placeholder
            for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + 1))
                CHECK(text.compare(at + 6, 8, "REDACTED") == 0);
    }
}

TEST_CASE("a board that polls late is reported at its first poll, in the step being played", "[hil][replay]") {
    const std::string file = temp_file("late-poll");
    {
        EmulatorArgs variant("--late-poll-ms 1000");
        const CliRun recorded = run_cli({"hil", "record", kSource + "/scenarios/sign_in/first_time_setup_and_sign_in.yaml",
                                         "--port", "emulator", "--out", file});
        INFO(recorded.output);
        REQUIRE(recorded.exit_code == 0);
    }
    const CliRun replayed = run_cli({"replay", file});
    INFO(replayed.output);
    CHECK(replayed.exit_code == 1);
    // The reference firmware polls 5 s after the code arrived (02.820 + 5 s); the variant a
    // second later. Step 9 (line 17) is the one waiting for those polls.
    CHECK_THAT(replayed.output, Catch::Contains("first divergence at virtual 00:00:07.820, in step 9 at "));
    CHECK_THAT(replayed.output, Catch::Contains("scenarios/sign_in/first_time_setup_and_sign_in.yaml:17: expect_requests"));
    CHECK_THAT(replayed.output, Catch::Contains("the recorded board:  http"));
    CHECK_THAT(replayed.output, Catch::Contains("oauth2/token"));
    CHECK_THAT(replayed.output, Catch::Contains("at 00:00:08.820"));
    CHECK_THAT(replayed.output, Catch::Contains("the virtual speaker: http"));
    fs::remove(file);
}

TEST_CASE("a file that is not a recording is refused with its line and what was expected", "[hil][replay]") {
    const std::string file = temp_file("not-a-recording");
    {
        std::ofstream out(file);
        out << "{\"ringside_session\":1,\"scenario\":\"x.yaml\"}\n";
    }
    CliRun r = run_cli({"replay", file});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(file + ":1: expected \"name\""));
    {
        std::ofstream out(file);
        out << "name: a scenario, not a recording\n";
    }
    r = run_cli({"replay", file});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(file + ":1: expected"));
    r = run_cli({"replay", file + ".missing"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("cannot open the recording"));
    fs::remove(file);
}

TEST_CASE("hil record refuses a sim-only scenario and a missing port", "[hil][replay]") {
    CliRun r = run_cli({"hil", "record", kSource + "/scenarios/storage/device_power_cut_during_first_commit.yaml", "--port",
                        "emulator", "--out", temp_file("never")});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("is sim only"));
    r = run_cli({"hil", "record", kSource + "/scenarios/sign_in/first_time_setup_and_sign_in.yaml", "--out", temp_file("never")});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("needs SCENARIO, --port and --out; see 'ringside hil record --help'"));
}
