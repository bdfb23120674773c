#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "hil/protocol/cobs.hpp"
#include "hil/protocol/frame.hpp"

using namespace ringside::hil;
using Result = FrameDecoder::Result;

namespace {

Frame make(MessageType type, std::uint16_t sequence, std::vector<std::uint8_t> payload) {
    Frame f;
    f.type = type;
    f.sequence = sequence;
    f.length = static_cast<std::uint16_t>(payload.size());
    std::copy(payload.begin(), payload.end(), f.payload.begin());
    return f;
}

std::vector<std::uint8_t> wire(const Frame& f) {
    std::vector<std::uint8_t> out(kMaxWireSize);
    out.resize(encode_frame(f, out.data(), out.size()));
    return out;
}

// Feeds bytes; returns every non-None result, with the frames' sequence numbers.
struct Fed {
    std::vector<Result> results;
    std::vector<std::uint16_t> sequences;
};
Fed feed(FrameDecoder& d, const std::vector<std::uint8_t>& bytes) {
    Fed fed;
    for (std::uint8_t b : bytes) {
        const Result r = d.push(b);
        if (r == Result::None) continue;
        fed.results.push_back(r);
        if (r == Result::Frame) fed.sequences.push_back(d.frame().sequence);
    }
    return fed;
}

} // namespace

TEST_CASE("COBS removes every zero and round-trips, including 254-byte runs", "[hil]") {
    for (std::size_t n : {1u, 2u, 253u, 254u, 255u, 600u}) {
        std::vector<std::uint8_t> data(n);
        for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i % 7 == 0 ? 0 : i);
        std::vector<std::uint8_t> enc(cobs_max_encoded(n)), dec(n);
        const std::size_t e = cobs_encode(data.data(), n, enc.data(), enc.size());
        REQUIRE(e > 0);
        CHECK(std::find(enc.begin(), enc.begin() + static_cast<long>(e), 0) == enc.begin() + static_cast<long>(e));
        CHECK(cobs_decode(enc.data(), e, dec.data(), dec.size()) == n);
        CHECK(dec == data);
    }
    const std::uint8_t bad[] = {0x05, 0x11, 0x22};  // a code running past the end
    std::uint8_t out[8];
    CHECK(cobs_decode(bad, sizeof bad, out, sizeof out) == 0);
}

TEST_CASE("frames round-trip through the decoder byte by byte", "[hil]") {
    FrameDecoder d;
    const Frame sent = make(MessageType::HttpRequest, 513, {0, 1, 2, 0, 0, 255, 7});
    const Fed fed = feed(d, wire(sent));
    REQUIRE(fed.results == std::vector<Result>{Result::Frame});
    CHECK(d.frame().type == MessageType::HttpRequest);
    CHECK(d.frame().sequence == 513);
    REQUIRE(d.frame().length == 7);
    CHECK(std::equal(d.frame().payload.begin(), d.frame().payload.begin() + 7, sent.payload.begin()));

    const Frame biggest = make(MessageType::AudioChunk, 1, std::vector<std::uint8_t>(kMaxPayload, 0xAB));
    CHECK(feed(d, wire(biggest)).results == std::vector<Result>{Result::Frame});
    Frame too_big = biggest;
    too_big.length = kMaxPayload + 1;
    std::uint8_t out[kMaxWireSize + 8];
    CHECK(encode_frame(too_big, out, sizeof out) == 0);
}

TEST_CASE("garbage before a frame is dropped and the decoder resynchronises at the delimiter", "[hil]") {
    FrameDecoder d;
    std::vector<std::uint8_t> bytes{0x13, 0x37, 0xFF, 0x42, 0x00};  // line noise, then a delimiter
    const auto good = wire(make(MessageType::RingFrame, 9, {1, 2, 3}));
    bytes.insert(bytes.end(), good.begin(), good.end());
    const Fed fed = feed(d, bytes);
    CHECK(fed.results == std::vector<Result>{Result::Malformed, Result::Frame});
    CHECK(fed.sequences == std::vector<std::uint16_t>{9});
}

TEST_CASE("a flipped bit is a CRC error, a truncated frame is malformed, and the next frame still arrives", "[hil]") {
    FrameDecoder d;
    auto flipped = wire(make(MessageType::Speech, 1, {'h', 'i', '!', '!'}));
    // Flip a payload bit (a bit in a length or COBS code byte is caught as Malformed instead).
    const auto h = std::find(flipped.begin(), flipped.end(), 'h');
    REQUIRE(h != flipped.end());
    *h ^= 0x01;
    auto truncated = wire(make(MessageType::Speech, 2, {'a', 'b', 'c', 'd', 'e', 'f'}));
    truncated.erase(truncated.begin() + 3, truncated.end() - 1);  // keep the delimiter
    const auto good = wire(make(MessageType::Speech, 3, {'o', 'k'}));
    std::vector<std::uint8_t> bytes = flipped;
    bytes.insert(bytes.end(), truncated.begin(), truncated.end());
    bytes.insert(bytes.end(), good.begin(), good.end());
    const Fed fed = feed(d, bytes);
    REQUIRE(fed.results.size() == 3);
    CHECK(fed.results[0] == Result::BadCrc);
    CHECK(fed.results[1] == Result::Malformed);
    CHECK(fed.results[2] == Result::Frame);
}

TEST_CASE("an endless run without a delimiter overflows once and recovers", "[hil]") {
    FrameDecoder d;
    std::vector<std::uint8_t> bytes(3 * kMaxWireSize, 0x55);
    bytes.push_back(0);
    const auto good = wire(make(MessageType::Ack, 4, {}));
    bytes.insert(bytes.end(), good.begin(), good.end());
    CHECK(feed(d, bytes).results == std::vector<Result>{Result::Overflow, Result::Frame});
}

TEST_CASE("lost frames show as gaps in the sequence numbers", "[hil]") {
    SequenceTracker t;
    CHECK(t.accept(7) == 0);
    CHECK(t.accept(8) == 0);
    CHECK(t.accept(11) == 2);
    CHECK(t.accept(65535) == 65535 - 12);
    CHECK(t.accept(0) == 0);  // wraps
    t.reset();                // a board reset starts a new count
    CHECK(t.accept(0) == 0);
}

TEST_CASE("random bytes never crash the decoder and never fake a frame", "[hil]") {
    std::mt19937 rng(1234);  // a fixed seed: the same bytes every run
    FrameDecoder d;
    std::vector<std::uint8_t> bytes(200000);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng() % 16 == 0 ? 0 : rng());
    const Fed fed = feed(d, bytes);
    CHECK(std::count(fed.results.begin(), fed.results.end(), Result::Frame) == 0);
    // Afterwards a real frame still gets through.
    d.push(0);
    CHECK(feed(d, wire(make(MessageType::Hello, 0, {1}))).results == std::vector<Result>{Result::Frame});
}
