#pragma once
// What a device says about itself when it asks for a code: its serial number and product.
// The verification page shows it beside the client's name (RFC 8628 §5.4), so a person sent a
// code by someone else ("remote phishing") can see that the device asking is not the one in
// front of them. Claimed, never verified, and not secret: it is what a sticker on the device
// says. Who may call: the device authorization endpoints (which record it with the code) and
// the verification page (which shows it).
#include <string>
#include <string_view>

namespace ringside::cloud {

// The RFC 8628 device authorization request's extension parameter carrying the serial
// number (the firmware's auth client sends it; firmware/auth/auth_client.cpp).
inline constexpr std::string_view kDeviceSerialParameter = "device_serial";

struct DeviceIdentity {
    std::string serial_number;  // empty: the device did not say
    std::string product_id;     // LWA's productID; empty in RFC 8628, which has no such field
};

// The serial numbers both dialects accept: 1 to 64 of A-Z a-z 0-9 and "-_." (Login with
// Amazon's rule, which RFC 8628's device_serial extension adopts so one speaker image serves
// both; it also keeps what the page shows short and plain).
bool valid_serial_number(std::string_view serial);

} // namespace ringside::cloud
