#pragma once
// A minimal, allocation-free reader for the flat JSON objects OAuth servers answer with
// (RFC 8414 metadata, RFC 8628 / RFC 6749 token responses and errors). It reads members of
// the top-level object only; nested objects and arrays are validated and skipped.
// Nothing is copied at construction: the reader views `text`, which must outlive it.
// Who may call: any firmware module.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "firmware/core/fixed_string.hpp"

namespace ringside::fw {

// What a member's value is, so a refusal can say so ("expires_in is a string").
enum class JsonType : std::uint8_t { Absent, String, Number, Object, Array, Boolean, Null };

class JsonReader {
public:
    explicit JsonReader(std::string_view text);

    // True when the text is one well-formed JSON object (surrounding whitespace allowed).
    // Every getter answers "absent" on an invalid text.
    bool valid() const { return valid_; }

    bool has(std::string_view key) const;

    // The type of member `key`'s value; Absent when there is none (or the text is invalid).
    JsonType type(std::string_view key) const;

    // Decodes the string member `key` (escapes \" \\ \/ \b \f \n \r \t \uXXXX, surrogate
    // pairs, into UTF-8) into out[0, capacity). Returns false, with length 0, when the
    // member is absent, not a string, badly escaped, or longer than capacity; never
    // writes past out + capacity.
    bool get_string(std::string_view key, char* out, std::size_t capacity, std::size_t& length) const;

    // The length member `key` decodes to, without writing it anywhere; absent when the
    // member is absent, not a string or badly escaped. Lets a caller check a whole answer
    // before it overwrites what it holds.
    std::optional<std::size_t> string_length(std::string_view key) const;

    // Same, into a FixedString. On failure `out` is left empty.
    template <std::size_t N>
    bool get_string(std::string_view key, FixedString<N>& out) const {
        std::size_t length = 0;
        const bool ok = get_string(key, out.write_buffer(), N, length);
        out.set_size(ok ? length : 0);
        return ok;
    }

    // An integer member: a JSON number with no fraction or exponent that fits 64 bits.
    // Absent for anything else, a number in quotes ("expires_in": "600") included: RFC 6749
    // §5.1 and RFC 8628 §3.2 make these numbers, so a string there is a malformed answer.
    std::optional<std::int64_t> get_int(std::string_view key) const;

    // The raw JSON text of member `key`'s value (a string keeps its quotes).
    std::optional<std::string_view> raw(std::string_view key) const;

private:
    std::string_view text_;
    bool valid_ = false;
};

} // namespace ringside::fw
