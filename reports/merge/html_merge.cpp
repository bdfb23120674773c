#include "reports/merge/html_merge.hpp"

#include <nlohmann/json.hpp>

namespace ringside::reports {

std::vector<ScenarioSection> read_html_report(const MergeInput& input) {
    const std::string open = std::string("<script type=\"application/json\" id=\"") + kReportDataId + "\">";
    const auto begin = input.text.find(open);
    // The writer escapes every '<' inside the block, so the first end tag after it is its own.
    const auto end = begin == std::string::npos ? begin : input.text.find("</script>", begin);
    if (end == std::string::npos)
        throw MergeInputError(input.path + ": no complete ringside-report data block; expected an HTML report written by "
                              "ringside run --html");
    const std::size_t from = begin + open.size();
    std::vector<ScenarioSection> sections;
    try {
        const nlohmann::json data = nlohmann::json::parse(input.text.substr(from, end - from));
        const std::string schema = data.at("schema").get<std::string>();
        if (schema != kReportSchema)
            throw MergeInputError(input.path + ": report data schema '" + schema + "', expected '" + kReportSchema +
                                  "' (written by another ringside version)");
        for (const nlohmann::json& s : data.at("scenarios")) {
            ScenarioSection section;
            section.name = s.at("name").get<std::string>();
            section.file = s.at("file").get<std::string>();
            section.seed = std::stoull(s.at("seed").get<std::string>());
            const std::string verdict = s.at("verdict").get<std::string>();
            if (verdict != "passed" && verdict != "failed")
                throw MergeInputError(input.path + ": scenario '" + section.name + "' has verdict '" + verdict +
                                      "', expected passed or failed");
            section.passed = verdict == "passed";
            section.failure_reason = s.at("failure_reason").get<std::string>();
            section.virtual_end = Millis(s.at("virtual_end_ms").get<std::int64_t>());
            section.wall_seconds = s.at("wall_seconds").get<double>();
            const nlohmann::json& where = s.at("section");
            const auto offset = where.at("offset").get<std::size_t>();
            const auto length = where.at("length").get<std::size_t>();
            if (offset > begin || length > begin - offset)
                throw MergeInputError(input.path + ": scenario '" + section.name +
                                      "': its section lies outside the report; expected the file as ringside run --html wrote it");
            section.body_html = input.text.substr(offset, length);
            if (report_section_digest(section.body_html) != where.at("fnv1a64").get<std::string>())
                throw MergeInputError(input.path + ": scenario '" + section.name +
                                      "': its section does not match the data block (the file was edited after it was written)");
            sections.push_back(std::move(section));
        }
    } catch (const nlohmann::json::exception& e) {
        throw MergeInputError(input.path + ": its ringside-report data block is not as ringside run --html writes it (" +
                              e.what() + ")");
    } catch (const std::logic_error& e) {  // std::stoull on a seed that is not a number
        throw MergeInputError(input.path + ": a scenario's seed in its data block is not a number");
    }
    return sections;
}

} // namespace ringside::reports
