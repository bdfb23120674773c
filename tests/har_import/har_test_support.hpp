#pragma once
// What the har_import tests share: scratch folders, the trace of a run read back as the
// sequence of what the speaker did, file I/O.
#include <string>
#include <vector>

namespace ringside::test {

// A fresh, empty folder under the temp dir, named for the test and this process.
std::string scratch_dir(const std::string& name);

std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

// The JSONL trace `ringside run --trace DIR` wrote (the one .jsonl in DIR), as
// "category event detail" lines of the categories given (e.g. {"device", "auth", "http"}),
// state lines only for device and auth.
std::vector<std::string> trace_sequence(const std::string& dir, const std::vector<std::string>& categories);

// The same records with their virtual time: "t_ms category event detail".
std::vector<std::string> timed_trace(const std::string& dir, const std::vector<std::string>& categories);

} // namespace ringside::test
