#pragma once
// A ringside HTML report read back through its data block (reports/html_report.hpp), never
// its markup: the scenarios' sections, as write_html_document takes them.
// Who may call: anyone; read_html_report throws MergeInputError naming the file.
#include <vector>

#include "reports/html_report.hpp"
#include "reports/merge/merge_input.hpp"

namespace ringside::reports {

std::vector<ScenarioSection> read_html_report(const MergeInput& input);

} // namespace ringside::reports
