// Faults on the real board image: the STM32F405 firmware + agent on QEMU's netduinoplus2,
// played scenario by scenario in process through runner::run_scenario (as `ringside run
// --target hil --port qemu` plays them), with something going wrong at a chosen point: QEMU
// killed, the board's reset button pressed, the wire between QEMU and the host damaged by a
// relay in either direction. Each ends in a recovered link (the scenario passes, with the
// virtual speaker's trace, the damage counted) or in "lost the board: ..." naming the port and
// what happened — in a bounded wall time, measured and asserted; nothing hangs, and no QEMU
// outlives its world.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <string>

#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "link_test_support.hpp"
#include "process_probe.hpp"
#include "qemu_board.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;
using namespace ringside::test;
using hil::MessageType;

namespace {

const std::string kSignIn = std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/sign_in/first_time_setup_and_sign_in.yaml";

// Every QEMU test needs the image; without it, it fails saying how to get it.
#define REQUIRE_QEMU_BOARD()                                        \
    do {                                                            \
        if (const auto missing = qemu_board_missing()) FAIL(*missing); \
    } while (0)

std::string trace_text(const std::vector<sim::TraceLine>& trace) {
    std::string text;
    for (const auto& l : trace)
        text += std::to_string(l.at.count()) + " " + l.category + " " + l.event + " " + l.detail + "\n";
    return text;
}

// The virtual speaker's trace of a scenario: what a clean board run must reproduce.
const std::string& virtual_trace(const std::string& file) {
    static std::map<std::string, std::string> made;
    auto it = made.find(file);
    if (it != made.end()) return it->second;
    const runner::Scenario s = runner::load_scenario(file);
    return made.emplace(file, trace_text(runner::run_scenario(s, s.seed).trace)).first->second;
}

struct Played {
    runner::ScenarioResult result;
    std::shared_ptr<QemuObserved> seen = std::make_shared<QemuObserved>();
    long long wall_ms = 0;
};

// The STM32 image announces 30 s to answer (an emulated MCU on a loaded host); a test that
// provokes a silent board fixes a shorter deadline, as `--board-timeout` does.
hil::BoardDeviceOptions answer_within(std::chrono::milliseconds limit) {
    hil::BoardDeviceOptions o;
    o.answer_within = limit;
    o.answer_within_fixed = true;
    return o;
}

Played play_relayed(const std::string& file, const RelayFault& fault, hil::BoardDeviceOptions options = {}) {
    const runner::Scenario s = runner::load_scenario(file);
    Played p;
    Stopwatch clock;
    p.result = runner::run_scenario(s, s.seed, {{}, relayed_qemu(fault, p.seen, options)});
    p.wall_ms = clock.ms();
    return p;
}

// `seen` is the one the fault's call looks at.
Played play_noisy(const std::string& file, const Fault& fault, std::shared_ptr<QemuObserved> seen,
                  hil::BoardDeviceOptions options = {}) {
    const runner::Scenario s = runner::load_scenario(file);
    Played p;
    p.seen = std::move(seen);
    Stopwatch clock;
    p.result = runner::run_scenario(s, s.seed, {{}, noisy_qemu(fault, p.seen, options)});
    p.wall_ms = clock.ms();
    return p;
}

std::string describe(const Played& p) {
    const RelayReport& r = *p.seen->relay;
    return "wall " + std::to_string(p.wall_ms) + " ms; " +
           (p.result.passed() ? std::string("passed") : "failed: " + p.result.failure->message) + "; relay " +
           (r.fired ? "fired at frame " + std::to_string(r.fired_at_frame) : std::string("did not fire")) + ", " +
           std::to_string(r.bytes_to_host) + " bytes to the host, " + std::to_string(r.bytes_to_board) + " to the board";
}

// The world's QEMU is gone with it: killed, reaped (no zombie), its files removed.
void expect_cleaned_up(const QemuObserved& seen) {
    CHECK(seen.emulator > 0);
    CHECK(process_state(seen.emulator) == 0);
    CHECK_FALSE(seen.temp_files.empty());
    for (const std::string& file : seen.temp_files) CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(file)));
}

// A lost board: the message, and what every such ending must show.
void expect_lost(const Played& p, const std::string& message) {
    CHECK(p.result.lost);
    REQUIRE_FALSE(p.result.passed());
    CHECK(p.result.failure->message == "lost the board: " + message);
    CHECK(p.result.failure->step_number >= 1);  // during a step, not while setting up
    CHECK(p.seen->boards == 1);
    expect_cleaned_up(*p.seen);
}

