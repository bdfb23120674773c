#include "cloud/server/exchange_socket.hpp"

#include <openssl/ssl.h>

namespace ringside::cloud {
namespace {

thread_local int current_exchange = -1;

} // namespace

ExchangeScope::ExchangeScope(int fd) : previous_(current_exchange) { current_exchange = fd; }

ExchangeScope::~ExchangeScope() { current_exchange = previous_; }

int exchange_socket(const httplib::Request& request) {
    if (request.ssl) return SSL_get_fd(request.ssl);
    return current_exchange;
}

} // namespace ringside::cloud
