#pragma once
// hal::HttpClient that carries requests to the mock cloud inside the process, over virtual
// time: the request reaches the cloud one network latency after send(), the cloud answers
// at that instant, and the answer reaches the firmware (as HttpDone) one latency later.
// Only the issuer's origin (scheme, host, port) answers; any other host is a connection
// failure, as DNS or TCP would report it. Without a Wi-Fi link, requests fail NoNetwork.
//
// With a hop function set (the world's LinkModel), each direction's delay comes from it and
// a message it reports lost never arrives: a lost request is never processed, a lost
// response leaves the request processed; either way only the firmware's own request
// timeout notices.
// The issuer's host also answers plain HTTP on port 80 (for a clock sync, say). HTTPS
// checks the server certificate's validity period against the device's real-time clock:
// outside it the connection fails TlsFailed, as a TLS stack would. An answer's Date is read
// from its Date header, as the cloud wrote it (skewed, if a fault says so).
//
// Injected transport faults: a broken exchange (CloudResponse::broken) reaches the firmware
// as TransportError::Broken at the moment the answer would have arrived; a dribbled answer
// arrives complete once its dribble span is over (past the firmware's request timeout, the
// firmware gives up first).
//
// A world on the open internet (answer_every_origin: an external issuer, whose metadata may
// name endpoints on other hosts) hands every origin to the handler, which reaches the real
// host; an exchange that got no real answer (CloudResponse::no_answer) reaches the firmware
// as that transport error.
//
// A request that has reached the cloud stays processed even if the device then cancels it
// or loses power: only the response is dropped, as on a real network.
// A streamed upload (HttpRequest::body_follows) is gathered here and goes out when its body
// ends, as one request, exactly as a whole-body send() at that instant would: the cloud
// answers a voice request once it has all the audio.
// Who may call: send/cancel — the firmware, from dispatch; the rest — the world and tests.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "firmware/hal/http_client.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/url.hpp"
#include "sim/board/wire_tap.hpp"
#include "cloud/service/cloud_types.hpp"

namespace ringside::sim {

class InprocHttpClient final : public hal::HttpClient {
public:
    // The cloud side: answers one request at a world time (CloudService::handle).
    using Handler = std::function<cloud::CloudResponse(const cloud::CloudRequest&, Millis now)>;
    // Whether the device has a network link now (VirtualWifi::associated).
    using LinkUp = std::function<bool()>;
    // One message over the air: its one-way delay, or nullopt when it is lost.
    using Hop = std::function<std::optional<Millis>()>;

    InprocHttpClient(DeviceBus& bus, std::string_view issuer, Handler handler, LinkUp link_up, Millis latency);

    bool send(hal::RequestId id, const hal::HttpRequest& request) override;
    bool send_body(hal::RequestId id, std::string_view piece) override;
    bool end_body(hal::RequestId id) override;
    void cancel(hal::RequestId id) override;

    // Power-off: every outstanding response and open upload abandoned.
    void reset() {
        outstanding_.clear();
        uploads_.clear();
    }

    // The device's RTC reading, unix seconds, and the certificate's validity period.
    // Without them no check is made.
    using UnixNow = std::function<std::int64_t()>;
    void set_certificate_check(UnixNow device_clock, std::int64_t cert_not_before, std::int64_t cert_not_after);

    // From now on every origin is handed to the handler (CloudRequest::origin says which),
    // not only the issuer's: the handler is the internet. Plain http on port 80 included.
    void answer_every_origin() { every_origin_ = true; }

    // Test face.
    void set_latency(Millis one_way) { latency_ = one_way; }
    // Replaces the fixed latency for requests and responses that reach the air.
    void set_hop(Hop hop) { hop_ = std::move(hop); }

    // Test face for property checks (sim/board/wire_tap.hpp).
    void set_tap(WireTap tap) { tap_ = std::move(tap); }
    // A defective stack (sim/board/planted_defect.hpp): rewrites each answer before the
    // firmware reads it. Empty: answers go through as sent.
    void set_distortion(std::function<void(cloud::CloudResponse&)> distort) { distort_ = std::move(distort); }
    std::uint64_t messages_lost() const { return messages_lost_; }
    Millis latency() const { return latency_; }
    std::size_t in_flight() const { return outstanding_.size(); }
    std::uint64_t requests_sent() const { return requests_sent_; }

private:
    // An upload being gathered: the request's head, and its body so far.
    struct Upload {
        hal::HttpMethod method = hal::HttpMethod::Post;
        std::string url, content_type, authorization, body;
    };

    bool start(hal::RequestId id, const hal::HttpRequest& request);
    std::optional<Millis> next_hop() { return hop_ ? hop_() : std::optional<Millis>(latency_); }
    void deliver_at(Millis at, hal::RequestId id, std::uint64_t ticket, hal::TransportError error,
                    cloud::CloudResponse response);

    DeviceBus& bus_;
    std::string issuer_origin_;  // empty if the issuer is not a valid URL: nothing answers
    std::string issuer_plain_origin_;  // http://issuer-host:80
    UnixNow device_clock_;
    std::int64_t cert_not_before_ = 0;
    std::int64_t cert_not_after_ = 0;
    Handler handler_;
    LinkUp link_up_;
    Millis latency_;
    Hop hop_;
    WireTap tap_;
    std::function<void(cloud::CloudResponse&)> distort_;
    bool every_origin_ = false;
    std::uint64_t messages_lost_ = 0;
    // Request id -> ticket of the one request under that id whose response is still wanted.
    std::unordered_map<hal::RequestId, std::uint64_t> outstanding_;
    std::unordered_map<hal::RequestId, Upload> uploads_;
    std::uint64_t next_ticket_ = 1;
    std::uint64_t requests_sent_ = 0;
};

} // namespace ringside::sim
