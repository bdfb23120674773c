#include "sim/demo/demo_font.hpp"

#include <cstdlib>

namespace ringside::demo {

std::string demo_font_path() {
    const char* chosen = std::getenv("RINGSIDE_DEMO_FONT");
    return chosen && *chosen ? chosen : kDefaultFontPath;
}

} // namespace ringside::demo
