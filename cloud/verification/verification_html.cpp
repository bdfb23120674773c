#include "cloud/verification/verification_html.hpp"

#include "cloud/service/endpoint_paths.hpp"
#include "cloud/verification/html_escape.hpp"

namespace ringside::cloud {
namespace {

std::string device_html(const PageDevice& device) {
    std::string html = "<p id=\"device\">Device asking: <strong>" + html_escape(device.name) + "</strong>";
    if (!device.product_id.empty()) html += " (product " + html_escape(device.product_id) + ")";
    html += device.serial_number.empty()
                ? std::string(", serial number not reported")
                : ", serial number <strong>" + html_escape(device.serial_number) + "</strong>";
    // The point of naming it: a code someone sent you belongs to their device, not yours.
    html += ".</p>\n<p>Continue only if this is the device in front of you and the serial number matches "
            "its label. Never enter a code someone else sent you.</p>\n";
    return html;
}

// The form posts back to the page it is on, by a relative URL: a tenant's page lives under
// /tenants/<id>/ (cloud/server/tenants.hpp), and its sign-in must reach that tenant.
std::string form_action() { return std::string(paths::kVerification).substr(1); }

std::string code_only_form(std::string_view user_code) {
    return "<form method=\"get\" action=\"" + form_action() + "\">\n"
           "<label>Code <input name=\"user_code\" value=\"" + html_escape(user_code) + "\"></label>\n"
           "<button>Next</button>\n"
           "</form>\n";
}

std::string sign_in_form(std::string_view user_code) {
    return "<form method=\"post\" action=\"" + form_action() + "\">\n"
           "<label>Code <input name=\"user_code\" value=\"" + html_escape(user_code) + "\"></label>\n"
           "<label>Email <input name=\"email\" type=\"email\"></label>\n"
           "<label>Password <input name=\"password\" type=\"password\"></label>\n"
           "<label>One-time code, if two-step verification is on "
           "<input name=\"otp\" inputmode=\"numeric\" autocomplete=\"one-time-code\"></label>\n"
           "<button name=\"action\" value=\"approve\">Allow</button>\n"
           "<button name=\"action\" value=\"deny\">Deny</button>\n"
           "</form>\n";
}

} // namespace

Outcome verification_page(int status, std::string_view error, const PageParts& parts) {
    std::string html =
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Ringside sign-in</title></head>\n"
        "<body>\n<h1>Sign in your speaker</h1>\n";
    if (!parts.message.empty()) html += "<p>" + html_escape(parts.message) + "</p>\n";
    if (parts.device) html += device_html(*parts.device);
    if (parts.form == PageForm::CodeOnly) html += code_only_form(parts.user_code);
    if (parts.form == PageForm::SignIn) html += sign_in_form(parts.user_code);
    html += "</body></html>\n";

    Outcome outcome;
    outcome.response.status = status;
    outcome.response.content_type = "text/html; charset=utf-8";
    outcome.response.body = std::move(html);
    add_no_store(outcome.response);
    outcome.error = std::string(error);
    return outcome;
}

} // namespace ringside::cloud
