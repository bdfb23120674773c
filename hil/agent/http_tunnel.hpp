#pragma once
// hal::HttpClient over the link (docs/hil_protocol.md, "What crosses the link"): the host
// carries each request through the world's network to the mock cloud and sends the answer
// back. Out: send() -> HttpRequest head + HttpBody pieces (at most kMaxBodyPiece bytes
// each); cancel() -> HttpCancel. A streamed upload (one at a time): send() -> a head with
// kStreamedBody, each send_body() -> HttpBody pieces as they come, end_body() -> HttpBodyEnd.
// Its head and pieces do not stop a lockstep grant (the host only gathers them); its end
// does, since the host must carry the request into the world at that instant. In: an HttpResponse head and its HttpBody pieces, in order
// and back to back, are reassembled into one buffer and delivered as ONE http_done event
// when the last byte is in (a head with body_length 0 at once).
//
// Refusals, each delivered as an http_done with TransportError::Broken (what a transport
// reports for an exchange it could not complete), so the firmware retries as it would
// after a bad network: a body longer than kMaxResponseBody or a content type longer than
// kMaxContentType (at the head), a piece out of order or past the end, a head for another
// request while one is half-assembled (for the half-assembled one). Heads and pieces for a
// request that is not outstanding (answered, cancelled, from before a power cycle) are
// dropped: the firmware was promised no event for those.
// Who may call: send/cancel — the firmware, during dispatch; on_* and reset — the agent.
#include <array>
#include <cstddef>
#include <cstdint>

#include "firmware/hal/http_client.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/outbox.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

class HttpTunnel final : public hal::HttpClient {
public:
    // The largest answer body the firmware reads: a token answer with a 2 KiB access token
    // and a 512-byte refresh token is under 3 KiB; discovery metadata, settings and voice
    // replies are smaller (the largest in the scenario suite is under 0.5 KiB). A board's
    // RAM is the limit here: a larger answer is refused at its head, as Broken.
    static constexpr std::size_t kMaxResponseBody = 4 * 1024;
    static constexpr std::size_t kMaxContentType = 128;
    // Requests in flight at once: auth, voice and settings each keep at most one or two.
    static constexpr std::size_t kMaxOutstanding = 8;

    HttpTunnel(Outbox& outbox, BoardPort& port, LinkStats& stats) : outbox_(outbox), port_(port), stats_(stats) {}
    HttpTunnel(const HttpTunnel&) = delete;
    HttpTunnel& operator=(const HttpTunnel&) = delete;

    // False (no event follows) when the head does not fit one frame (URL, content type and
    // Authorization together over ~1000 bytes), kMaxOutstanding are in flight, or the sink
    // refused a frame of it.
    bool send(hal::RequestId id, const hal::HttpRequest& request) override;
    bool send_body(hal::RequestId id, std::string_view piece) override;
    bool end_body(hal::RequestId id) override;
    void cancel(hal::RequestId id) override;

    void on_head(const HttpResponseHead& head);
    void on_body(const HttpBody& piece);
    // Power-off: nothing outstanding survives the Speaker that sent it.
    void reset();

    std::size_t outstanding() const;

private:
    bool is_outstanding(hal::RequestId id) const;
    bool uploading(hal::RequestId id) const { return upload_.open && upload_.id == id; }
    bool send_pieces(hal::RequestId id, std::string_view body, std::uint32_t offset, Notice notice);
    void forget(hal::RequestId id);
    void deliver(hal::RequestId id, const hal::HttpResponse& response);
    void deliver_broken(hal::RequestId id);
    void deliver_assembled();
    void drop_assembly();

    Outbox& outbox_;
    BoardPort& port_;
    LinkStats& stats_;
    std::array<hal::RequestId, kMaxOutstanding> outstanding_{};
    std::array<bool, kMaxOutstanding> in_use_{};

    // The one streamed upload whose body is still going out.
    struct Upload {
        bool open = false;
        hal::RequestId id = 0;
        std::uint32_t sent = 0;  // body bytes so far
    } upload_;

    // The one answer being reassembled.
    struct Assembly {
        bool active = false;
        hal::RequestId id = 0;
        hal::TransportError error = hal::TransportError::None;
        std::uint16_t status = 0;
        std::uint32_t retry_after_s = 0;
        std::int64_t date_unix = 0;
        std::size_t content_type_size = 0;
        std::size_t body_length = 0;
        std::size_t received = 0;
    } assembly_;
    std::array<char, kMaxContentType> content_type_{};
    std::array<char, kMaxResponseBody> body_{};
};

} // namespace ringside::hil
