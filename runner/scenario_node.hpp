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
    void done() const;

    std::string str() const;
    long long integer(long long min, long long max) const;
    bool boolean() const;  // true or false; anything else fails with file:line
    Millis duration() const;
    std::vector<ScenarioNode> items() const;
    // {key: value} with exactly one key -> (key, value).
    std::pair<std::string, ScenarioNode> single_entry() const;
    std::string one_line() const;  // the node as flow YAML, for failure messages
    // A scalar written in quotes ("3600", '3600'): a string, whatever it looks like.
    bool is_quoted() const;
    // A mapping's (key, value) pairs in file order; keys must be scalars (fails otherwise).
    // Marks every key read.
    std::vector<std::pair<std::string, ScenarioNode>> entries();

    // Parses `text` (a whole file's contents) as the root node of `file`.
    static ScenarioNode parse(const std::string& text, const std::string& file);

private:
    std::shared_ptr<Impl> impl_;
};

std::string join(const std::vector<std::string>& words);  // "a, b, c"

} // namespace ringside::runner
