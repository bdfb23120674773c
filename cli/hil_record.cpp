#include "cli/command_help.hpp"
#include "cli/hil_record.hpp"

#include <fstream>

#include "hil/host/board_device.hpp"
#include "hil/host/link_error.hpp"
#include "hil/session/replayer.hpp"
#include "hil/session/session_file.hpp"
#include "runner/run_options.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::cli {

int hil_record(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string scenario_file, port, out_file;
    int baud = 115200;
    std::optional<std::uint64_t> seed;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw runner::UsageError(a + " needs a value");
            return args[++i];
        };
        try {
            if (a == "--port") port = value();
            else if (a == "--out" || a == "-o") out_file = value();
            else if (a == "--baud") baud = std::stoi(value());
            else if (a == "--seed") seed = std::stoull(value());
            else if (!a.empty() && a[0] == '-') throw runner::UsageError("unknown option '" + a + "' for 'ringside hil record'");
            else if (scenario_file.empty()) scenario_file = a;
            else throw runner::UsageError("hil record takes one scenario file");
        } catch (const runner::UsageError& e) {
            err << "error: " << e.what() << "; " << see_help("hil record") << "\n";
            return 2;
        } catch (const std::logic_error&) {
            err << "error: " << a << " needs a whole number; " << see_help("hil record") << "\n";
            return 2;
        }
    }
    if (scenario_file.empty() || port.empty() || out_file.empty()) {
        err << "error: 'ringside hil record' needs SCENARIO, --port and --out; " << see_help("hil record") << "\n";
        return 2;
    }
    runner::Scenario scenario;
    try {
        scenario = runner::load_scenario(scenario_file);
    } catch (const runner::ScenarioError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    if (!scenario.sim_only.empty()) {
        err << "error: " << scenario_file << " is sim only (" << scenario.sim_only << "); a board cannot play it\n";
        return 2;
    }

    std::vector<hil::SessionEvent> log;
    hil::Recording recording;
    recording.scenario_file = scenario_file;
    recording.scenario_name = scenario.name;
    recording.seed = seed ? *seed : scenario.seed;
    runner::WorldMakers makers;
    makers.device = [&](const sim::DeviceContext& c) -> std::unique_ptr<sim::Device> {
        auto device = hil::open_board_device(c, port, baud);
        device->record_to(&log);
        recording.board_id = device->identity().board_id;
        recording.firmware_version = device->identity().firmware_version;
        recording.issuer = c.issuer;
        recording.client_id = c.client_id;
        recording.scope = c.scope;
        recording.product_id = c.product_id;
        recording.serial_number = c.serial_number;
        recording.dialect = c.dialect == fw::AuthDialect::Lwa ? "lwa" : "rfc8628";
        recording.rtc_unix = c.rtc_unix;
        return device;
    };
    const runner::ScenarioResult result = runner::run_scenario(scenario, recording.seed, makers);
    if (result.lost || log.empty()) {
        err << "error: " << (result.failure ? result.failure->message : std::string("the board recorded nothing")) << "\n";
        return 2;
    }
    recording.end = result.virtual_end;
    for (const runner::StepRecord& s : result.steps)
        recording.steps.push_back({static_cast<int>(recording.steps.size() + 1), s.line, s.text, s.started, s.ended});
    recording.events = std::move(log);
    std::ofstream file(out_file, std::ios::binary);
    hil::write_recording(file, recording, result.secrets);
    if (!file) {
        err << "error: cannot write " << out_file << "\n";
        return 2;
    }
    std::size_t inputs = 0;
    for (const auto& e : recording.events) inputs += e.dir == hil::SessionEvent::Dir::In ? 1 : 0;
    out << (result.passed() ? "PASS  " : "FAIL  ") << scenario.name << " on " << recording.board_id << "\n"
        << "recorded " << recording.events.size() << " events (" << inputs << " in, " << recording.events.size() - inputs
        << " out) over virtual " << result.virtual_end.count() << " ms to " << out_file << "\n";
    if (!result.passed()) out << "      " << result.failure->message << "\n";
    return result.passed() ? 0 : 1;
}

int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
        err << "error: 'ringside replay' takes one recording; " << see_help("replay") << "\n";
        return 2;
    }
    hil::Recording recording;
    try {
        recording = hil::read_recording(args[0]);
    } catch (const hil::RecordingError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    const hil::ReplayOutcome r = hil::replay(recording);
    if (r.divergence) {
        out << "DIVERGED  " << recording.scenario_name << " (recorded on " << recording.board_id << ", seed "
            << recording.seed << ")\n"
            << *r.divergence << "\n"
            << "matched " << r.outputs_matched << " outputs over " << r.inputs << " inputs before it\n";
        return 1;
    }
    out << "SAME  " << recording.scenario_name << " (recorded on " << recording.board_id << "): the virtual speaker did "
        << r.outputs_matched << " outputs over " << r.inputs << " inputs exactly as the board did\n";
    return 0;
}

} // namespace ringside::cli
