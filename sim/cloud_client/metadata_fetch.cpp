#include "sim/cloud_client/metadata_fetch.hpp"

#include <httplib.h>

#include "sim/cloud_client/exchange_clients.hpp"

#include "firmware/core/fixed_string.hpp"
#include "firmware/core/url.hpp"
#include "sim/board/url.hpp"

namespace ringside::cloud {

MetadataFetch fetch_metadata(const std::string& issuer, const std::string& ca_file,
                             std::chrono::milliseconds connect_timeout, std::chrono::milliseconds read_timeout) {
    MetadataFetch out;
    // The firmware's own construction of the URL, so this reads what the speaker will.
    fw::FixedString<1024> url;
    const auto parsed = fw::metadata_url(issuer, url) ? sim::parse_url(url.view()) : std::nullopt;
    if (!parsed) {
        out.failure = "broken";
        return out;
    }
    sim::ExchangeClients clients(connect_timeout, read_timeout, ca_file);
    const httplib::Result r = clients[parsed->origin()].Get(parsed->path.empty() ? "/" : parsed->path.c_str(),
                                                            httplib::Headers{{"Accept", "application/json"}});
    if (r) {
        out.status = r->status;
        if (r->status == 200) out.body = r->body;
        return out;
    }
    out.failure = sim::failure_name(r.error());
    return out;
}

} // namespace ringside::cloud
