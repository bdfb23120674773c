// The kit's flash over a port's region against the virtual flash: the same NOR semantics,
// geometry and bounds on the same operations, byte for byte; the region is the port's and
// keeps what it holds until the port erases it.
#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "common/prng.hpp"
#include "hil/boards/common/kit_flash.hpp"
#include "sim/board/virtual_flash.hpp"

using namespace ringside;

namespace {

struct Region {
    std::array<std::uint8_t, kit::FlashRegion::kDefaultSectorSize * kit::FlashRegion::kDefaultSectorCount> bytes{};
    kit::FlashRegion region() { return kit::FlashRegion{bytes.data()}; }
};

bool same_contents(const Region& r, const sim::VirtualFlash& v) {
    return std::equal(r.bytes.begin(), r.bytes.end(), v.contents().begin(), v.contents().end());
}

} // namespace

TEST_CASE("kit flash has the virtual flash's default geometry and comes erased when the port makes a board",
          "[boards][flash]") {
    Region r;
    r.bytes.fill(0x00);  // what a RAM stand-in holds before anyone erased it
    kit::KitFlash flash(r.region());
    sim::VirtualFlash virtual_flash;
    CHECK(flash.sector_size() == virtual_flash.sector_size());
    CHECK(flash.sector_count() == virtual_flash.sector_count());
    CHECK_FALSE(flash.blank());  // construction does not touch the region
    flash.erase_all();
    CHECK(flash.blank());
    CHECK(same_contents(r, virtual_flash));
    CHECK(flash.erase_count() == 0);
}

TEST_CASE("kit flash: erase, program (bits only cleared), read and bounds as the virtual flash", "[boards][flash]") {
    Region r;
    kit::KitFlash flash(r.region());
    flash.erase_all();
    sim::VirtualFlash virtual_flash;
    common::Prng draw(99);
    const std::size_t size = r.bytes.size();
    for (int step = 0; step < 3'000; ++step) {
        CAPTURE(step);
        const std::uint32_t op = draw.below(10);
        // Addresses and lengths around the ends too: out of range must fail on both alike.
        const std::size_t address = draw.below(4) == 0 ? size - draw.below(40) : draw.below(static_cast<std::uint32_t>(size));
        const std::size_t length = draw.below(5) == 0 ? draw.below(5000) : draw.below(64);
        if (op < 2) {
            const std::size_t sector = draw.below(6);  // 4 and 5 do not exist
            REQUIRE(flash.erase_sector(sector) == virtual_flash.erase_sector(sector));
        } else if (op < 7) {
            std::vector<std::uint8_t> data(length);
            for (auto& b : data) b = static_cast<std::uint8_t>(draw.next());
            REQUIRE(flash.program(address, data.data(), length) == virtual_flash.program(address, data.data(), length));
        } else {
            std::vector<std::uint8_t> on_kit(length, 0x5a), on_sim(length, 0x5a);
            REQUIRE(flash.read(address, on_kit.data(), length) == virtual_flash.read(address, on_sim.data(), length));
            REQUIRE(on_kit == on_sim);
        }
        REQUIRE(same_contents(r, virtual_flash));
    }
    CHECK(flash.erase_count() == virtual_flash.erase_count());
    CHECK(flash.program_count() == virtual_flash.program_count());
    CHECK(flash.erase_count() > 0);
    CHECK(flash.program_count() > 0);

    // Null buffers are refused unless nothing is moved, as the virtual flash refuses them.
    CHECK(flash.read(0, nullptr, 1) == virtual_flash.read(0, nullptr, 1));
    CHECK(flash.read(0, nullptr, 0) == virtual_flash.read(0, nullptr, 0));
    CHECK(flash.program(0, nullptr, 1) == virtual_flash.program(0, nullptr, 1));
}

TEST_CASE("the region is the flash: a new KitFlash over it reads what the last one wrote", "[boards][flash]") {
    Region r;
    {
        kit::KitFlash first(r.region());
        first.erase_all();
        const std::uint8_t record[] = {0x12, 0x34, 0x56};
        REQUIRE(first.program(4096 + 10, record, sizeof record));
    }
    kit::KitFlash again(r.region());  // a new power-on's view of the same part
    std::uint8_t back[3] = {};
    REQUIRE(again.read(4096 + 10, back, sizeof back));
    CHECK(back[0] == 0x12);
    CHECK(back[2] == 0x56);
    kit::KitFlash none(kit::FlashRegion{nullptr});
    std::uint8_t b = 0;
    CHECK_FALSE(none.read(0, &b, 1));
    CHECK_FALSE(none.erase_sector(0));
}