RelayFault relay_fault(RelayFault::Kind kind, RelayFault::Direction direction, MessageType type, std::uint64_t occurrence) {
    RelayFault f;
    f.kind = kind;
    f.direction = direction;
    f.type = type;
    f.occurrence = occurrence;
    return f;
}

// A transport the test keeps across worlds: each world's link borrows it, so a second world
// can shake hands with the board the first one left (the QEMU it ran on, reset or not).
class BorrowedTransport final : public hil::ByteTransport {
public:
    explicit BorrowedTransport(std::shared_ptr<hil::ByteTransport> inner) : inner_(std::move(inner)) {}
    void write(const std::uint8_t* data, std::size_t size, hil::Deadline deadline) override { inner_->write(data, size, deadline); }
    hil::ReadResult read(std::uint8_t* buffer, std::size_t max, hil::Deadline deadline) override {
        return inner_->read(buffer, max, deadline);
    }
    const std::string& describe() const override { return inner_->describe(); }

private:
    std::shared_ptr<hil::ByteTransport> inner_;
};

// Worlds on one QEMU, as on a physical board that stays on its port between scenarios.
struct OneQemu {
    std::shared_ptr<hil::QemuProcess> qemu = std::make_shared<hil::QemuProcess>();
    std::shared_ptr<hil::ByteTransport> wire{qemu->take_transport()};

    sim::DeviceFactory factory() {
        return [this](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
            try {
                auto link = std::make_unique<hil::BoardLink>(std::make_unique<BorrowedTransport>(wire));
                const hil::BoardIdentity identity = hil::handshake(*link, qemu->handshake_options());
                return std::make_unique<hil::BoardDevice>(context, std::move(link), identity);
            } catch (const hil::LinkError& e) {
                throw sim::DeviceLost(e.what());
            }
        };
    }
    runner::ScenarioResult play(const std::string& file) {
        const runner::Scenario s = runner::load_scenario(file);
        return runner::run_scenario(s, s.seed, {{}, factory()});
    }
};

} // namespace

TEST_CASE("qemu faults: without the board image the QEMU tests fail, saying to run scripts/build-board", "[hil_host][qemu]") {
    const char* before = std::getenv("RINGSIDE_BOARD_IMAGE");
    const std::string saved = before ? before : "";
    ::setenv("RINGSIDE_BOARD_IMAGE", "/nonexistent/ringside-stm32f405.elf", 1);
    const auto missing = qemu_board_missing();
    std::string from_qemu_process, from_server;
    try {
        hil::QemuProcess qemu;
    } catch (const hil::LinkError& e) {
        from_qemu_process = e.what();
    }
    try {
        QemuServer qemu;
    } catch (const std::runtime_error& e) {
        from_server = e.what();
    }
    if (before) ::setenv("RINGSIDE_BOARD_IMAGE", saved.c_str(), 1);
    else ::unsetenv("RINGSIDE_BOARD_IMAGE");
    REQUIRE(missing);
    CHECK(*missing == "no board image at /nonexistent/ringside-stm32f405.elf: run scripts/build-board (or set RINGSIDE_BOARD_IMAGE)");
    CHECK(from_server == *missing);
    CHECK_THAT(from_qemu_process, Catch::Contains("no board image at /nonexistent/ringside-stm32f405.elf (run scripts/build-board"));
}

// ---- 2. QEMU killed mid-scenario ---------------------------------------------------------

TEST_CASE("qemu faults: QEMU killed mid-scenario ends it as a lost board, and no QEMU is left", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    // Killed as the board sends its first token poll (after GET /, the metadata, the code pair).
    Fault f;
    f.kind = Fault::Kind::Call;
    f.type = MessageType::HttpRequest;
    f.occurrence = 4;
    auto killed = std::make_shared<bool>(false);
    auto seen = std::make_shared<QemuObserved>();
    f.call = [seen, killed] {
        // SIGKILL, as a crash or an OOM kill would; QEMU is ringside's own child (QemuProcess),
        // found by the id it gives.
        *killed = ::kill(seen->emulator, SIGKILL) == 0 && wait_exited(seen->emulator, std::chrono::seconds(2));
    };
    const Played p = play_noisy(kSignIn, f, seen);
    INFO("wall " << p.wall_ms << " ms; fired at frame " << p.seen->noisy->fired_at_frame
                 << (p.result.passed() ? "" : "; " + p.result.failure->message));
    CHECK(*killed);
    expect_lost(p, "the port qemu closed");
    CHECK(p.result.failure->step_number == 9);  // mid-scenario: expect_requests, the polls
    CHECK(p.wall_ms < 5000);
}

