#pragma once
// Clouds the server makes on request, one per client that wants a cloud of its own: a
// scenario played with `ringside run --cloud URL` gets a tenant configured as its in-process
// cloud would be, with its own journal, faults and a virtual clock only it moves. Tenants
// are served under /tenants/<id>/ (the public paths and the admin API alike).
// At most kMaxLive live at once: making one more forgets the one used least recently, so a
// client that died without closing its tenant cannot exhaust the server.
// Who may call: the HTTP server's worker threads; every method takes the lock.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "cloud/server/cloud_host.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kTenantPrefix = "/tenants/";

class Tenants {
public:
    static constexpr std::size_t kMaxLive = 64;

    // Every tenant made from now on holds at most this many journal entries (0: no limit),
    // as the server's own cloud does; a tenant's configuration cannot ask for another.
    void set_journal_capacity(std::size_t entries) { journal_capacity_ = entries; }
    // A new tenant with a virtual clock at 0; returns its id.
    std::string create(CloudConfig config);
    // nullptr when there is no such tenant (never made, closed or forgotten).
    std::shared_ptr<CloudHost> find(const std::string& id);
    bool close(const std::string& id);

private:
    struct Entry {
        std::shared_ptr<CloudHost> host;
        std::uint64_t last_used = 0;
    };
    std::mutex mutex_;
    std::map<std::string, Entry> live_;
    std::uint64_t made_ = 0, uses_ = 0;
    std::size_t journal_capacity_ = 0;
};

} // namespace ringside::cloud
