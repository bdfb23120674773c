#include "hil/agent/http_tunnel.hpp"

#include <cstring>

namespace ringside::hil {

bool HttpTunnel::send(hal::RequestId id, const hal::HttpRequest& request) {
    // A new request under a live id replaces it, as a real client would: the old answer,
    // even half-assembled, is no longer wanted.
    forget(id);
    if (assembly_.active && assembly_.id == id) drop_assembly();
    if (uploading(id)) upload_ = Upload{};
    if (request.body_follows && upload_.open) {  // one upload at a time
        ++stats_.requests_refused;
        return false;
    }
    std::size_t slot = kMaxOutstanding;
    for (std::size_t i = 0; i < kMaxOutstanding; ++i)
        if (!in_use_[i]) {
            slot = i;
            break;
        }
    const std::uint32_t length = request.body_follows ? kStreamedBody : static_cast<std::uint32_t>(request.body.size());
    const HttpRequestHead head{id,     request.method, request.url, request.content_type, request.authorization,
                               length, port_.rtc_unix()};
    const Notice notice = request.body_follows ? Notice::Quiet : Notice::HostMustSee;
    if (slot == kMaxOutstanding || !outbox_.send(head, notice) || !send_pieces(id, request.body, 0, notice)) {
        ++stats_.requests_refused;
        return false;
    }
    in_use_[slot] = true;
    outstanding_[slot] = id;
    if (request.body_follows) upload_ = Upload{true, id, 0};
    return true;
}

bool HttpTunnel::send_body(hal::RequestId id, std::string_view piece) {
    if (!uploading(id) || piece.size() > kStreamedBody - 1 - upload_.sent) return false;
    if (!send_pieces(id, piece, upload_.sent, Notice::Quiet)) {
        ++stats_.requests_refused;
        return false;
    }
    upload_.sent += static_cast<std::uint32_t>(piece.size());
    return true;
}

bool HttpTunnel::end_body(hal::RequestId id) {
    if (!uploading(id)) return false;
    const std::uint32_t length = upload_.sent;
    upload_ = Upload{};
    if (!outbox_.send(HttpBodyEnd{id, length}, Notice::HostMustSee)) {
        ++stats_.requests_refused;
        forget(id);
        return false;
    }
    return true;
}

bool HttpTunnel::send_pieces(hal::RequestId id, std::string_view body, std::uint32_t offset, Notice notice) {
    for (std::size_t at = 0; at < body.size(); at += kMaxBodyPiece) {
        const HttpBody piece{id, static_cast<std::uint32_t>(offset + at), body.substr(at, kMaxBodyPiece)};
        // A half-sent request is a broken link to the host (a sequence gap) and a failed
        // send to the firmware: neither side waits for an answer to it.
        if (!outbox_.send(piece, notice)) return false;
    }
    return true;
}

void HttpTunnel::cancel(hal::RequestId id) {
    if (!is_outstanding(id)) return;  // answered already: nothing on the host to stop
    forget(id);
    if (uploading(id)) upload_ = Upload{};
    if (assembly_.active && assembly_.id == id) drop_assembly();
    outbox_.send(HttpCancel{id}, Notice::HostMustSee);
}

void HttpTunnel::on_head(const HttpResponseHead& head) {
    if (!is_outstanding(head.request_id)) {
        ++stats_.stray_http;
        return;
    }
    if (assembly_.active) {  // the previous answer was cut off by this one
        ++stats_.responses_broken;
        const hal::RequestId cut = assembly_.id;
        drop_assembly();
        deliver_broken(cut);
        if (!is_outstanding(head.request_id)) return;  // the firmware cancelled it meanwhile
    }
    if (head.body_length > kMaxResponseBody || head.content_type.size() > kMaxContentType) {
        ++stats_.responses_refused;
        deliver_broken(head.request_id);
        return;
    }
    assembly_ = Assembly{true, head.request_id, head.error, head.status, head.retry_after_s, head.date_unix,
                         head.content_type.size(), head.body_length, 0};
    if (!head.content_type.empty()) std::memcpy(content_type_.data(), head.content_type.data(), head.content_type.size());
    if (head.body_length == 0) deliver_assembled();
}

void HttpTunnel::on_body(const HttpBody& piece) {
    if (!assembly_.active || assembly_.id != piece.request_id) {
        ++stats_.stray_http;
        return;
    }
    if (piece.offset != assembly_.received || piece.data.size() > assembly_.body_length - assembly_.received) {
        ++stats_.responses_broken;
        const hal::RequestId id = assembly_.id;
        drop_assembly();
        deliver_broken(id);
        return;
    }
    if (!piece.data.empty()) std::memcpy(body_.data() + assembly_.received, piece.data.data(), piece.data.size());
    assembly_.received += piece.data.size();
    if (assembly_.received == assembly_.body_length) deliver_assembled();
}

void HttpTunnel::reset() {
    drop_assembly();
    in_use_.fill(false);
    upload_ = Upload{};
}

std::size_t HttpTunnel::outstanding() const {
    std::size_t n = 0;
    for (bool used : in_use_) n += used ? 1 : 0;
    return n;
}

bool HttpTunnel::is_outstanding(hal::RequestId id) const {
    for (std::size_t i = 0; i < kMaxOutstanding; ++i)
        if (in_use_[i] && outstanding_[i] == id) return true;
    return false;
}

void HttpTunnel::forget(hal::RequestId id) {
    for (std::size_t i = 0; i < kMaxOutstanding; ++i)
        if (in_use_[i] && outstanding_[i] == id) in_use_[i] = false;
}

void HttpTunnel::deliver(hal::RequestId id, const hal::HttpResponse& response) {
    // Forgotten first: the firmware may send its next request under the same id from inside
    // this very dispatch.
    forget(id);
    port_.deliver(fw::Event::http_done(id, response));
}

void HttpTunnel::deliver_broken(hal::RequestId id) {
    hal::HttpResponse response;
    response.error = hal::TransportError::Broken;
    deliver(id, response);
}

void HttpTunnel::deliver_assembled() {
    hal::HttpResponse response;
    response.error = assembly_.error;
    response.status = assembly_.status;
    response.retry_after_s = assembly_.retry_after_s;
    response.date_unix = assembly_.date_unix;
    response.content_type = std::string_view(content_type_.data(), assembly_.content_type_size);
    response.body = std::string_view(body_.data(), assembly_.received);
    // No longer "being assembled" while the firmware reads it: a request it sends from
    // inside this dispatch under the same id (settings has only one) must not wipe the body
    // it is still parsing.
    assembly_.active = false;
    deliver(assembly_.id, response);
    drop_assembly();
}

void HttpTunnel::drop_assembly() {
    // Answers carry tokens: they do not linger in RAM once delivered or abandoned.
    volatile char* body = body_.data();
    for (std::size_t i = 0; i < assembly_.received; ++i) body[i] = 0;
    assembly_ = Assembly{};
}

} // namespace ringside::hil
