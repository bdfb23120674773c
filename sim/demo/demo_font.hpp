#pragma once
// The font the demo writes its panel in: $RINGSIDE_DEMO_FONT when set, else DejaVu Sans
// (Debian's fonts-dejavu-core, installed by scripts/setup). Who may call: anyone.
#include <string>

namespace ringside::demo {

inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::string demo_font_path();

} // namespace ringside::demo
