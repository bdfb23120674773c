#pragma once
// One function per HTTP endpoint, each in its own source file. CloudService::handle
// routes to them after fault injection; they never see a faulted request.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "cloud/service/cloud_types.hpp"
#include "cloud/oauth/form_codec.hpp"
#include "cloud/oauth/oauth_response.hpp"
#include "cloud/service/service_state.hpp"

namespace ringside::cloud {

Outcome serve_metadata(const ServiceState& state, const CloudRequest& request);
Outcome serve_device_authorization(ServiceState& state, const CloudRequest& request, Millis now);
Outcome serve_token(ServiceState& state, const CloudRequest& request, Millis now);
Outcome serve_revocation(ServiceState& state, const CloudRequest& request, Millis now);
Outcome serve_verification_page(ServiceState& state, const CloudRequest& request, Millis now);
Outcome serve_settings(ServiceState& state, const CloudRequest& request, Millis now);

// `path` appended to the issuer (whose trailing '/', if any, is not doubled).
std::string issuer_url(const CloudConfig& config, std::string_view path);

// Whole seconds for the wire (expires_in, interval). Rounded so a client that obeys them
// errs on the safe side: it gives up on a code or token no later than the cloud does, and
// never polls too early.
std::int64_t seconds_down(Millis duration);
std::int64_t seconds_up(Millis duration);

// True for an application/x-www-form-urlencoded media type (parameters such as charset
// ignored), and for no Content-Type at all: a transport that omits the header still sent
// a form, and rejecting it would test the transport rather than the speaker.
bool is_form_content_type(std::string_view content_type);

// The checks every OAuth POST endpoint shares (RFC 6749 §3.1, §3.2): POST only, a form
// body, and none of `single_valued` repeated. On success fills `fields` and returns
// nullopt; otherwise returns the error to answer.
std::optional<Outcome> read_form_post(const CloudRequest& request, FormFields& fields,
                                      std::initializer_list<std::string_view> single_valued);

// Who is calling (client_authentication.hpp): a public client by client_id alone (RFC 6749
// §2.3), a client using HTTP Basic or configured with a secret by its credentials. Returns
// the error to answer, or nullopt; after Basic, `fields` holds the authenticated client_id.
std::optional<Outcome> check_client(const ServiceState& state, const CloudRequest& request, FormFields& fields);
// A requested `scope` the (checked) client may not have is invalid_scope (RFC 6749 §5.2).
std::optional<Outcome> check_scope(const ServiceState& state, const FormFields& fields);

} // namespace ringside::cloud
