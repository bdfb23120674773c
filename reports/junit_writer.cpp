#include "reports/junit_writer.hpp"

#include <cstdio>

#include "sim/text/escape.hpp"

namespace ringside::reports {
namespace {

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s);
    return buf;
}

} // namespace

void write_junit(std::ostream& out, const std::string& suite_name, const std::vector<JUnitCase>& cases) {
    int failures = 0, skipped = 0;
    double total = 0;
    for (const auto& c : cases) {
        failures += c.failed ? 1 : 0;
        skipped += c.skipped.empty() ? 0 : 1;
        total += c.seconds;
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites tests=\"" << cases.size() << "\" failures=\"" << failures << "\" time=\"" << seconds_text(total) << "\">\n";
    out << "  <testsuite name=\"" << text::xml_escape(suite_name) << "\" tests=\"" << cases.size() << "\" failures=\""
        << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\"" << seconds_text(total) << "\">\n";
    for (const auto& c : cases) {
        out << "    <testcase name=\"" << text::xml_escape(c.name) << "\" classname=\"" << text::xml_escape(c.classname)
            << "\" time=\"" << seconds_text(c.seconds) << "\"";
        if (!c.skipped.empty()) {
            out << ">\n      <skipped message=\"" << text::xml_escape(c.skipped) << "\"/>\n    </testcase>\n";
            continue;
        }
        if (!c.failed) {
            out << "/>\n";
            continue;
        }
        out << ">\n      <failure message=\"" << text::xml_escape(c.failure_message) << "\" type=\"ScenarioFailure\">"
            << text::xml_escape(c.failure_text) << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
}

} // namespace ringside::reports
