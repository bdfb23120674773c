#pragma once
// hal::Flash with NOR semantics in RAM: erase sets a whole sector to 0xFF, program can only
// clear bits (new = old & data), every access is bounds-checked. It belongs to the world,
// not to a firmware instance, so its contents survive power-off.
// Who may call: the hal::Flash face — the firmware; the test face — the world and tests.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware/hal/flash.hpp"

namespace ringside::sim {

class VirtualFlash final : public hal::Flash {
public:
    static constexpr std::size_t kDefaultSectorSize = 4096;  // bytes
    static constexpr std::size_t kDefaultSectorCount = 4;

    explicit VirtualFlash(std::size_t sector_size = kDefaultSectorSize, std::size_t sector_count = kDefaultSectorCount);

    std::size_t sector_size() const override { return sector_size_; }
    std::size_t sector_count() const override { return sector_count_; }
    bool read(std::size_t address, std::uint8_t* out, std::size_t length) override;
    bool erase_sector(std::size_t sector) override;
    bool program(std::size_t address, const std::uint8_t* data, std::size_t length) override;

    // Test face.
    // While failing, every operation returns false and changes nothing (a device fault).
    void set_failing(bool failing) { failing_ = failing; }
    const std::vector<std::uint8_t>& contents() const { return bytes_; }
    std::uint64_t erase_count() const { return erases_; }
    std::uint64_t program_count() const { return programs_; }
    // True when every byte of the device is erased (0xFF): no credentials can be stored.
    bool blank() const;

    // Power-cut injection. After `operations` more program/erase operations succeed, the
    // next one is torn, as when the supply dies mid-operation: a program lands only its
    // first half of bytes, an erase resets only the sector's first half. From then on every
    // operation fails (the part is unpowered) until restore_power().
    void cut_power_after(std::uint64_t operations);
    bool power_cut() const { return cut_; }
    void restore_power();
    // A planted defect (sim/board/planted_defect.hpp, lossy_flash): a part whose brown-out
    // wipes it whole, so a cut loses even the records the torn operation never touched.
    void wipe_on_cut(bool on) { wipe_on_cut_ = on; }

private:
    bool in_range(std::size_t address, std::size_t length) const;
    bool wipe_on_cut_ = false;

    std::size_t sector_size_;
    std::size_t sector_count_;
    std::vector<std::uint8_t> bytes_;
    bool failing_ = false;
    std::uint64_t erases_ = 0;
    std::uint64_t programs_ = 0;
    bool cut_armed_ = false;
    std::uint64_t ops_before_cut_ = 0;
    bool cut_ = false;
    // Counts one program/erase against an armed cut; true when this one is the torn one.
    bool tears_now();
};

} // namespace ringside::sim
