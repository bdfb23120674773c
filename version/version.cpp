#include "version/version.hpp"

// The one file that includes the generated header: a new commit recompiles this file and
// relinks, nothing else (cmake/write_build_id.cmake rewrites it only when the id changes).
#include "ringside_build_id.hpp"

namespace ringside {

bool is_version_flag(std::string_view arg) { return arg == "--version" || arg == "-V"; }

std::string version_line(std::string_view program) {
    return std::string(program) + " " RINGSIDE_VERSION " (build " RINGSIDE_BUILD_ID ")";
}

} // namespace ringside
