// The HTTP tunnel alone: what goes out for a request, what the firmware gets for the frames
// that come back (exact bodies, one event per answer, refusals as broken exchanges).
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "hil/agent/http_tunnel.hpp"

using namespace ringside;
using namespace ringside::hil;

namespace {

struct Delivered {
    hal::RequestId id = 0;
    hal::TransportError error = hal::TransportError::None;
    int status = 0;
    std::string content_type, body;
    std::uint32_t retry_after_s = 0;
    std::int64_t date_unix = 0;
};

// A port that only records the events it is handed, and a sink that decodes what is written.
struct Recorder final : BoardPort, ByteSink {
    void deliver(const fw::Event& e) override {
        REQUIRE(e.type == fw::EventType::HttpDone);
        if (during_dispatch) during_dispatch(e);
        delivered.push_back(Delivered{e.request, e.response.error, e.response.status, std::string(e.response.content_type),
                                      std::string(e.response.body), e.response.retry_after_s, e.response.date_unix});
    }
    std::uint64_t world_ms() const override { return 0; }
    std::int64_t rtc_unix() const override { return rtc; }
    PortAnswer power(PowerAction) override { return PortAnswer::ok(); }
    bool write(const std::uint8_t* bytes, std::size_t count) override {
        if (!accepting) return false;
        for (std::size_t i = 0; i < count; ++i)
            if (decoder.push(bytes[i]) == FrameDecoder::Result::Frame) frames.push_back(decoder.frame());
        return true;
    }

    std::vector<Delivered> delivered;
    std::vector<Frame> frames;
    FrameDecoder decoder;
    bool accepting = true;
    std::int64_t rtc = 1'764'028'800;
    std::function<void(const fw::Event&)> during_dispatch;  // what the firmware does before reading the answer
};

struct Fixture {
    Recorder port;
    LinkStats stats;
    Outbox outbox{port, stats};
    HttpTunnel tunnel{outbox, port, stats};

