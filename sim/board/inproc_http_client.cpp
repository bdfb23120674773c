#include "sim/board/inproc_http_client.hpp"

#include <utility>

#include "sim/board/cloud_wire.hpp"

namespace ringside::sim {
namespace {

// What the firmware's stack reports for an answer that did not come back whole.
hal::TransportError transport_error(const cloud::CloudResponse& response) {
    switch (response.no_answer) {
    case cloud::NoAnswer::None: break;
    case cloud::NoAnswer::ConnectionFailed: return hal::TransportError::ConnectionFailed;
    case cloud::NoAnswer::Timeout: return hal::TransportError::Timeout;
    case cloud::NoAnswer::TlsFailed: return hal::TransportError::TlsFailed;
    case cloud::NoAnswer::Broken: return hal::TransportError::Broken;
    }
    return response.broken == cloud::Break::None ? hal::TransportError::None : hal::TransportError::Broken;
}

} // namespace

InprocHttpClient::InprocHttpClient(DeviceBus& bus, std::string_view issuer, Handler handler, LinkUp link_up,
                                   Millis latency)
    : bus_(bus), handler_(std::move(handler)), link_up_(std::move(link_up)), latency_(latency) {
    if (const auto url = parse_url(issuer)) {
        issuer_origin_ = url->origin();
        issuer_plain_origin_ = "http://" + url->host + ":80";
    }
}

void InprocHttpClient::set_certificate_check(UnixNow device_clock, std::int64_t cert_not_before,
                                             std::int64_t cert_not_after) {
    device_clock_ = std::move(device_clock);
    cert_not_before_ = cert_not_before;
    cert_not_after_ = cert_not_after;
}

bool InprocHttpClient::send(hal::RequestId id, const hal::HttpRequest& request) {
    // One request per id at a time: a second send under a live id is a firmware bug the
    // transport refuses rather than guess which answer was meant.
    if (outstanding_.count(id) != 0 || uploads_.count(id) != 0 || !parse_url(request.url)) return false;
    if (!request.body_follows) return start(id, request);
    uploads_[id] = Upload{request.method, std::string(request.url), std::string(request.content_type),
                          std::string(request.authorization), {}};
    return true;
}

bool InprocHttpClient::send_body(hal::RequestId id, std::string_view piece) {
    const auto it = uploads_.find(id);
    if (it == uploads_.end()) return false;
    it->second.body.append(piece);
    return true;
}

bool InprocHttpClient::end_body(hal::RequestId id) {
    const auto it = uploads_.find(id);
    if (it == uploads_.end()) return false;
    const Upload upload = std::move(it->second);
    uploads_.erase(it);
    return start(id, hal::HttpRequest{upload.method, upload.url, upload.content_type, upload.body, upload.authorization});
}

bool InprocHttpClient::start(hal::RequestId id, const hal::HttpRequest& request) {
    const auto url = parse_url(request.url);
    if (!url) return false;
    const std::uint64_t ticket = next_ticket_++;
    outstanding_[id] = ticket;
    ++requests_sent_;
    const Millis now = bus_.scheduler().now();
    if (tap_.sent) tap_.sent(id, request, now);

    if (link_up_ && !link_up_()) {
        deliver_at(now + latency_, id, ticket, hal::TransportError::NoNetwork, {});
        return true;
    }
    const bool plain = !issuer_origin_.empty() && url->origin() == issuer_plain_origin_;
    if (url->origin() != issuer_origin_ && !plain && !every_origin_) {
        deliver_at(now + 2 * latency_, id, ticket, hal::TransportError::ConnectionFailed, {});
        return true;
    }
    if (!plain && url->scheme == "https" && device_clock_) {
        const std::int64_t device_now = device_clock_();
        if (device_now < cert_not_before_ || device_now > cert_not_after_) {
            // The handshake got as far as the certificate: one round trip, then refused.
            deliver_at(now + 2 * latency_, id, ticket, hal::TransportError::TlsFailed, {});
            return true;
        }
    }
    const std::optional<Millis> out = next_hop();
    if (!out) {
        ++messages_lost_;  // lost on the way up: the cloud never sees it
        return true;
    }
    // Copy now: the firmware's views live only for this call.
    bus_.scheduler().schedule_at(now + *out, [this, id, ticket, wire = to_cloud_request(request, *url)] {
        const Millis arrived = bus_.scheduler().now();
        cloud::CloudResponse response = handler_(wire, arrived);
        // A dropped request stays outstanding until the firmware gives up and cancels it.
        if (response.dropped) return;
        const std::optional<Millis> back = next_hop();
        if (!back) {
            ++messages_lost_;  // processed, but the answer is lost on the way down
            return;
        }
        // An injected delay holds the answer at the cloud; a dribble spreads it over a span, so
        // its last byte (when the firmware's stack would hand it over) comes that much later.
        const Millis held = response.delay + response.dribble;
        const hal::TransportError error = transport_error(response);
        deliver_at(arrived + held + *back, id, ticket, error, std::move(response));
    });
    return true;
}

void InprocHttpClient::cancel(hal::RequestId id) {
    outstanding_.erase(id);
    uploads_.erase(id);
}

void InprocHttpClient::deliver_at(Millis at, hal::RequestId id, std::uint64_t ticket, hal::TransportError error,
                                  cloud::CloudResponse response) {
    bus_.post_at(at, [this, id, ticket, error, response = std::move(response)]() mutable {
        const auto it = outstanding_.find(id);
        if (it == outstanding_.end() || it->second != ticket) return;  // cancelled or replaced
        outstanding_.erase(it);
        if (tap_.delivered) tap_.delivered(id, error, response, bus_.scheduler().now());
        if (distort_ && error == hal::TransportError::None) distort_(response);
        hal::HttpResponse view;
        if (error == hal::TransportError::None) {
            view = to_http_response(response);
        } else {
            view.error = error;
        }
        // `response` (captured) owns the body until this dispatch returns.
        bus_.dispatch(fw::Event::http_done(id, view));
    });
}

} // namespace ringside::sim
