#pragma once
// A node of a scenario file with the file it came from: typed getters that fail with
// file:line and what was expected. Hides yaml-cpp from everything but scenario_node.cpp.
// Who may call: the loader and the step parsers (runner/steps/).
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runner/duration.hpp"
#include "runner/scenario.hpp"

namespace ringside::runner {

class ScenarioNode {
public:
    struct Impl;
    explicit ScenarioNode(std::shared_ptr<Impl> impl);
    ~ScenarioNode();
    ScenarioNode(const ScenarioNode&);
    ScenarioNode& operator=(const ScenarioNode&);

    SourceLocation where() const;
    const std::string& context() const;  // e.g. "expect_state.within", for messages
    [[noreturn]] void fail(const std::string& message) const;

    bool is_map() const;
    bool is_scalar() const;   // a plain value (an empty value counts)
    bool is_sequence() const;

    // Mapping access. Keys read are remembered; done() rejects any other key present.
    std::optional<ScenarioNode> get(const std::string& key);
    ScenarioNode require(const std::string& key);
    // Whether the mapping holds the key, without allowing it (for a clearer refusal than done()'s).
    bool has(const std::string& key) const;
    void done() const;
    // The keys get() and require() asked for so far, sorted: what this mapping may hold
    // (tests/schema compares them with the scenario schema).
    std::vector<std::string> keys_read() const;

    std::string str() const;
    long long integer(long long min, long long max) const;
    bool boolean() const;  // true or false; anything else fails with file:line
    Millis duration() const;
    std::vector<ScenarioNode> items() const;
    // A mapping's keys and values in file order, for maps whose keys are data (not checked
    // by done()).
    std::vector<std::pair<std::string, ScenarioNode>> entries() const;
    // {key: value} with exactly one key -> (key, value).
    std::pair<std::string, ScenarioNode> single_entry() const;
    std::string one_line() const;  // the node as flow YAML, for failure messages
    // The node as JSON text: a quoted scalar is a JSON string; a plain one is the JSON
    // number, true, false or null it reads as (any size of number), else a string; a list
    // an array; a mapping an object. So `expires_in: "3600"` is a string, `3600` a number.
    std::string json() const;

    // Parses `text` (a whole file's contents) as the root node of `file`.
    static ScenarioNode parse(const std::string& text, const std::string& file);

private:
    std::shared_ptr<Impl> impl_;
};

std::string join(const std::vector<std::string>& words);  // "a, b, c"

// The loader's boundary: call inside a catch (...) while reading `file`. A yaml-cpp error that
// slipped past the typed getters becomes a ScenarioError at its file:line (exit 2, never an
// abort); a ScenarioError and anything else are rethrown as they are.
[[noreturn]] void rethrow_as_scenario_error(const std::string& file);

} // namespace ringside::runner
