#include "catalog_vs_schema.hpp"

#include <fstream>
#include <set>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::test {
namespace {

using nlohmann::json;

const json& step_properties(const json& schema) {
    for (const json& form : schema.at("$defs").at("step").at("anyOf"))
        if (form.contains("properties")) return form.at("properties");
    throw std::runtime_error("the schema's $defs/step has no mapping form with properties");
}

// A step's mapping form: the step schema itself, or the object branch of its anyOf.
const json* mapping_form(const json& step) {
    if (step.value("type", "") == "object") return &step;
    if (step.contains("anyOf"))
        for (const json& alt : step.at("anyOf"))
            if (alt.value("type", "") == "object") return &alt;
    return nullptr;
}

std::string joined(const std::set<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

} // namespace

std::vector<std::string> catalog_vs_schema(const runner::StepCatalog& catalog, const json& schema,
                                           const runner::Scenario& world) {
    std::vector<std::string> out;
    const json& steps = step_properties(schema);
    for (const auto& [name, parser] : catalog)
        if (!steps.contains(name)) out.push_back("step '" + name + "' is in the runner's catalogue but not in the schema");
    for (const auto& [name, step] : steps.items()) {
        if (name == "speaker" || name == "spread") continue;  // not steps: whom the step beside them is for, and over how long
        auto parser = catalog.find(name);
        if (parser == catalog.end()) {
            out.push_back("step '" + name + "' is in the schema but not in the runner's catalogue");
            continue;
        }
        const json* form = mapping_form(step);
        if (!form) continue;
        if (!form->contains("examples") || form->at("examples").empty()) {
            out.push_back("step '" + name + "': the schema gives no examples, so its keys cannot be compared");
            continue;
        }
        std::set<std::string> read;
        for (const json& example : form->at("examples")) {
            // JSON is flow YAML: the example goes through the runner's own parser.
            runner::ScenarioNode args = runner::ScenarioNode::parse(example.dump(), "schema example of " + name);
            try {
                parser->second(args, world);
            } catch (const runner::ScenarioError& e) {
                out.push_back("step '" + name + "': the runner refuses the schema's example " + example.dump() + ": " + e.what());
            }
            for (const std::string& key : args.keys_read()) read.insert(key);
        }
        std::set<std::string> declared;
        for (const auto& [key, value] : form->at("properties").items()) declared.insert(key);
        std::set<std::string> missing, extra;
        for (const auto& k : read)
            if (!declared.count(k)) missing.insert(k);
        for (const auto& k : declared)
            if (!read.count(k)) extra.insert(k);
        if (!missing.empty()) out.push_back("step '" + name + "': the runner reads keys the schema lacks: " + joined(missing));
        if (!extra.empty())
            out.push_back("step '" + name + "': the schema has keys no example makes the runner read: " + joined(extra));
    }
    return out;
}

json load_schema() {
    std::ifstream in(std::string(RINGSIDE_SOURCE_DIR) + "/schema/scenario.schema.json");
    return json::parse(in);
}

runner::Scenario example_world() {
    return runner::load_scenario(std::string(RINGSIDE_SOURCE_DIR) + "/tests/schema/example_world.yaml");
}

} // namespace ringside::test
