#include "hil/boards/common/kit_flash.hpp"

#include <cstring>

namespace ringside::kit {

bool KitFlash::in_range(std::size_t address, std::size_t length) const {
    // Written so that address + length cannot overflow.
    return region_.bytes != nullptr && address <= region_.size() && length <= region_.size() - address;
}

bool KitFlash::read(std::size_t address, std::uint8_t* out, std::size_t length) {
    if (!in_range(address, length) || (length != 0 && out == nullptr)) return false;
    if (length != 0) std::memcpy(out, region_.bytes + address, length);
    return true;
}

bool KitFlash::erase_sector(std::size_t sector) {
    if (region_.bytes == nullptr || sector >= region_.sector_count) return false;
    std::memset(region_.bytes + sector * region_.sector_size, 0xFF, region_.sector_size);
    ++erases_;
    return true;
}

bool KitFlash::program(std::size_t address, const std::uint8_t* data, std::size_t length) {
    if (!in_range(address, length) || (length != 0 && data == nullptr)) return false;
    for (std::size_t i = 0; i < length; ++i) region_.bytes[address + i] &= data[i];
    ++programs_;
    return true;
}

void KitFlash::erase_all() {
    if (region_.bytes != nullptr) std::memset(region_.bytes, 0xFF, region_.size());
}

bool KitFlash::blank() const {
    if (region_.bytes == nullptr) return false;
    for (std::size_t i = 0; i < region_.size(); ++i)
        if (region_.bytes[i] != 0xFF) return false;
    return true;
}

} // namespace ringside::kit
