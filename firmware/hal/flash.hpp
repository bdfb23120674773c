#pragma once
// NOR-flash-like persistent storage, the only thing that survives a power cut. Semantics
// the firmware must respect, as on real parts: erase sets a whole sector to 0xFF; program
// can only clear bits (new = old & data); a power cut may stop any erase or program part
// way. Atomic commit is built on top of this by the token store, not promised here.
#include <cstddef>
#include <cstdint>

namespace ringside::hal {

class Flash {
public:
    virtual std::size_t sector_size() const = 0;   // bytes
    virtual std::size_t sector_count() const = 0;
    // All return false on an out-of-range address or a device fault.
    virtual bool read(std::size_t address, std::uint8_t* out, std::size_t length) = 0;
    virtual bool erase_sector(std::size_t sector) = 0;
    virtual bool program(std::size_t address, const std::uint8_t* data, std::size_t length) = 0;

protected:
    ~Flash() = default;
};

} // namespace ringside::hal
