#include "firmware/auth/token_store.hpp"

#include <cstring>

#include "firmware/core/crc32.hpp"

namespace ringside::fw {
namespace {

void put_u16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}
void put_u32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint16_t get_u16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t get_u32(const std::uint8_t* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

// Appends length-prefixed fields into the payload area; the caps guarantee they fit.
class PayloadWriter {
public:
    explicit PayloadWriter(std::uint8_t* out) : out_(out) {}
    void field8(std::string_view s) {
        out_[n_++] = static_cast<std::uint8_t>(s.size());
        bytes(s);
    }
    void field16(std::string_view s) {
        put_u16(out_ + n_, static_cast<std::uint16_t>(s.size()));
        n_ += 2;
        bytes(s);
    }
    std::size_t size() const { return n_; }

private:
    void bytes(std::string_view s) {
        if (!s.empty()) std::memcpy(out_ + n_, s.data(), s.size());
        n_ += s.size();
    }
    std::uint8_t* out_;
    std::size_t n_ = 0;
};

// Reads the fields back, refusing anything that runs past the payload or a field's cap.
class PayloadReader {
public:
    PayloadReader(const std::uint8_t* in, std::size_t length) : in_(in), length_(length) {}
    template <std::size_t N>
    bool field8(FixedString<N>& out) {
        if (n_ + 1 > length_) return false;
        const std::size_t len = in_[n_++];
        return bytes(len, out);
    }
    template <std::size_t N>
    bool field16(FixedString<N>& out) {
        if (n_ + 2 > length_) return false;
        const std::size_t len = get_u16(in_ + n_);
        n_ += 2;
        return bytes(len, out);
    }
    bool at_end() const { return n_ == length_; }

private:
    template <std::size_t N>
    bool bytes(std::size_t len, FixedString<N>& out) {
        if (len > length_ - n_) return false;
        if (!out.assign(std::string_view(reinterpret_cast<const char*>(in_ + n_), len))) return false;
        n_ += len;
        return true;
    }
    const std::uint8_t* in_;
    std::size_t length_;
    std::size_t n_ = 0;
};

// What the seal authenticates besides the payload: the format version and the record's
// sequence number, so a sealed payload copied under another header does not open.
std::array<std::uint8_t, 6> seal_aad(std::uint16_t version, std::uint32_t sequence) {
    std::array<std::uint8_t, 6> aad{};
    put_u16(&aad[0], version);
    put_u32(&aad[2], sequence);
    return aad;
}

bool decode(hal::Crypto* crypto, std::uint32_t sequence, std::uint8_t* payload, std::size_t sealed_length,
            StoredCredentials& out) {
    const auto aad = seal_aad(TokenStore::kVersion, sequence);
    const std::size_t length = at_rest::open(crypto, payload, sealed_length, aad.data(), aad.size());
    if (length == 0) return false;
    PayloadReader reader(payload, length);
    return reader.field8(out.wifi_ssid) && reader.field8(out.wifi_password) && reader.field8(out.account_hint) &&
           reader.field16(out.refresh_token) && reader.at_end();
}

} // namespace

TokenStore::TokenStore(hal::Flash& flash, std::size_t first_sector) : flash_(flash), first_sector_(first_sector) {}

TokenStore::TokenStore(hal::Flash& flash, hal::Crypto& crypto, std::size_t first_sector)
    : flash_(flash), crypto_(&crypto), first_sector_(first_sector) {}

bool TokenStore::usable() const {
    return flash_.sector_count() >= first_sector_ + 2 && flash_.sector_size() >= kMaxRecord;
}

std::size_t TokenStore::address_of(std::uint8_t slot) const { return (first_sector_ + slot) * flash_.sector_size(); }

TokenStore::SlotScan TokenStore::scan(std::uint8_t slot) {
    SlotScan result;
    const std::size_t base = address_of(slot);
    if (!flash_.read(base, buffer_.data(), kHeaderSize)) return result;
    if (get_u32(&buffer_[0]) != kMagic || get_u16(&buffer_[4]) != kVersion) return result;
    const std::size_t length = get_u16(&buffer_[6]);
    if (length > kMaxPayload) return result;
    if (!flash_.read(base + kHeaderSize, &buffer_[kHeaderSize], length + kTrailerSize)) return result;
    const std::size_t body = kHeaderSize + length;
    if (crc32(buffer_.data(), body) != get_u32(&buffer_[body])) return result;
    if (get_u32(&buffer_[body + 4]) != kCommitMarker) return result;
    result.valid = true;
    result.sequence = get_u32(&buffer_[8]);
    result.payload_length = length;
    return result;
}

bool TokenStore::load(StoredCredentials& out) {
    out.wipe();
    if (!usable()) return false;
    const SlotScan a = scan(0);
    const SlotScan b = scan(1);
    // Newest first; an older valid record is the fallback if the newest fails to decode.
    std::uint8_t order[2] = {0, 1};
    if (b.valid && (!a.valid || b.sequence > a.sequence)) {
        order[0] = 1;
        order[1] = 0;
    }
    for (std::uint8_t slot : order) {
        const SlotScan s = scan(slot);  // re-read: the other slot's scan reused the buffer
        if (!s.valid) continue;
        const bool decoded = decode(crypto_, s.sequence, &buffer_[kHeaderSize], s.payload_length, out);
        std::memset(buffer_.data(), 0, buffer_.size());
        if (decoded) {
            last_ = Location{slot, s.sequence};
            return true;
        }
        out.wipe();
    }
    return false;
}

bool TokenStore::commit(const StoredCredentials& credentials) {
    if (!usable()) return false;
    const SlotScan a = scan(0);
    const SlotScan b = scan(1);
    std::uint8_t target = 0;
    std::uint32_t newest = 0;
    if (a.valid && (!b.valid || a.sequence > b.sequence)) {
        target = 1;
        newest = a.sequence;
    } else if (b.valid) {
        target = 0;
        newest = b.sequence;
    }
    const std::uint32_t sequence = newest + 1;

    std::uint8_t* payload = &buffer_[kHeaderSize];
    PayloadWriter writer(payload);
    writer.field8(credentials.wifi_ssid.view());
    writer.field8(credentials.wifi_password.view());
    writer.field8(credentials.account_hint.view());
    writer.field16(credentials.refresh_token.view());
    const auto aad = seal_aad(kVersion, sequence);
    const std::size_t length = at_rest::seal(crypto_, payload, writer.size(), kMaxPayload, aad.data(), aad.size());
    if (length == 0 || length > kMaxPayload) return false;

    put_u32(&buffer_[0], kMagic);
    put_u16(&buffer_[4], kVersion);
    put_u16(&buffer_[6], static_cast<std::uint16_t>(length));
    put_u32(&buffer_[8], sequence);
    const std::size_t body = kHeaderSize + length;
    put_u32(&buffer_[body], crc32(buffer_.data(), body));
    put_u32(&buffer_[body + 4], kCommitMarker);

    const std::size_t base = address_of(target);
    // Order matters: body, then CRC, then marker. Each step only adds to what a cut leaves.
    const bool written = flash_.erase_sector(first_sector_ + target) && flash_.program(base, buffer_.data(), body) &&
                         flash_.program(base + body, &buffer_[body], 4) &&
                         flash_.program(base + body + 4, &buffer_[body + 4], 4);
    // The plaintext secrets have no business staying in RAM longer than the write.
    std::memset(buffer_.data(), 0, buffer_.size());
    if (!written) return false;

    const SlotScan check = scan(target);
    std::memset(buffer_.data(), 0, buffer_.size());
    if (!check.valid || check.sequence != sequence) return false;
    last_ = Location{target, sequence};
    return true;
}

bool TokenStore::erase() {
    if (flash_.sector_count() < first_sector_ + 2) return false;
    const SlotScan a = scan(0);
    const SlotScan b = scan(1);
    std::memset(buffer_.data(), 0, buffer_.size());
    const bool a_newest = a.valid && (!b.valid || a.sequence > b.sequence);
    const std::uint8_t first = a_newest ? 1 : 0;
    const bool ok = flash_.erase_sector(first_sector_ + first) && flash_.erase_sector(first_sector_ + (1 - first));
    last_ = Location{};
    return ok;
}

} // namespace ringside::fw
