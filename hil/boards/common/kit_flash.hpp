#pragma once
// hal::Flash with the NOR semantics and geometry of sim::VirtualFlash — erase sets a whole
// sector to 0xFF, program can only clear bits (new = old & data), every access is
// bounds-checked — over a region of memory the port provides: on a real part a reserved
// flash range driven by its controller would take this class's place; on QEMU (which does
// not emulate flash programming) the STM32 port gives it a RAM region in its
// `.flash_standin` section. The region outlives the firmware: it survives power off/on.
// The bytes are not touched on construction (a board's flash keeps what it holds); the port
// erases them when it makes a new board (erase_all), as the simulator's new board comes
// erased from the factory.
// Who may call: the hal face — the firmware (its token store) and the port's
// StoredTokenReader; erase_all and the counters — the port and tests.
#include <cstddef>
#include <cstdint>

#include "firmware/hal/flash.hpp"

namespace ringside::kit {

// Where the flash's bytes live: sector_size * sector_count bytes the port owns.
struct FlashRegion {
    static constexpr std::size_t kDefaultSectorSize = 4096;  // bytes, as sim::VirtualFlash
    static constexpr std::size_t kDefaultSectorCount = 4;

    std::uint8_t* bytes = nullptr;
    std::size_t sector_size = kDefaultSectorSize;
    std::size_t sector_count = kDefaultSectorCount;

    std::size_t size() const { return sector_size * sector_count; }
};

class KitFlash final : public hal::Flash {
public:
    explicit KitFlash(FlashRegion region) : region_(region) {}
    KitFlash(const KitFlash&) = delete;
    KitFlash& operator=(const KitFlash&) = delete;

    std::size_t sector_size() const override { return region_.sector_size; }
    std::size_t sector_count() const override { return region_.sector_count; }
    bool read(std::size_t address, std::uint8_t* out, std::size_t length) override;
    bool erase_sector(std::size_t sector) override;
    bool program(std::size_t address, const std::uint8_t* data, std::size_t length) override;

    // Every sector erased (a part fresh from the factory). Not counted as erases.
    void erase_all();
    bool blank() const;  // every byte 0xFF: no credentials can be stored
    std::uint64_t erase_count() const { return erases_; }
    std::uint64_t program_count() const { return programs_; }

private:
    bool in_range(std::size_t address, std::size_t length) const;

    FlashRegion region_;
    std::uint64_t erases_ = 0;
    std::uint64_t programs_ = 0;
};

} // namespace ringside::kit
