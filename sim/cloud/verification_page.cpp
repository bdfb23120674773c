// RFC 8628 §3.3: the page a person opens on a phone or laptop to approve the speaker.
// Deliberately plain HTML with no script, so the standalone cloud server works from any
// browser and tests can drive it with form posts.
#include "sim/cloud/endpoint_paths.hpp"
#include "sim/cloud/endpoints.hpp"
#include "sim/cloud/totp.hpp"
#include "sim/cloud/user_code.hpp"
#include "sim/text/escape.hpp"

namespace ringside::cloud {
namespace {

// `error` is what the journal records: RFC 6749 vocabulary, so one set of names covers
// every endpoint.
Outcome page(int status, std::string_view error, std::string_view message, std::string_view user_code,
             bool show_form) {
    std::string html =
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Ringside sign-in</title></head>\n"
        "<body>\n<h1>Sign in your speaker</h1>\n";
    if (!message.empty()) html += "<p>" + text::xml_escape(message) + "</p>\n";
    if (show_form) {
        html += "<form method=\"post\" action=\"" + std::string(paths::kVerification) + "\">\n"
                "<label>Code <input name=\"user_code\" value=\"" + text::xml_escape(user_code) + "\"></label>\n"
                "<label>Email <input name=\"email\" type=\"email\"></label>\n"
                "<label>Password <input name=\"password\" type=\"password\"></label>\n"
                "<label>One-time code, if two-step verification is on "
                "<input name=\"otp\" inputmode=\"numeric\" autocomplete=\"one-time-code\"></label>\n"
                "<button name=\"action\" value=\"approve\">Allow</button>\n"
                "<button name=\"action\" value=\"deny\">Deny</button>\n"
                "</form>\n";
    }
    html += "</body></html>\n";

    Outcome outcome;
    outcome.response.status = status;
    outcome.response.content_type = "text/html; charset=utf-8";
    outcome.response.body = std::move(html);
    add_no_store(outcome.response);
    outcome.error = std::string(error);
    return outcome;
}

Outcome show_form(const CloudRequest& request) {
    const auto query = parse_form(request.query);
    const std::string user_code = query ? query->get("user_code").value_or("") : "";
    return page(200, "", "Enter the code your speaker shows, then sign in.", user_code, true);
}

Outcome submit_form(ServiceState& state, const CloudRequest& request, Millis now) {
    if (!is_form_content_type(request.content_type)) {
        return page(400, "invalid_request", "The form could not be read.", "", true);
    }
    const auto fields = parse_form(request.body);
    if (!fields) return page(400, "invalid_request", "The form could not be read.", "", true);
    const std::string typed_code = fields->get("user_code").value_or("");
    const auto email = fields->get("email");
    const auto password = fields->get("password");
    if (typed_code.empty() || !email || !password) {
        return page(400, "invalid_request", "Please fill in the code, your email and your password.",
                    typed_code, true);
    }
    const Account* account = state.find_account(*email);
    if (!account || account->password != *password) {
        return page(403, "access_denied", "Wrong email or password.", typed_code, true);
    }
    if (account->mfa_totp) {
        // Two-step verification: without the current one-time code nothing is decided.
        const std::string otp = fields->get("otp").value_or("");
        if (otp.empty()) {
            return page(401, "mfa_required", "This account uses two-step verification: enter the one-time code.",
                        typed_code, true);
        }
        std::uint64_t step = 0;
        switch (check_totp(account->totp_secret, otp, now, &step)) {
        case TotpCheck::Accepted: {
            const auto used = state.last_totp_step.find(account->id);
            if (used != state.last_totp_step.end() && step <= used->second) {
                return page(403, "otp_replayed", "That one-time code was already used. Wait for the next one.",
                            typed_code, true);
            }
            state.last_totp_step[account->id] = step;
            break;
        }
        case TotpCheck::Expired:
            return page(403, "otp_expired", "That one-time code has expired. Enter the current one.", typed_code,
                        true);
        case TotpCheck::Wrong:
            return page(403, "otp_invalid", "Wrong one-time code.", typed_code, true);
        }
    }

    auto& guesses = state.code_guesses[account->id];
    if (now < guesses.locked_until) {
        return page(429, "too_many_attempts", "Too many wrong codes. Try again in a few minutes.", "", false);
    }
    const bool deny = fields->get("action").value_or("approve") == "deny";
    const ApprovalResult result = deny ? state.device_codes.deny(typed_code, now)
                                       : state.device_codes.approve(typed_code, account->id, now);
    if (result == ApprovalResult::UnknownCode && ++guesses.wrong >= kMaxWrongUserCodes) {
        guesses = {0, now + kUserCodeLockout};
        return page(429, "too_many_attempts", "Too many wrong codes. Try again in a few minutes.", "", false);
    }
    if (result != ApprovalResult::UnknownCode) guesses.wrong = 0;
    switch (result) {
    case ApprovalResult::Approved:
        return page(200, "", "Done. Your speaker is signing in; you can close this page.", "", false);
    case ApprovalResult::Denied:
        return page(200, "", "The sign-in request was denied.", "", false);
    case ApprovalResult::ExpiredCode:
        return page(400, "expired_token", "That code has expired. Ask your speaker for a new one.", "", true);
    case ApprovalResult::AlreadyUsed:
        return page(400, "invalid_grant", "That code has already been used.", "", true);
    case ApprovalResult::UnknownCode:
    case ApprovalResult::UnknownAccount:
    case ApprovalResult::Scheduled:  // the page decides now; it never books
        break;
    }
    return page(400, "invalid_grant", "That code is not valid. Check it and try again.", typed_code, true);
}

} // namespace

Outcome serve_verification_page(ServiceState& state, const CloudRequest& request, Millis now) {
    if (request.method == "GET") return show_form(request);
    if (request.method == "POST") return submit_form(state, request, now);
    return method_not_allowed("GET, POST");
}

} // namespace ringside::cloud
