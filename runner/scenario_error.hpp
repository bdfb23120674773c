#pragma once
// A scenario file that cannot be played: where, and what was expected there.
// Thrown by the loader (host code may use exceptions; firmware/ may not). Exit code 2.
#include <stdexcept>
#include <string>

#include "runner/scenario.hpp"

namespace ringside::runner {

class ScenarioError : public std::runtime_error {
public:
    ScenarioError(SourceLocation where, const std::string& message)
        : std::runtime_error(where.file + ":" + std::to_string(where.line) + ": " + message), where_(std::move(where)) {}
    const SourceLocation& where() const { return where_; }

private:
    SourceLocation where_;
};

} // namespace ringside::runner
