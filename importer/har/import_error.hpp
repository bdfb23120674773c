#pragma once
// What `ringside import har` says about a capture it cannot use: the file, where in it and
// what was expected. The text never quotes the capture's content (it may hold secrets), only
// its structure (member paths, JSON types, line:column). Who may call: the importer throws it,
// the CLI prints it and exits 2.
#include <stdexcept>
#include <string>

namespace ringside::importer {

class ImportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace ringside::importer
