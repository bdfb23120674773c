#include "firmware/core/form_writer.hpp"

namespace ringside::fw {
namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

constexpr char kHex[] = "0123456789ABCDEF";

} // namespace

std::size_t percent_encoded_size(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += is_unreserved(c) ? 1 : 3;
    return n;
}

bool percent_encode(std::string_view text, char* out, std::size_t capacity, std::size_t& written) {
    written = 0;
    if (percent_encoded_size(text) > capacity) return false;
    std::size_t n = 0;
    for (char c : text) {
        if (is_unreserved(c)) {
            out[n++] = c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out[n++] = '%';
            out[n++] = kHex[byte >> 4];
            out[n++] = kHex[byte & 0x0F];
        }
    }
    written = n;
    return true;
}

bool FormWriter::add(std::string_view name, std::string_view value) {
    const std::size_t separator = size_ == 0 ? 0 : 1;
    const std::size_t needed = separator + percent_encoded_size(name) + 1 + percent_encoded_size(value);
    if (needed > capacity_ - size_) {
        ok_ = false;
        return false;
    }
    if (separator) buffer_[size_++] = '&';
    std::size_t written = 0;
    percent_encode(name, buffer_ + size_, capacity_ - size_, written);
    size_ += written;
    buffer_[size_++] = '=';
    percent_encode(value, buffer_ + size_, capacity_ - size_, written);
    size_ += written;
    return true;
}

} // namespace ringside::fw