// ---- 3. The wire between QEMU and the host damaged by a relay ----------------------------

TEST_CASE("qemu faults: the relay's control, a clean wire, reproduces the virtual speaker", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    const Played p = play_relayed(kSignIn, RelayFault{});
    INFO(describe(p));
    REQUIRE(p.result.passed());
    CHECK(trace_text(p.result.trace) == virtual_trace(kSignIn));
    CHECK(p.seen->relay->connected);
    CHECK(p.seen->relay->frames_to_host > 100);
    CHECK(p.seen->relay->frames_to_board > 20);
    REQUIRE(p.seen->counters);
    CHECK(p.seen->counters->damage_since({}).empty());
    CHECK_THAT(p.seen->port, Catch::StartsWith("tcp:127.0.0.1:"));
    expect_cleaned_up(*p.seen);
    CHECK(p.wall_ms < 10000);
}

TEST_CASE("qemu faults: garbage between frames that costs no frame is recovered from", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    RelayFault f;
    f.kind = RelayFault::Kind::Garbage;
    // Targets are frames that only come after the handshake: how many HelloAcks and
    // Statuses answer its Hellos varies from run to run, and noise or a lost frame among
    // those is before the link's damage baseline.
    SECTION("to the host: a line of text before a SetupReport (a boot banner, a stray printf), counted by the link") {
        f.direction = RelayFault::Direction::ToHost;
        f.type = MessageType::SetupReport;
        f.occurrence = 2;
        const std::string text = "boot: ringside v0.9 (garbage)\r\n";
        f.garbage.assign(text.begin(), text.end());
    }
    SECTION("to the host: noise right before a TimeDone, the frame a lockstep host waits for") {
        f.direction = RelayFault::Direction::ToHost;
        f.type = MessageType::TimeDone;
        f.occurrence = 10;
        f.garbage = {0x7F, 0x13, 0xFF, 0x42};
    }
    SECTION("to the board: noise before a TimeGrant (the board's decoder skips it)") {
        f.direction = RelayFault::Direction::ToBoard;
        f.type = MessageType::TimeGrant;
        f.occurrence = 10;
        f.garbage = {0x7F, 0x13, 0xFF, 0x42};
    }
    SECTION("to the board: a run longer than any frame before an HttpResponse") {
        f.direction = RelayFault::Direction::ToBoard;
        f.type = MessageType::HttpResponse;
        f.garbage.assign(3000, 0x55);
    }
    const Played p = play_relayed(kSignIn, f);
    INFO(describe(p));
    CHECK(p.seen->relay->fired);
    CHECK(p.seen->relay->fired_on == f.type);
    REQUIRE(p.result.passed());
    CHECK(trace_text(p.result.trace) == virtual_trace(kSignIn));  // nothing went missing
    REQUIRE(p.seen->counters);
    CHECK(p.seen->counters->frames_lost == 0);
    if (f.direction == RelayFault::Direction::ToHost) {
        CHECK(p.seen->counters->malformed == 1);  // the link counted it
        CHECK(p.seen->counters->bytes_discarded == f.garbage.size() + 1);  // with its delimiter
    } else {
        CHECK(p.seen->counters->bytes_discarded == 0);  // the board's decoder had it, not the host's
    }
    expect_cleaned_up(*p.seen);
    CHECK(p.wall_ms < 10000);
}

