// The HIL link's receive side on any byte stream: the frame decoder, then every message
// decoder on every frame it accepts (a board and a host decode the same frames). Each
// decoded message must encode again to a frame (what decode accepts, encode can write).
#include <cstddef>
#include <cstdint>

#include "hil/protocol/frame.hpp"
#include "hil/protocol/messages.hpp"

using namespace ringside::hil;

namespace {

template <typename Message>
void try_decode(const Frame& f) {
    Message m;
    if (!decode(f, m)) return;
    Frame again;
    if (!encode(m, again)) __builtin_trap();
}

void decode_every_type(const Frame& f) {
    try_decode<Boot>(f);
    try_decode<Hello>(f);
    try_decode<HelloAck>(f);
    try_decode<Ack>(f);
    try_decode<Nack>(f);
    try_decode<ButtonEdge>(f);
    try_decode<Utterance>(f);
    try_decode<AudioChunk>(f);
    try_decode<Power>(f);
    try_decode<TimeGrant>(f);
    try_decode<TimeDone>(f);
    try_decode<BoardConfig>(f);
    try_decode<SetupCredentials>(f);
    try_decode<WifiJoin>(f);
    try_decode<WifiLeave>(f);
    try_decode<WifiPreferBand>(f);
    try_decode<WifiResult>(f);
    try_decode<SetupReport>(f);
    try_decode<HttpRequestHead>(f);
    try_decode<HttpResponseHead>(f);
    try_decode<HttpBody>(f);
    try_decode<HttpCancel>(f);
    try_decode<HttpBodyEnd>(f);
    try_decode<Status>(f);
    try_decode<SpeechMessage>(f);
    try_decode<TraceMessage>(f);
    try_decode<RingFrameMessage>(f);
    try_decode<StreamRing>(f);
    try_decode<QueryStoredToken>(f);
    try_decode<StoredToken>(f);
    try_decode<QueryBoardStats>(f);
    try_decode<BoardStats>(f);
    try_decode<Fault>(f);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FrameDecoder decoder;
    for (std::size_t i = 0; i < size; ++i)
        if (decoder.push(data[i]) == FrameDecoder::Result::Frame) decode_every_type(decoder.frame());
    // The bytes as a payload of each type too, so payload layouts are reached without COBS.
    Frame f;
    f.length = static_cast<std::uint16_t>(size < f.payload.size() ? size : f.payload.size());
    for (std::size_t i = 0; i < f.length; ++i) f.payload[i] = data[i];
    for (int t = 0; t < 0x40; ++t) {
        f.type = static_cast<MessageType>(t);
        decode_every_type(f);
    }
    return 0;
}
