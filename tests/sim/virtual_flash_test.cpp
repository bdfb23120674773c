#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/board/virtual_flash.hpp"

using ringside::sim::VirtualFlash;

TEST_CASE("virtual flash starts erased with the default geometry", "[sim][flash]") {
    VirtualFlash flash;
    CHECK(flash.sector_size() == 4096);
    CHECK(flash.sector_count() == 4);
    CHECK(flash.contents().size() == 4 * 4096);
    CHECK(flash.blank());
}

TEST_CASE("virtual flash program can only clear bits", "[sim][flash]") {
    VirtualFlash flash(256, 2);
    const std::array<std::uint8_t, 2> first{0xF0, 0x3C};
    REQUIRE(flash.program(10, first.data(), first.size()));
    const std::array<std::uint8_t, 2> second{0x0F, 0xFF};  // tries to set bits back
    REQUIRE(flash.program(10, second.data(), second.size()));

    std::array<std::uint8_t, 4> out{};
    REQUIRE(flash.read(9, out.data(), out.size()));
    CHECK(out == std::array<std::uint8_t, 4>{0xFF, 0x00, 0x3C, 0xFF});
    CHECK(flash.program_count() == 2);
}

TEST_CASE("virtual flash erase resets one whole sector to 0xFF", "[sim][flash]") {
    VirtualFlash flash(256, 2);
    std::vector<std::uint8_t> zeros(512, 0x00);
    REQUIRE(flash.program(0, zeros.data(), zeros.size()));

    REQUIRE(flash.erase_sector(1));
    CHECK(flash.erase_count() == 1);
    for (std::size_t i = 0; i < 256; ++i) REQUIRE(flash.contents()[i] == 0x00);
    for (std::size_t i = 256; i < 512; ++i) REQUIRE(flash.contents()[i] == 0xFF);

    // After an erase, programming works on the fresh bits again.
    const std::uint8_t byte = 0xA5;
    REQUIRE(flash.program(300, &byte, 1));
    CHECK(flash.contents()[300] == 0xA5);
}

TEST_CASE("virtual flash rejects out-of-range access without side effects", "[sim][flash]") {
    VirtualFlash flash(256, 2);
    std::array<std::uint8_t, 8> buffer{};
    const std::size_t huge = std::numeric_limits<std::size_t>::max();

    CHECK_FALSE(flash.read(510, buffer.data(), 8));
    CHECK(flash.read(504, buffer.data(), 8));  // exactly to the end
    CHECK_FALSE(flash.read(8, buffer.data(), huge));  // address + length would wrap
    CHECK_FALSE(flash.program(huge, buffer.data(), 1));
    CHECK_FALSE(flash.program(512, buffer.data(), 1));
    CHECK_FALSE(flash.erase_sector(2));
    CHECK(flash.blank());
    CHECK(flash.program_count() == 0);
    CHECK(flash.erase_count() == 0);
}

TEST_CASE("virtual flash in fault mode fails every operation and changes nothing", "[sim][flash]") {
    VirtualFlash flash(256, 1);
    const std::uint8_t zero = 0;
    flash.set_failing(true);
    std::uint8_t out = 0;
    CHECK_FALSE(flash.program(0, &zero, 1));
    CHECK_FALSE(flash.erase_sector(0));
    CHECK_FALSE(flash.read(0, &out, 1));
    CHECK(flash.blank());
    flash.set_failing(false);
    CHECK(flash.program(0, &zero, 1));
    CHECK_FALSE(flash.blank());
}
