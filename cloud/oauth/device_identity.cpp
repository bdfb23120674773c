#include "cloud/oauth/device_identity.hpp"

namespace ringside::cloud {

bool valid_serial_number(std::string_view serial) {
    if (serial.empty() || serial.size() > 64) return false;
    for (char c : serial) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

} // namespace ringside::cloud
