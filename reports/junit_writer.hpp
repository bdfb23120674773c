#pragma once
// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub reporters): one <testcase> per
// scenario, the failure text carrying the step, its file:line, virtual time, seed and the
// command that reproduces it.
#include <ostream>
#include <string>
#include <vector>

namespace ringside::reports {

struct JUnitCase {
    std::string name;
    std::string classname;   // the scenario file
    double seconds = 0;      // wall time of the run
    bool failed = false;
    std::string failure_message;  // one line
    std::string failure_text;     // details, several lines
    std::string skipped;          // why it was not run (e.g. sim-only on a board); empty: it ran
};

void write_junit(std::ostream& out, const std::string& suite_name, const std::vector<JUnitCase>& cases);

} // namespace ringside::reports
