#include "sim/cloud_client/page_approver.hpp"

#include <httplib.h>

#include "cloud/oauth/form_codec.hpp"
#include "sim/board/url.hpp"

namespace ringside::cloud {

struct PageApprover::Impl {
    PageApproverOptions options;
    std::map<std::string, std::unique_ptr<httplib::Client>> clients;  // one per origin

    httplib::Client& client(const std::string& origin) {
        auto& slot = clients[origin];
        if (!slot) {
            slot = std::make_unique<httplib::Client>(origin);
            // As the speaker's transport does: a connection per exchange, so a server's idle
            // timeout never races a reused connection between two approvals seconds apart.
            slot->set_keep_alive(false);
            slot->set_tcp_nodelay(true);
            const auto c = options.connect_timeout.count(), r = options.read_timeout.count();
            slot->set_connection_timeout(c / 1000, (c % 1000) * 1000);
            slot->set_read_timeout(r / 1000, (r % 1000) * 1000);
            slot->set_write_timeout(r / 1000, (r % 1000) * 1000);
            if (!options.ca_file.empty()) slot->set_ca_cert_path(options.ca_file.c_str());
            slot->enable_server_certificate_verification(true);
        }
        return *slot;
    }
};

PageApprover::PageApprover(PageApproverOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
}

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
    switch (r.error()) {
    case httplib::Error::Connection:
    case httplib::Error::BindIPAddress: out.failure = "connection_failed"; break;
    case httplib::Error::ConnectionTimeout: out.failure = "timeout"; break;
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: out.failure = "tls_failed"; break;
    default: out.failure = "broken"; break;
    }
    return out;
}

} // namespace ringside::cloud
