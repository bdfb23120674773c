#pragma once
// What `--version` answers, for every executable the package installs: the release (CMake's
// project(VERSION)) and the commit it was built from, so a bug report names both.
// Who may call: host executables only (ringside, ringside-board-emulator).
#include <string>
#include <string_view>

namespace ringside {

// True for "--version" and "-V".
bool is_version_flag(std::string_view arg);

// "PROGRAM 0.15.0 (build 1a2b3c4)": the short commit hash, "-dirty" when tracked files had
// changes, "unknown" when built outside a git checkout (a source tarball). help2man reads
// this line into the man page's header.
std::string version_line(std::string_view program);

} // namespace ringside
