#include "reports/merge/merge_input.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "reports/html_report.hpp"

namespace ringside::reports {
namespace {

std::string lower_prefix(const std::string& text, std::size_t n) {
    std::string out = text.substr(0, n);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

const char* merge_kind_name(MergeKind kind) {
    switch (kind) {
    case MergeKind::JUnit: return "JUnit XML report";
    case MergeKind::Html: return "HTML report";
    case MergeKind::Fleet: return "fleet summary";
    }
    return "?";
}

MergeInput read_merge_input(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MergeInputError(path + ": cannot read it");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw MergeInputError(path + ": reading it failed");
    MergeInput input{path, MergeKind::JUnit, buffer.str()};
    const auto start = input.text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const std::string head = start == std::string::npos ? std::string() : lower_prefix(input.text.substr(start), 512);
    const std::string expected = "expected a ringside JUnit XML report (ringside run --junit), HTML report "
                                 "(ringside run --html) or fleet summary (ringside fleet --json)";
    if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0) {
        // Ours carry their data block; any other page cannot be merged without scraping it.
        if (input.text.find(std::string("id=\"") + kReportDataId + "\"") == std::string::npos)
            throw MergeInputError(path + ": an HTML page without the ringside-report data block; " + expected +
                                  " (reports written before the data block existed must be written again)");
        input.kind = MergeKind::Html;
    } else if (head.rfind("<", 0) == 0) {
        input.kind = MergeKind::JUnit;
    } else if (head.rfind("{", 0) == 0) {
        input.kind = MergeKind::Fleet;
    } else {
        std::string hint;
        if (ends_with(path, ".xml") || ends_with(path, ".html") || ends_with(path, ".json"))
            hint = " (its name says otherwise, its content does not)";
        throw MergeInputError(path + ": " + (head.empty() ? "empty" : "unrecognised content") + hint + "; " + expected);
    }
    return input;
}

} // namespace ringside::reports
