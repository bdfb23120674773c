#pragma once
// Reads a HAR 1.2 file (browser devtools, mitmproxy, Charles, Fiddler) into its exchanges.
// Malformed input throws ImportError naming the file and what was expected: not JSON (with
// line:column), not a HAR (no log.entries), a member of the wrong type (its path, e.g.
// log.entries[3].response.status), a file over kMaxCaptureBytes or nested past
// kMaxJsonDepth (so no input makes the parser exhaust memory or the stack).
// Who may call: import_har.
#include <cstddef>
#include <string>
#include <vector>

#include "importer/har/har_exchange.hpp"

namespace ringside::importer {

constexpr std::size_t kMaxCaptureBytes = 64u << 20;  // 64 MiB: a long session with bodies
constexpr int kMaxJsonDepth = 64;                    // HAR itself nests 6 deep

// Every entry of log.entries, in file order.
std::vector<HarExchange> read_har(const std::string& path);
// The same for a capture already read; `name` is what messages call it.
std::vector<HarExchange> read_har_text(const std::string& name, const std::string& text);

} // namespace ringside::importer
