// RFC 8628 §3.3: the page a person opens on a phone or laptop to approve the speaker.
// Two steps: the code (GET /device?user_code=..., also where verification_uri_complete
// lands), which names the device asking (§5.4) before anyone types a password; then email,
// password, one-time code and Allow/Deny in one POST, whose answer names the device again.
// What it looks like: verification_html.hpp.
#include "cloud/service/endpoints.hpp"
#include "cloud/verification/totp.hpp"
#include "cloud/verification/verification_html.hpp"

namespace ringside::cloud {
namespace {

constexpr std::string_view kLockedOut = "Too many wrong codes. Try again in a few minutes.";

PageDevice describe(const ServiceState& state, const DeviceAuthorization& authorization) {
    const Client* client = state.find_client(authorization.client_id);
    PageDevice device;
    device.name = client && !client->name.empty() ? client->name : authorization.client_id;
    device.serial_number = authorization.device.serial_number;
    device.product_id = authorization.device.product_id;
    return device;
}

Outcome sign_in_form(int status, std::string_view error, std::string_view message, std::string_view user_code) {
    return verification_page(status, error, {message, nullptr, PageForm::SignIn, user_code});
}

// Step 1. A lookup that finds no pending code spends one of the cloud-wide lookup budget
// (service_state.hpp); once it is spent the page asks for the sign-in without saying whether
// the code is live, and names the device only in the answer to the sign-in.
Outcome show_code(ServiceState& state, const CloudRequest& request, Millis now) {
    const auto query = parse_form(request.query);
    const std::string typed = query ? query->get("user_code").value_or("") : "";
    if (typed.empty()) {
        return verification_page(200, "", {"Enter the code your speaker shows.", nullptr, PageForm::CodeOnly, ""});
    }
    auto& lookups = state.code_lookups;
    if (now - lookups.window_start >= kCodeLookupWindow) lookups = {0, now};
    if (lookups.unknown >= kMaxUnknownCodeLookups) {
        return sign_in_form(200, "", "Sign in to continue.", typed);
    }
    const DeviceAuthorization* found = state.device_codes.find_by_user_code(typed);
    if (found && found->state == DeviceCodeState::Pending && now < found->expires_at) {
        const PageDevice device = describe(state, *found);
        return verification_page(200, "", {"Sign in to let this device use your account.", &device, PageForm::SignIn, typed});
    }
    ++lookups.unknown;
    if (found && found->state != DeviceCodeState::Pending) {
        return verification_page(400, "invalid_grant", {"That code has already been used.", nullptr, PageForm::CodeOnly, ""});
    }
    if (found) {
        return verification_page(400, "expired_token",
                                 {"That code has expired. Ask your speaker for a new one.", nullptr, PageForm::CodeOnly, ""});
    }
    return verification_page(400, "invalid_grant",
                             {"No device is waiting for that code. Check it and try again.", nullptr, PageForm::CodeOnly, typed});
}

// Two-step verification: nullopt when the account needs none or the current, unused
// one-time code was given; else the refusal to answer.
std::optional<Outcome> check_one_time_code(ServiceState& state, const Account& account, const FormFields& fields,
                                           const std::string& typed_code, Millis now) {
    if (!account.mfa_totp) return std::nullopt;
    const std::string otp = fields.get("otp").value_or("");
    if (otp.empty()) {
        return sign_in_form(401, "mfa_required", "This account uses two-step verification: enter the one-time code.",
                            typed_code);
    }
    std::uint64_t step = 0;
    switch (check_totp(account.totp_secret, otp, now, &step)) {
    case TotpCheck::Accepted: {
        const auto used = state.last_totp_step.find(account.id);
        if (used != state.last_totp_step.end() && step <= used->second) {
            return sign_in_form(403, "otp_replayed", "That one-time code was already used. Wait for the next one.",
                                typed_code);
        }
        state.last_totp_step[account.id] = step;
        return std::nullopt;
    }
    case TotpCheck::Expired:
        return sign_in_form(403, "otp_expired", "That one-time code has expired. Enter the current one.", typed_code);
    case TotpCheck::Wrong:
        break;
    }
    return sign_in_form(403, "otp_invalid", "Wrong one-time code.", typed_code);
}

// Step 2.
Outcome submit_form(ServiceState& state, const CloudRequest& request, Millis now) {
    if (!is_form_content_type(request.content_type)) {
        return sign_in_form(400, "invalid_request", "The form could not be read.", "");
    }
    const auto fields = parse_form(request.body);
    if (!fields) return sign_in_form(400, "invalid_request", "The form could not be read.", "");
    const std::string typed_code = fields->get("user_code").value_or("");
    const auto email = fields->get("email");
    const auto password = fields->get("password");
    if (typed_code.empty() || !email || !password) {
        return sign_in_form(400, "invalid_request", "Please fill in the code, your email and your password.",
                            typed_code);
    }
    const Account* account = state.find_account(*email);
    if (!account || account->password != *password) {
        return sign_in_form(403, "access_denied", "Wrong email or password.", typed_code);
    }
    if (auto refusal = check_one_time_code(state, *account, *fields, typed_code, now)) return *refusal;

    auto& guesses = state.code_guesses[account->id];
    if (now < guesses.locked_until) return verification_page(429, "too_many_attempts", {kLockedOut});
    const bool deny = fields->get("action").value_or("approve") == "deny";
    // A restricted account may still deny: refusing a code it did not expect links nothing.
    const ApprovalResult result =
        deny ? state.device_codes.deny(typed_code, now) : state.approve(*account, typed_code, now);
    if (result == ApprovalResult::UnknownCode && ++guesses.wrong >= kMaxWrongUserCodes) {
        guesses = {0, now + kUserCodeLockout};
        return verification_page(429, "too_many_attempts", {kLockedOut});
    }
    // A code that exists ends the run of wrong ones. A restriction refusal does not: it is
    // given before the code is looked at, so it must not reset the count between guesses.
    if (result != ApprovalResult::UnknownCode && result != ApprovalResult::Restricted) guesses.wrong = 0;

    const DeviceAuthorization* decided = state.device_codes.find_by_user_code(typed_code);
    const PageDevice device = decided ? describe(state, *decided) : PageDevice{};
    switch (result) {
    case ApprovalResult::Approved:
        return verification_page(200, "", {"Done. This device is signing in to your account; you can close this page.",
                                           &device});
    case ApprovalResult::Denied:
        return verification_page(200, "", {"You denied this device's sign-in request.", &device});
    case ApprovalResult::Restricted:
        return sign_in_form(403, "access_denied",
                            "This account may not link devices (it is restricted, for example suspended or a child's "
                            "account). Ask the account's owner to sign in instead.",
                            typed_code);
    case ApprovalResult::ExpiredCode:
        return sign_in_form(400, "expired_token", "That code has expired. Ask your speaker for a new one.", "");
    case ApprovalResult::AlreadyUsed:
        return sign_in_form(400, "invalid_grant", "That code has already been used.", "");
    case ApprovalResult::UnknownCode:
    case ApprovalResult::UnknownAccount:
    case ApprovalResult::Scheduled:  // the page decides now; it never books
        break;
    }
    return sign_in_form(400, "invalid_grant", "That code is not valid. Check it and try again.", typed_code);
}

} // namespace

Outcome serve_verification_page(ServiceState& state, const CloudRequest& request, Millis now) {
    if (request.method == "GET") return show_code(state, request, now);
    if (request.method == "POST") return submit_form(state, request, now);
    return method_not_allowed("GET, POST");
}

} // namespace ringside::cloud
