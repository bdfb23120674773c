#pragma once
// JUnit XML reports of shards made one: every testcase of every input in one <testsuites>
// with its totals counted again (write_junit). Parsed with libxml2, never by hand.
// Units: seconds, as JUnit has them.
// Who may call: anyone; read_junit throws MergeInputError naming the file.
#include <string>
#include <vector>

#include "reports/junit_writer.hpp"
#include "reports/merge/merge_input.hpp"

namespace ringside::reports {

// Every <testcase> of a <testsuites> or <testsuite> document, in document order. An <error>
// counts as a failure.
std::vector<JUnitCase> read_junit(const MergeInput& input);

} // namespace ringside::reports
