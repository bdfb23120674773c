#include "cli/import_command.hpp"

#include <fstream>
#include <iostream>

#include "cli/command_help.hpp"
#include "importer/har/import_error.hpp"
#include "importer/har/import_har.hpp"

namespace ringside::cli {
namespace {

int usage_error(std::ostream& err, const std::string& what) {
    err << "error: " << what << "; " << see_help("import har") << "\n";
    return 2;
}

} // namespace

int import_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] != "har") return usage_error(err, "'ringside import' takes one format: har FILE");
    std::string file, out_path;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--out") {
            if (i + 1 >= args.size()) return usage_error(err, "--out needs a scenario file name");
            out_path = args[++i];
        } else if (!args[i].empty() && args[i][0] == '-') {
            return usage_error(err, "unknown option '" + args[i] + "' for ringside import har");
        } else if (file.empty()) {
            file = args[i];
        } else {
            return usage_error(err, "ringside import har takes one capture file");
        }
    }
    if (file.empty()) return usage_error(err, "ringside import har needs a capture file (HAR 1.2)");
    try {
        const importer::ImportedScenario imported = importer::import_har(file);
        if (out_path.empty()) {
            out << imported.yaml;
            return 0;
        }
        std::ofstream to(out_path, std::ios::binary | std::ios::trunc);
        to << imported.yaml;
        to.close();
        if (!to) return usage_error(err, "cannot write " + out_path);
        out << "wrote " << out_path << ": " << imported.exchanges << " device-side exchanges of " << imported.entries
            << " entries, " << imported.faults << " cloud faults; play it with: ringside run " << out_path << "\n";
        return 0;
    } catch (const importer::ImportError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        err << "error: " << file << ": out of memory reading it; expected a HAR of a sign-in\n";
        return 2;
    } catch (const std::exception& e) {
        // A shape the importer did not foresee: still no crash. Library messages here name
        // types, not values (the JSON parser's, which quote input, are caught in the reader).
        err << "error: " << file << ": cannot import it (" << e.what() << "); expected a HAR 1.2 capture of a sign-in\n";
        return 2;
    }
}

} // namespace ringside::cli