    void head(hal::RequestId id, std::uint32_t length, std::string_view content_type = "application/json",
              hal::TransportError error = hal::TransportError::None) {
        tunnel.on_head(HttpResponseHead{id, error, 200, 30, 1'764'028'800, content_type, length});
    }
    void piece(hal::RequestId id, std::uint32_t offset, std::string_view data) { tunnel.on_body(HttpBody{id, offset, data}); }
    void answer(hal::RequestId id, const std::string& body, std::size_t piece_size) {
        head(id, static_cast<std::uint32_t>(body.size()));
        for (std::size_t at = 0; at < body.size(); at += piece_size)
            piece(id, static_cast<std::uint32_t>(at), std::string_view(body).substr(at, piece_size));
    }
    bool send(hal::RequestId id, std::string_view body = {}) {
        return tunnel.send(id, hal::HttpRequest{hal::HttpMethod::Post, "https://auth.ringside.test/v1/voice",
                                                "audio/L16;rate=8000", body, "Bearer Atza|a"});
    }
};

} // namespace

TEST_CASE("tunnel: a request goes out as its head and body pieces of at most a frame each", "[hil][tunnel]") {
    Fixture t;
    std::string body(2'500, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 7);  // zeros and all
    REQUIRE(t.send(0x4001, body));
    REQUIRE(t.port.frames.size() == 4);
    HttpRequestHead head;
    REQUIRE(decode(t.port.frames[0], head));
    CHECK(head.request_id == 0x4001);
    CHECK(head.method == hal::HttpMethod::Post);
    CHECK(head.url == "https://auth.ringside.test/v1/voice");
    CHECK(head.content_type == "audio/L16;rate=8000");
    CHECK(head.authorization == "Bearer Atza|a");
    CHECK(head.body_length == 2'500);
    CHECK(head.device_unix == 1'764'028'800);  // the board's RTC, for the relay's certificate check
    std::string sent;
    for (std::size_t i = 1; i < 4; ++i) {
        HttpBody piece;
        REQUIRE(decode(t.port.frames[i], piece));
        CHECK(piece.request_id == 0x4001);
        CHECK(piece.offset == sent.size());
        sent.append(piece.data);
    }
    CHECK(sent == body);
    CHECK(t.outbox.stop_pending());  // the host must see a request before time moves on

    // An empty body is the head alone.
    t.port.frames.clear();
    REQUIRE(t.send(2));
    CHECK(t.port.frames.size() == 1);
    CHECK(t.tunnel.outstanding() == 2);
}

TEST_CASE("tunnel: an answer in many pieces is one HttpDone with the exact body and head", "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(9));
    std::string body = R"({"speech":"Playing music.","member":"jane"})";
    body.push_back('\0');
    body += std::string(3'000, 'z');
    t.answer(9, body, 1);  // byte by byte: the worst a host can do within the rules
    REQUIRE(t.port.delivered.size() == 1);
    const Delivered& d = t.port.delivered[0];
    CHECK(d.id == 9);
    CHECK(d.error == hal::TransportError::None);
    CHECK(d.status == 200);
    CHECK(d.content_type == "application/json");
    CHECK(d.body == body);
    CHECK(d.retry_after_s == 30);
    CHECK(d.date_unix == 1'764'028'800);
    CHECK(t.tunnel.outstanding() == 0);

    // A second answer to the same id is stray: the firmware got its one event.
    t.answer(9, "{}", 2);
    CHECK(t.port.delivered.size() == 1);
    CHECK(t.stats.stray_http == 2);
}

TEST_CASE("tunnel: a transport error or an empty body is delivered at the head", "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(1));
    REQUIRE(t.send(2));
    t.head(1, 0, "", hal::TransportError::Timeout);
    t.head(2, 0, "text/plain");
    REQUIRE(t.port.delivered.size() == 2);
    CHECK(t.port.delivered[0].error == hal::TransportError::Timeout);
    CHECK(t.port.delivered[1].error == hal::TransportError::None);
    CHECK(t.port.delivered[1].body.empty());
    CHECK(t.port.delivered[1].content_type == "text/plain");
}

TEST_CASE("tunnel: a body larger than the buffer is refused at its head — its pieces are dropped", "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(5));
    t.answer(5, std::string(HttpTunnel::kMaxResponseBody + 1, 'x'), kMaxBodyPiece);
    REQUIRE(t.port.delivered.size() == 1);
    CHECK(t.port.delivered[0].error == hal::TransportError::Broken);
    CHECK(t.port.delivered[0].body.empty());
    CHECK(t.stats.responses_refused == 1);

    // The largest that fits is taken whole.
    REQUIRE(t.send(6));
    const std::string biggest(HttpTunnel::kMaxResponseBody, 'y');
    t.answer(6, biggest, kMaxBodyPiece);
    REQUIRE(t.port.delivered.size() == 2);
    CHECK(t.port.delivered[1].body == biggest);

    // So is a content type too long for its buffer.
    REQUIRE(t.send(7));
    t.head(7, 0, std::string(HttpTunnel::kMaxContentType + 1, 'c'));
    REQUIRE(t.port.delivered.size() == 3);
    CHECK(t.port.delivered[2].error == hal::TransportError::Broken);
    CHECK(t.stats.responses_refused == 2);
}

TEST_CASE("tunnel: pieces out of order, past the end, or cut off by another answer break the exchange",
          "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(1));
    t.head(1, 10);
    t.piece(1, 5, "abcde");  // a gap
    REQUIRE(t.port.delivered.size() == 1);
    CHECK(t.port.delivered[0].error == hal::TransportError::Broken);

    REQUIRE(t.send(2));
    t.head(2, 4);
    t.piece(2, 0, "abcdef");  // past body_length
    REQUIRE(t.port.delivered.size() == 2);
    CHECK(t.port.delivered[1].error == hal::TransportError::Broken);

    REQUIRE(t.send(3));
    REQUIRE(t.send(4));
    t.head(3, 4);
    t.piece(3, 0, "ab");
    t.answer(4, "ok", 2);  // 3 is half done: it breaks, 4 goes through
    REQUIRE(t.port.delivered.size() == 4);
    CHECK(t.port.delivered[2].id == 3);
    CHECK(t.port.delivered[2].error == hal::TransportError::Broken);
    CHECK(t.port.delivered[3].id == 4);
    CHECK(t.port.delivered[3].body == "ok");
    CHECK(t.stats.responses_broken == 3);
}

TEST_CASE("tunnel: a cancelled request tells the host and never delivers", "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(8));
    t.port.frames.clear();
    t.tunnel.cancel(8);
    REQUIRE(t.port.frames.size() == 1);
    HttpCancel cancel;
    REQUIRE(decode(t.port.frames[0], cancel));
    CHECK(cancel.request_id == 8);
    t.answer(8, "{}", 1);
    CHECK(t.port.delivered.empty());

    // Cancelled half-way through its answer: the rest is dropped too.
    REQUIRE(t.send(9));
    t.head(9, 4);
    t.piece(9, 0, "ab");
    t.tunnel.cancel(9);
    t.piece(9, 2, "cd");
    CHECK(t.port.delivered.empty());

    // Cancelling what was answered already sends nothing.
    REQUIRE(t.send(10));
    t.answer(10, "{}", 2);
    t.port.frames.clear();
    t.tunnel.cancel(10);
    CHECK(t.port.frames.empty());
}

TEST_CASE("tunnel: send refuses what it cannot carry, and a power cycle forgets everything", "[hil][tunnel]") {
    Fixture t;
    const std::string token(kMaxPayload, 'a');  // an Authorization that cannot fit one head
    CHECK_FALSE(t.tunnel.send(1, hal::HttpRequest{hal::HttpMethod::Get, "https://a/b", "", "", token}));
    for (hal::RequestId id = 10; id < 10 + HttpTunnel::kMaxOutstanding; ++id) REQUIRE(t.send(id));
    CHECK_FALSE(t.send(99));  // the table is full
    t.port.accepting = false;
    t.tunnel.reset();
    CHECK_FALSE(t.send(1));  // the sink refuses: no event will follow
    CHECK(t.stats.requests_refused == 3);
    CHECK(t.stats.frames_dropped == 1);

    t.port.accepting = true;
    t.answer(10, "{}", 2);
    CHECK(t.port.delivered.empty());  // sent before the reset: stray
    REQUIRE(t.send(10));
    t.answer(10, "{}", 2);
    CHECK(t.port.delivered.size() == 1);
}

TEST_CASE("tunnel: the firmware may send its next request under the same id while it reads the answer",
          "[hil][tunnel]") {
    Fixture t;
    REQUIRE(t.send(0x8000));
    t.port.during_dispatch = [&](const fw::Event&) { REQUIRE(t.send(0x8000)); };  // settings' one id
    t.answer(0x8000, R"({"volume":5})", 4);
    REQUIRE(t.port.delivered.size() == 1);
    CHECK(t.port.delivered[0].body == R"({"volume":5})");  // read after the new send: still whole
    CHECK(t.tunnel.outstanding() == 1);                     // the new request waits for its answer
}

namespace {

bool open_upload(Fixture& t, hal::RequestId id) {
    hal::HttpRequest r{hal::HttpMethod::Post, "https://auth.ringside.test/v1/voice", "audio/L16;rate=8000", {},
                       "Bearer Atza|a"};
    r.body_follows = true;
    return t.tunnel.send(id, r);
}

} // namespace

TEST_CASE("tunnel: a streamed upload goes out as pieces as they come and ends with HttpBodyEnd, and only its end stops the grant",
          "[hil][tunnel]") {
    Fixture t;
    REQUIRE(open_upload(t, 0x4002));
    HttpRequestHead head;
    REQUIRE(t.port.frames.size() == 1);
    REQUIRE(decode(t.port.frames[0], head));
    CHECK(head.body_length == kStreamedBody);
    CHECK_FALSE(t.outbox.stop_pending());  // the host only gathers it
    REQUIRE(t.tunnel.send_body(0x4002, "ab"));
    // Another request in the middle: its own head and body, whole.
    REQUIRE(t.send(0x4003, "xyz"));
    t.outbox.clear_stop();
    REQUIRE(t.tunnel.send_body(0x4002, std::string(1'500, 'c')));  // more than a frame: two pieces
    CHECK_FALSE(t.outbox.stop_pending());
    CHECK_FALSE(open_upload(t, 0x4004));  // one upload at a time
    REQUIRE(t.tunnel.end_body(0x4002));
    CHECK(t.outbox.stop_pending());
    CHECK_FALSE(t.tunnel.send_body(0x4002, "late"));
    CHECK_FALSE(t.tunnel.end_body(0x4002));

    std::string upload;
    std::uint32_t ended = 0;
    for (const Frame& f : t.port.frames) {
        HttpBody piece;
        HttpBodyEnd end;
        if (decode(f, piece) && piece.request_id == 0x4002) {
            CHECK(piece.offset == upload.size());
            upload.append(piece.data);
        }
        if (decode(f, end)) {
            CHECK(end.request_id == 0x4002);
            ended = end.body_length;
        }
    }
    CHECK(upload == "ab" + std::string(1'500, 'c'));
    CHECK(ended == upload.size());
    // Answered like any request.
    t.answer(0x4002, R"({"speech":"ok"})", 5);
    REQUIRE(t.port.delivered.size() == 1);
    CHECK(t.port.delivered[0].body == R"({"speech":"ok"})");
}

TEST_CASE("tunnel: a cancelled upload takes no more body, frees the one upload slot, and a power cycle ends it",
          "[hil][tunnel]") {
    Fixture t;
    REQUIRE(open_upload(t, 7));
    REQUIRE(t.tunnel.send_body(7, "ab"));
    t.tunnel.cancel(7);
    HttpCancel cancel;
    REQUIRE(decode(t.port.frames.back(), cancel));
    CHECK(cancel.request_id == 7);
    CHECK_FALSE(t.tunnel.send_body(7, "cd"));
    CHECK_FALSE(t.tunnel.end_body(7));
    REQUIRE(open_upload(t, 8));
    t.tunnel.reset();
    CHECK_FALSE(t.tunnel.send_body(8, "cd"));
    REQUIRE(open_upload(t, 9));
    // A sink that refuses a piece fails the upload's send_body: the firmware cancels it.
    t.port.accepting = false;
    CHECK_FALSE(t.tunnel.send_body(9, "ef"));
}
