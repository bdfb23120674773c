#include "hil/host/handshake.hpp"

#include <algorithm>

#include "hil/host/link_error.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {
namespace {

using Kind = LinkError::Kind;

std::string version_text(int v) { return "protocol version " + std::to_string(v); }

[[noreturn]] void wrong_protocol(const BoardLink& link, int board_version, const char* how) {
    throw LinkError(Kind::WrongProtocol, link.port(),
                    "board on " + link.port() + " " + how + " " + version_text(board_version) + "; this host speaks " +
                        version_text(kProtocolVersion));
}

void send_hello(BoardLink& link);

// Waits for a HelloAck until `deadline`. A HelloAck this host cannot read, or one that
// names another version, is an answer too: the wrong one.
std::optional<BoardIdentity> wait_for_hello_ack(BoardLink& link, Deadline deadline) {
    while (auto frame = link.receive(deadline)) {  // ends: receive() returns nullopt at the deadline
        // A board that just came up (its earlier Hellos fell on a UART not yet listening):
        // greet it now rather than at the next resend.
        if (frame->type == MessageType::Boot) send_hello(link);
        if (frame->type != MessageType::HelloAck) continue;
        auto identity = read_hello_ack(*frame);
        if (!identity) {
            throw LinkError(Kind::WrongProtocol, link.port(),
                            "board on " + link.port() + " sent a HelloAck this host cannot read (" +
                                std::to_string(frame->length) + "-byte payload): another protocol version?");
        }
        if (identity->protocol != kProtocolVersion) wrong_protocol(link, identity->protocol, "speaks");
        return identity;
    }
    return std::nullopt;
}

void send_hello(BoardLink& link) {
    Frame hello;
    encode(Hello{kProtocolVersion}, hello);
    link.send(hello);
}

} // namespace

std::optional<BoardIdentity> read_hello_ack(const Frame& frame) {
    HelloAck ack;
    if (!decode(frame, ack)) return std::nullopt;
    BoardIdentity identity;
    identity.protocol = ack.protocol;
    identity.board_id = std::string(ack.board_id);
    identity.firmware_version = std::string(ack.firmware_version);
    identity.capabilities = ack.capabilities;
    identity.chip = std::string(ack.chip);
    identity.build_id = std::string(ack.build_id);
    identity.answer_within = std::chrono::milliseconds(ack.answer_within_ms);
    return identity;
}

std::optional<BoardIdentity> exchange_hello(BoardLink& link, Deadline deadline) {
    send_hello(link);
    return wait_for_hello_ack(link, deadline);
}

BoardIdentity handshake(BoardLink& link, const HandshakeOptions& options) {
    const LinkCounters before = link.counters();
    const Deadline deadline = LinkClock::now() + options.timeout;
    // One Hello per interval until the deadline: bounded by timeout / resend_every Hellos.
    for (;;) {
        const Deadline wait_until = options.resend_every.count() > 0
                                        ? std::min(deadline, LinkClock::now() + options.resend_every)
                                        : deadline;
        if (auto identity = exchange_hello(link, wait_until)) {
            link.set_damage_baseline();
            return *identity;
        }
        if (LinkClock::now() >= deadline) break;
    }
    const LinkCounters& after = link.counters();
    if (after.bad_version > before.bad_version) wrong_protocol(link, after.last_bad_version, "answers in");
    std::string hint;
    const std::uint64_t bytes = after.bytes_received - before.bytes_received;
    const std::uint64_t frames = after.frames_received - before.frames_received;
    if (bytes == 0)
        hint = "it sent nothing: is it powered, running the agent, and is this its port?";
    else if (frames == 0)
        hint = "it sent " + std::to_string(bytes) + " bytes that were not frames: wrong baud rate?";
    else
        hint = "it sent " + std::to_string(frames) + " frames, none of them a HelloAck";
    throw LinkError(Kind::Timeout, link.port(),
                    "board on " + link.port() + " sent no HelloAck within " + describe_duration(options.timeout) +
                        " (" + hint + ")");
}

} // namespace ringside::hil
