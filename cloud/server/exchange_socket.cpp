#include "cloud/server/exchange_socket.hpp"

#include <dirent.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <openssl/ssl.h>

namespace ringside::cloud {
namespace {

// Address and port as httplib writes them (getnameinfo, numeric host), so the strings match.
bool endpoint(const sockaddr_storage& address, socklen_t length, std::string& host, int& port) {
    char name[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, name, sizeof name, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return false;
    host = name;
    port = std::atoi(service);
    return true;
}

bool is_exchange(int fd, const httplib::Request& request) {
    sockaddr_storage local{}, peer{};
    socklen_t local_length = sizeof local, peer_length = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) return false;
    if (local.ss_family != AF_INET && local.ss_family != AF_INET6) return false;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) return false;  // listening, or not TCP
    std::string local_host, peer_host;
    int local_port = 0, peer_port = 0;
    return endpoint(local, local_length, local_host, local_port) && endpoint(peer, peer_length, peer_host, peer_port) &&
           local_port == request.local_port && peer_port == request.remote_port && local_host == request.local_addr &&
           peer_host == request.remote_addr;
}

} // namespace

int exchange_socket(const httplib::Request& request) {
    if (request.ssl) return SSL_get_fd(request.ssl);
    DIR* fds = opendir("/proc/self/fd");
    if (!fds) return -1;
    int found = -1;
    // One pass over this process's descriptors: a finite list, read once.
    while (const dirent* entry = readdir(fds)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (*end != '\0' || end == entry->d_name || fd == dirfd(fds)) continue;
        if (is_exchange(static_cast<int>(fd), request)) {
            found = static_cast<int>(fd);
            break;
        }
    }
    closedir(fds);
    return found;
}

} // namespace ringside::cloud