TEST_CASE("qemu faults: a damaged or lost frame to the host ends the scenario, naming the port and the damage", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    RelayFault f;
    std::string damage;
    SECTION("a flipped bit in the WifiJoin") {
        f = relay_fault(RelayFault::Kind::FlipBit, RelayFault::Direction::ToHost, MessageType::WifiJoin, 1);
        damage = "1 frame with bad CRC, 1 frame lost";
    }
    SECTION("bytes dropped from the middle of a Trace") {
        f = relay_fault(RelayFault::Kind::Drop, RelayFault::Direction::ToHost, MessageType::Trace, 10);
        f.offset = 4;
        f.drop = 6;
        damage = "1 malformed frame, 1 frame lost";
    }
    SECTION("a whole Trace dropped") {
        f = relay_fault(RelayFault::Kind::Drop, RelayFault::Direction::ToHost, MessageType::Trace, 10);
        damage = "1 frame lost";
    }
    SECTION("garbage inside an HttpRequest, with no delimiter of its own") {
        f = relay_fault(RelayFault::Kind::Garbage, RelayFault::Direction::ToHost, MessageType::HttpRequest, 2);
        f.offset = 5;
        f.garbage = {0x31, 0x32, 0x33};
        f.garbage_delimited = false;
        damage = "1 malformed frame, 1 frame lost";
    }
    const Played p = play_relayed(kSignIn, f);
    INFO(describe(p));
    CHECK(p.seen->relay->fired);
    expect_lost(p, "the link on " + p.seen->port + " is damaged: " + damage);
    CHECK(p.wall_ms < 5000);  // at the next frame, not at a deadline
}

TEST_CASE("qemu faults: a damaged TimeDone leaves a silent board, and the deadline names the damage", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    const RelayFault f = relay_fault(RelayFault::Kind::FlipBit, RelayFault::Direction::ToHost, MessageType::TimeDone, 10);
    const Played p = play_relayed(kSignIn, f, answer_within(std::chrono::milliseconds(1500)));
    INFO(describe(p));
    CHECK(p.seen->relay->fired);
    REQUIRE_FALSE(p.result.passed());
    CHECK_THAT(p.result.failure->message, Catch::Matches("lost the board: the board on " + p.seen->port +
                                                         " did not answer the TimeGrant from [0-9:.]+ to [0-9:.]+ within "
                                                         "1500 ms \\(the link is damaged: 1 frame with bad CRC\\)"));
    expect_lost(p, p.result.failure->message.substr(std::string("lost the board: ").size()));
    CHECK(p.wall_ms >= 1500);  // it was the answer deadline that ended it ...
    CHECK(p.wall_ms < 5000);   // ... and nothing else waited
}

TEST_CASE("qemu faults: a frame to the board lost or damaged on the way ends the scenario as a damaged link", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    // The board sees the hole in the host's numbering at the next frame, and refuses it.
    RelayFault f;
    std::string refused;
    SECTION("the WifiResult dropped whole") {
        f = relay_fault(RelayFault::Kind::Drop, RelayFault::Direction::ToBoard, MessageType::WifiResult, 1);
        refused = "TimeGrant";
    }
    SECTION("a flipped bit in the head of the code pair's HttpResponse") {
        f = relay_fault(RelayFault::Kind::FlipBit, RelayFault::Direction::ToBoard, MessageType::HttpResponse, 3);
        refused = "HttpBody";  // the piece right behind the head
    }
    SECTION("bytes dropped from the SetupCredentials") {
        f = relay_fault(RelayFault::Kind::Drop, RelayFault::Direction::ToBoard, MessageType::SetupCredentials, 1);
        f.offset = 6;
        f.drop = 4;
        refused = "TimeGrant";
    }
    const Played p = play_relayed(kSignIn, f);
    INFO(describe(p));
    CHECK(p.seen->relay->fired);
    expect_lost(p, "the board on " + p.seen->port + " refused a request: the link is damaged: 1 frame from the host lost before this " +
                       refused);
    CHECK(p.wall_ms < 5000);  // at the next frame, not at a deadline
}

TEST_CASE("qemu faults: a TimeGrant lost on the way to the board ends at the answer deadline", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    // Nothing follows a grant until it is answered, so neither side can see the hole: the
    // host's deadline is what ends it (a short one here, as --board-timeout would fix).
    const RelayFault f = relay_fault(RelayFault::Kind::Drop, RelayFault::Direction::ToBoard, MessageType::TimeGrant, 10);
    const Played p = play_relayed(kSignIn, f, answer_within(std::chrono::milliseconds(1500)));
    INFO(describe(p));
    CHECK(p.seen->relay->fired);
    REQUIRE_FALSE(p.result.passed());
    CHECK_THAT(p.result.failure->message,
               Catch::Matches("lost the board: the board on " + p.seen->port +
                              " did not answer the TimeGrant from [0-9:.]+ to [0-9:.]+ within 1500 ms"));
    expect_lost(p, p.result.failure->message.substr(std::string("lost the board: ").size()));
    CHECK(p.wall_ms >= 1500);
    CHECK(p.wall_ms < 5000);
}

