#pragma once
// HTTP(S) transport. Asynchronous: send() returns at once and the outcome arrives later as
// an HttpDone event carrying the same RequestId, so the firmware never blocks on the network.
#include <cstdint>
#include <string_view>

namespace ringside::hal {

using RequestId = std::uint16_t;

enum class HttpMethod : std::uint8_t { Get, Post };

struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    std::string_view url;           // absolute, e.g. https://auth.example/oauth2/token
    std::string_view content_type;  // empty for GET
    std::string_view body;          // the whole body; empty when it follows
    std::string_view authorization{};  // the Authorization header value (e.g. "Bearer ..."); empty = none
    // A streamed upload (chunked, as a voice request's audio leaves while the person still
    // speaks): `body` is empty, the body follows through send_body() and ends with end_body().
    bool body_follows = false;
};

// Why no HTTP status came back.
enum class TransportError : std::uint8_t {
    None,
    Timeout,
    ConnectionFailed,
    NoNetwork,
    TlsFailed,  // the server's certificate is not valid at the device's clock (or untrusted)
    Broken,     // the exchange broke mid-way: closed or reset before a whole answer, or not HTTP
};

struct HttpResponse {
    TransportError error = TransportError::None;
    int status = 0;                 // valid when error == None
    std::string_view content_type;
    std::string_view body;          // valid only during the dispatch that delivers it
    std::uint32_t retry_after_s = 0;  // from Retry-After, 0 when absent
    std::int64_t date_unix = 0;       // from Date, unix seconds; 0 when absent
};

class HttpClient {
public:
    // Starts `request`; views need only live for the call (the transport copies them).
    // Returns false when the transport cannot take the request (no event then follows).
    virtual bool send(RequestId id, const HttpRequest& request) = 0;
    // A streamed upload's next body bytes (the transport has them on their way or copied
    // before it returns). False when `id` is no open upload or the transport cannot take
    // them: the request is then dead and the caller cancels it.
    virtual bool send_body(RequestId id, std::string_view piece) = 0;
    // Ends a streamed upload's body: the request is whole. Its HttpDone comes only after
    // this (a transport holds an early failure until then). False as for send_body.
    virtual bool end_body(RequestId id) = 0;
    // Abandons an outstanding request (an open upload too: the server never gets a whole
    // request); its HttpDone event will not be delivered.
    virtual void cancel(RequestId id) = 0;

protected:
    ~HttpClient() = default;
};

} // namespace ringside::hal
