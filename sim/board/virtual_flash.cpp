#include "sim/board/virtual_flash.hpp"

#include <algorithm>
#include <cstring>

namespace ringside::sim {

// A fresh part comes erased from the factory.
VirtualFlash::VirtualFlash(std::size_t sector_size, std::size_t sector_count)
    : sector_size_(sector_size), sector_count_(sector_count), bytes_(sector_size * sector_count, 0xFF) {}

bool VirtualFlash::in_range(std::size_t address, std::size_t length) const {
    // Written so that address + length cannot overflow.
    return address <= bytes_.size() && length <= bytes_.size() - address;
}

void VirtualFlash::cut_power_after(std::uint64_t operations) {
    cut_armed_ = true;
    ops_before_cut_ = operations;
}

void VirtualFlash::restore_power() {
    cut_armed_ = false;
    cut_ = false;
}

bool VirtualFlash::tears_now() {
    if (!cut_armed_) return false;
    if (ops_before_cut_ > 0) {
        --ops_before_cut_;
        return false;
    }
    cut_armed_ = false;
    cut_ = true;
    if (wipe_on_cut_) std::fill(bytes_.begin(), bytes_.end(), std::uint8_t{0xFF});
    return true;
}

bool VirtualFlash::read(std::size_t address, std::uint8_t* out, std::size_t length) {
    if (cut_ || failing_ || !in_range(address, length) || (length != 0 && out == nullptr)) return false;
    if (length != 0) std::memcpy(out, bytes_.data() + address, length);
    return true;
}

bool VirtualFlash::erase_sector(std::size_t sector) {
    if (cut_ || failing_ || sector >= sector_count_) return false;
    if (tears_now()) {
        std::fill_n(bytes_.begin() + static_cast<std::ptrdiff_t>(sector * sector_size_), sector_size_ / 2,
                    std::uint8_t{0xFF});
        return false;
    }
    std::fill_n(bytes_.begin() + static_cast<std::ptrdiff_t>(sector * sector_size_), sector_size_, std::uint8_t{0xFF});
    ++erases_;
    return true;
}

bool VirtualFlash::program(std::size_t address, const std::uint8_t* data, std::size_t length) {
    if (cut_ || failing_ || !in_range(address, length) || (length != 0 && data == nullptr)) return false;
    if (tears_now()) {
        for (std::size_t i = 0; i < length / 2; ++i) bytes_[address + i] &= data[i];
        return false;
    }
    for (std::size_t i = 0; i < length; ++i) bytes_[address + i] &= data[i];
    ++programs_;
    return true;
}

bool VirtualFlash::blank() const {
    return std::all_of(bytes_.begin(), bytes_.end(), [](std::uint8_t b) { return b == 0xFF; });
}

} // namespace ringside::sim
