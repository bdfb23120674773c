#include "cloud/service/endpoint_paths.hpp"
#include "cloud/service/endpoints.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/oauth/user_code.hpp"

namespace ringside::cloud {
// RFC 8628 §3.1, §3.2, plus one extension parameter: `device_serial`, the device's serial
// number, kept with the code so the verification page can name the device (§5.4). A server
// that does not know it ignores it (RFC 6749 §3.1: unrecognised parameters are ignored), so a
// speaker sending it still works with any conformant server. Optional here too; a value that
// is not a serial number (device_identity.hpp) is refused rather than shown to a person.
Outcome serve_device_authorization(ServiceState& state, const CloudRequest& request, Millis now) {
    FormFields fields;
    if (auto rejection = read_form_post(request, fields, {"client_id", "scope", kDeviceSerialParameter}))
        return *rejection;
    if (auto rejection = check_client(state, request, fields)) return *rejection;
    if (auto rejection = check_scope(state, fields)) return *rejection;
    DeviceIdentity device;
    if (const auto serial = fields.get(kDeviceSerialParameter)) {
        if (!valid_serial_number(*serial))
            return oauth_error(400, "invalid_request", "device_serial must be 1 to 64 of A-Z a-z 0-9 - _ .");
        device.serial_number = *serial;
    }

    const CloudConfig& config = state.config;
    const DeviceAuthorization& authorization = state.device_codes.issue(
        *fields.get("client_id"), fields.get("scope").value_or(std::string(kDefaultScope)), std::move(device), now,
        config.device_code_lifetime, config.poll_interval, state.codes);

    const std::string user_code = display_user_code(authorization.user_code);
    const std::string verification_uri = issuer_url(config, paths::kVerification);
    return json_success(JsonObjectWriter()
                            .string("device_code", authorization.device_code)
                            .string("user_code", user_code)
                            .string("verification_uri", verification_uri)
                            .string("verification_uri_complete",
                                    verification_uri + "?user_code=" + user_code)
                            .number("expires_in", seconds_down(config.device_code_lifetime))
                            .number("interval", seconds_up(config.poll_interval))
                            .finish(),
                        true);
}

} // namespace ringside::cloud
