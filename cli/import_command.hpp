#pragma once
// `ringside import har FILE [--out SCENARIO]` (docs/import.md). Exit 0: the scenario was
// written (to SCENARIO, or stdout); 2: bad usage or a capture it cannot use.
// Who may call: main; kImportHelp: the help table too.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cli {

// What `ringside import --help` and `ringside import har --help` print (cli/command_help's
// table answers them).
inline constexpr std::string_view kImportHelp = R"(usage: ringside import har FILE [--out SCENARIO]

Turns the speaker's side of an HTTP capture (HAR 1.2: browser devtools, mitmproxy, Charles,
Fiddler) into a scenario whose cloud answers what the capture shows (docs/import.md): the
device authorization, the token polls and refreshes, revocation, in either dialect (RFC 8628
/oauth2/..., Login with Amazon /auth/O2/...), each with the captured status, body,
Content-Type, Retry-After, Date skew and server time. Play it with `ringside run SCENARIO`
to see what this firmware does against that cloud.

Secrets in the capture (device and user codes, tokens, passwords, client secrets,
Authorization headers, cookies) are replaced by stand-ins and never written out.

options:
  --out SCENARIO  write the scenario to this file (default: print it)
  -h, --help      this help

exit status: 0 written, 2 bad usage or a capture that cannot be used (the error names the
file and what was expected)
)";

int import_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
