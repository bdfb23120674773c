#include "sim/cloud_client/page_approver.hpp"

#include <httplib.h>

#include "sim/cloud_client/exchange_clients.hpp"

#include "cloud/oauth/form_codec.hpp"
#include "sim/board/url.hpp"

namespace ringside::cloud {

struct PageApprover::Impl {
    explicit Impl(PageApproverOptions o)
        : options(std::move(o)), clients(options.connect_timeout, options.read_timeout, options.ca_file) {}
    httplib::Client& client(const std::string& origin) { return clients[origin]; }

    PageApproverOptions options;
    sim::ExchangeClients clients;  // one per origin
};

PageApprover::PageApprover(PageApproverOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

PageApprover::~PageApprover() = default;

PageApproval PageApprover::approve(const std::string& verification_uri, const std::string& user_code) {
    PageApproval out;
    const auto url = sim::parse_url(verification_uri);
    if (!url) {
        out.failure = "broken";
        return out;
    }
    const std::string body = form_encode({{"user_code", user_code},
                                          {"email", impl_->options.email},
                                          {"password", impl_->options.password},
                                          {"action", "approve"}});
    const httplib::Result r = impl_->client(url->origin())
                                  .Post(url->path.empty() ? "/" : url->path.c_str(), body,
                                        "application/x-www-form-urlencoded");
    if (r) {
        out.status = r->status;
        return out;
    }
    out.failure = sim::failure_name(r.error());
    return out;
}

} // namespace ringside::cloud
