#pragma once
// An input of `ringside report merge`, read whole and told apart by its content (the
// extension only helps the message): a JUnit XML report, a ringside HTML report (its data
// block, reports/html_report.hpp) or a `ringside fleet --json` summary.
// Who may call: anyone; read_merge_input throws MergeInputError for a file it cannot take.
#include <stdexcept>
#include <string>

namespace ringside::reports {

// Bad input: the message names the file and what was expected (exit 2).
struct MergeInputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class MergeKind { JUnit, Html, Fleet };

struct MergeInput {
    std::string path;
    MergeKind kind = MergeKind::JUnit;
    std::string text;  // the whole file
};

MergeInput read_merge_input(const std::string& path);
const char* merge_kind_name(MergeKind kind);

} // namespace ringside::reports
