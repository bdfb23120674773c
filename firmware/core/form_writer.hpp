#pragma once
// Builds an application/x-www-form-urlencoded body (RFC 6749 §4.1.3 / RFC 8628 §3.1
// requests) into a caller-owned fixed buffer. Everything but RFC 3986 unreserved
// characters is percent-encoded, space included (%20, never '+', so no decoder can
// mistake it). Who may call: any firmware module.
#include <cstddef>
#include <string_view>

namespace ringside::fw {

class FormWriter {
public:
    // `buffer` (capacity in chars) must outlive the writer and every view() taken of it.
    FormWriter(char* buffer, std::size_t capacity) : buffer_(buffer), capacity_(capacity) {}

    // Appends "name=value" (with '&' before all but the first). All or nothing: on
    // overflow returns false and leaves the body exactly as it was.
    bool add(std::string_view name, std::string_view value);

    std::string_view view() const { return std::string_view(buffer_, size_); }
    // False once any add() failed: a body missing a field must not be sent.
    bool ok() const { return ok_; }
    void clear() {
        size_ = 0;
        ok_ = true;
    }

private:
    char* buffer_;
    std::size_t capacity_;
    std::size_t size_ = 0;
    bool ok_ = true;
};

// Chars `text` takes once percent-encoded.
std::size_t percent_encoded_size(std::string_view text);

// Percent-encodes `text` into out[0, capacity); false (writing nothing) when it won't fit.
bool percent_encode(std::string_view text, char* out, std::size_t capacity, std::size_t& written);

} // namespace ringside::fw