// ---- 4. The board reset by the host ------------------------------------------------------

TEST_CASE("qemu faults: the board reset mid-scenario ends it as a restarted board", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    // The reset button pressed at a chosen frame from the board. A reset while the board is
    // sending cuts a frame short (in about one run in five at these points); its Boot must
    // still arrive whole, or the host hears nothing and waits for its answer deadline
    // (30 s as the image announces it; 5 s here, so that such a failure costs little).
    std::string file = kSignIn;
    Fault f;
    f.kind = Fault::Kind::Tap;
    // The step that hears of the restart: the board's Boot comes a little after the frames
    // the board sent before it, which may let the host finish a short step meanwhile.
    std::size_t first_step = 0, last_step = 0;
    SECTION("as it boots: at its first trace after power-on") {
        f.type = MessageType::Trace;
        first_step = 1;  // power_on, expect_ring: booting,
        last_step = 3;   // expect_state: setup
    }
    SECTION("as it polls for the token: at its first poll") {
        f.type = MessageType::HttpRequest;
        f.occurrence = 4;             // after GET /, the metadata and the code pair
        first_step = last_step = 9;  // expect_requests: the polls
    }
    SECTION("as it streams the audio of a voice request") {
        file = std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/voice/household_members_get_their_own_answers.yaml";
        f.type = MessageType::HttpBody;
        f.occurrence = 4;             // after the bodies of the code pair request, the poll and the settings
        first_step = last_step = 7;  // expect_speech: the answer to the first question
    }
    auto pressed = std::make_shared<std::string>("not pressed");
    auto seen = std::make_shared<QemuObserved>();
    f.call = [seen, pressed] {
        try {
            if (auto qemu = seen->qemu.lock()) {
                qemu->reset();
                *pressed = "pressed";
            }
        } catch (const hil::LinkError& e) {
            *pressed = e.what();
        }
    };
    const Played p = play_noisy(file, f, seen, answer_within(std::chrono::seconds(5)));
    INFO("wall " << p.wall_ms << " ms; fired at frame " << p.seen->noisy->fired_at_frame
                 << (p.result.passed() ? "" : "; " + p.result.failure->message));
    CHECK(*pressed == "pressed");
    CHECK(p.seen->noisy->fired_on == f.type);
    expect_lost(p, "the board on qemu restarted during the scenario (it announced itself again)");
    CHECK(p.result.failure->step_number >= first_step);
    CHECK(p.result.failure->step_number <= last_step);
    REQUIRE(p.seen->counters);
    CHECK(p.seen->counters->board_restarts == 1);
    // A restart, not a damaged wire: at most the frame the reset cut short, and no frame
    // counted as lost.
    CHECK(p.seen->counters->malformed <= 1);
    CHECK(p.seen->counters->frames_lost == 0);
    CHECK(p.wall_ms < 3000);  // at once: not at the answer deadline
}

TEST_CASE("qemu faults: one QEMU plays scenario after scenario, reset or not, each on a fresh board", "[hil_host][qemu]") {
    REQUIRE_QEMU_BOARD();
    Stopwatch clock;
    auto board = std::make_unique<OneQemu>();
    QemuObserved seen;  // what must be gone at the end
    seen.emulator = board->qemu->pid();
    seen.temp_files = qemu_process_files(seen.emulator);
    const runner::ScenarioResult first = board->play(kSignIn);
    INFO((first.failure ? first.failure->message : std::string()));
    REQUIRE(first.passed());
    SECTION("reset: the next scenario plays on a fresh board, exactly as on the virtual speaker") {
        board->qemu->reset();
        const runner::ScenarioResult second = board->play(kSignIn);
        INFO((second.failure ? second.failure->message : std::string()));
        CHECK(second.passed());
        CHECK(trace_text(second.trace) == virtual_trace(kSignIn));
    }
    SECTION("not reset: the host's fresh BoardConfig makes a new board all the same (a physical board's case)") {
        const runner::ScenarioResult second = board->play(kSignIn);
        INFO((second.failure ? second.failure->message : std::string()));
        CHECK(second.passed());
        CHECK(trace_text(second.trace) == virtual_trace(kSignIn));
    }
    board.reset();
    expect_cleaned_up(seen);
    CHECK(clock.ms() < 10000);
}
