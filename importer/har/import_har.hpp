#pragma once
// `ringside import har`: a HAR 1.2 capture of a sign-in becomes a scenario whose cloud answers
// what the capture shows (docs/import.md). Throws ImportError for a capture it cannot use
// (malformed, or without any device-side exchange). The scenario text holds none of the
// capture's secrets: they are replaced by stand-ins, and the text is checked for every
// secret before it is returned (an ImportError, never a leak, if one got through).
// Who may call: the CLI (cli/import_command.cpp), tests and the fuzz target.
#include <cstddef>
#include <string>

namespace ringside::importer {

struct ImportedScenario {
    std::string yaml;
    std::size_t entries = 0;     // in the capture
    std::size_t exchanges = 0;   // the speaker's, imported
    std::size_t faults = 0;      // cloud.fault steps written
};

ImportedScenario import_har(const std::string& har_path);
// The same for a capture already read (the fuzz target); `name` stands for the file.
ImportedScenario import_har_text(const std::string& name, const std::string& text);

} // namespace ringside::importer
