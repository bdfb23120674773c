#include "importer/har/one_line.hpp"

#include <algorithm>

namespace ringside::importer {

std::string one_line(std::string text) {
    text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }), text.end());
    return text;
}

} // namespace ringside::importer
