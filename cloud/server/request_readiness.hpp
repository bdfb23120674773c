#pragma once
// Whether the bytes a connection has sent so far hold a request a worker can serve without
// waiting on the client: the whole head, and the whole body when its Content-Length is
// small. Only then does a connection leave the parking loop for a worker, so a client that
// stalls halfway through a request costs a few bytes of buffer, never a thread.
// Who may call: the connection loop and its workers (pure function, any thread).
#include <cstddef>
#include <string_view>

namespace ringside::cloud {

// A head longer than this is served as it is (httplib refuses it: 400 or 414), so a client
// cannot make a parked connection buffer more. Bytes.
inline constexpr std::size_t kMaxBufferedHead = 16 * 1024;
// A body up to this long is buffered before the request is served (every OAuth form fits);
// a longer one (a voice request's audio) is read by the worker, bounded by the I/O timeout.
// Bytes.
inline constexpr std::size_t kMaxBufferedBody = 16 * 1024;
// What a parked connection may hold at most, head and body together. Bytes.
inline constexpr std::size_t kMaxBuffered = kMaxBufferedHead + kMaxBufferedBody;

// True when `bytes` (what the client sent, from the start of a request) should go to a
// worker now: a complete head with its whole small body, a head whose body the worker must
// read itself (chunked, Expect: 100-continue, or longer than kMaxBufferedBody), or more
// bytes than a parked connection may hold.
bool request_ready(std::string_view bytes);

} // namespace ringside::cloud
