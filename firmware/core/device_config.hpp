#pragma once
// Factory-programmed identity and where to sign in. The views must outlive the Speaker
// (on a board: string literals or a read-only config block).
#include <string_view>

namespace ringside::fw {

struct DeviceConfig {
    std::string_view issuer = "https://auth.ringside.test";  // RFC 8414 issuer; metadata is discovered from it
    std::string_view client_id = "ringside-speaker";
    std::string_view scope = "speaker";
    std::string_view product_id = "RS-ONE";
    std::string_view serial_number = "RS0000000001";
};

} // namespace ringside::fw
