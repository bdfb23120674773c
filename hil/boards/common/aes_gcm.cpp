#include "hil/boards/common/aes_gcm.hpp"

#include <cstring>

namespace ringside::kit::aes {
namespace {

// FIPS 197, figure 7.
constexpr std::uint8_t kSbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};

// Multiplication by x in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
std::uint8_t xtime(std::uint8_t b) { return static_cast<std::uint8_t>((b << 1) ^ ((b >> 7) * 0x1b)); }

std::uint64_t load_be64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
    return v;
}

void store_be64(std::uint64_t v, std::uint8_t* p) {
    for (int i = 7; i >= 0; --i) {
        p[i] = static_cast<std::uint8_t>(v);
        v >>= 8;
    }
}

// X := X * H in GF(2^128), GCM's bit order (SP 800-38D, algorithm 1), without branches on
// the data: masks instead of ifs.
void gf_multiply(std::uint8_t* x, const std::uint8_t* h) {
    std::uint64_t z_hi = 0, z_lo = 0;
    std::uint64_t v_hi = load_be64(h), v_lo = load_be64(h + 8);
    for (int i = 0; i < 128; ++i) {
        const std::uint64_t bit = (x[i / 8] >> (7 - i % 8)) & 1u;
        const std::uint64_t take = 0 - bit;
        z_hi ^= v_hi & take;
        z_lo ^= v_lo & take;
        const std::uint64_t carry = 0 - (v_lo & 1u);
        v_lo = (v_lo >> 1) | (v_hi << 63);
        v_hi = (v_hi >> 1) ^ (0xe100000000000000ULL & carry);
    }
    store_be64(z_hi, x);
    store_be64(z_lo, x + 8);
}

// The GHASH state absorbs one block (a short last block padded with zeros).
void absorb(std::uint8_t* s, const std::uint8_t* h, const std::uint8_t* data, std::size_t length) {
    for (std::size_t i = 0; i < length; ++i) s[i] ^= data[i];
    gf_multiply(s, h);
}

// inc32: the low 32 bits of the counter block, big-endian, plus one.
void increment(std::uint8_t* counter) {
    for (int i = 15; i >= 12; --i)
        if (++counter[i] != 0) break;
}

void wipe_bytes(void* p, std::size_t n) {
    volatile std::uint8_t* b = static_cast<volatile std::uint8_t*>(p);
    for (std::size_t i = 0; i < n; ++i) b[i] = 0;
}

} // namespace

bool AesGcm::set_key(const std::uint8_t* key, std::size_t key_size) {
    wipe();
    if (key == nullptr || (key_size != 16 && key_size != 32)) return false;
    // FIPS 197 §5.2 key expansion, in bytes: Nk words of key, then each word the previous
    // one XOR the word Nk back, with RotWord/SubWord/Rcon every Nk words (and SubWord half
    // way for AES-256).
    const std::size_t nk = key_size / 4;
    rounds_ = static_cast<int>(nk) + 6;
    const std::size_t words = 4 * (static_cast<std::size_t>(rounds_) + 1);
    std::memcpy(round_keys_.data(), key, key_size);
    std::uint8_t rcon = 1;
    for (std::size_t i = nk; i < words; ++i) {
        std::uint8_t t[4];
        std::memcpy(t, &round_keys_[4 * (i - 1)], 4);
        if (i % nk == 0) {
            const std::uint8_t first = t[0];
            t[0] = static_cast<std::uint8_t>(kSbox[t[1]] ^ rcon);
            t[1] = kSbox[t[2]];
            t[2] = kSbox[t[3]];
            t[3] = kSbox[first];
            rcon = xtime(rcon);
        } else if (nk > 6 && i % nk == 4) {
            for (std::uint8_t& b : t) b = kSbox[b];
        }
        for (std::size_t j = 0; j < 4; ++j) round_keys_[4 * i + j] = static_cast<std::uint8_t>(round_keys_[4 * (i - nk) + j] ^ t[j]);
    }
    const Block zero{};
    encrypt_block(zero.data(), h_.data());
    return true;
}

void AesGcm::wipe() {
    wipe_bytes(round_keys_.data(), round_keys_.size());
    wipe_bytes(h_.data(), h_.size());
    rounds_ = 0;
}

void AesGcm::encrypt_block(const std::uint8_t* in, std::uint8_t* out) const {
    // The state in FIPS 197's column-major byte order: s[4*c + r] is row r of column c.
    std::uint8_t s[16];
    for (int i = 0; i < 16; ++i) s[i] = static_cast<std::uint8_t>(in[i] ^ round_keys_[i]);
    for (int round = 1; round <= rounds_; ++round) {
        // SubBytes and ShiftRows together: row r moves r columns left.
        std::uint8_t t[16];
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < 4; ++r) t[4 * c + r] = kSbox[s[4 * ((c + r) % 4) + r]];
        if (round != rounds_) {  // MixColumns, all rounds but the last
            for (int c = 0; c < 4; ++c) {
                std::uint8_t* col = t + 4 * c;
                const std::uint8_t all = static_cast<std::uint8_t>(col[0] ^ col[1] ^ col[2] ^ col[3]);
                const std::uint8_t first = col[0];
                col[0] = static_cast<std::uint8_t>(col[0] ^ all ^ xtime(static_cast<std::uint8_t>(col[0] ^ col[1])));
                col[1] = static_cast<std::uint8_t>(col[1] ^ all ^ xtime(static_cast<std::uint8_t>(col[1] ^ col[2])));
                col[2] = static_cast<std::uint8_t>(col[2] ^ all ^ xtime(static_cast<std::uint8_t>(col[2] ^ col[3])));
                col[3] = static_cast<std::uint8_t>(col[3] ^ all ^ xtime(static_cast<std::uint8_t>(col[3] ^ first)));
            }
        }
        const std::uint8_t* k = &round_keys_[16 * static_cast<std::size_t>(round)];
        for (int i = 0; i < 16; ++i) s[i] = static_cast<std::uint8_t>(t[i] ^ k[i]);
    }
    std::memcpy(out, s, 16);
    wipe_bytes(s, sizeof s);
}

void AesGcm::ghash(const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* cipher, std::size_t length,
                   Block& s) const {
    s.fill(0);
    for (std::size_t at = 0; at < aad_length; at += kBlock)
        absorb(s.data(), h_.data(), aad + at, aad_length - at < kBlock ? aad_length - at : kBlock);
    for (std::size_t at = 0; at < length; at += kBlock)
        absorb(s.data(), h_.data(), cipher + at, length - at < kBlock ? length - at : kBlock);
    std::uint8_t lengths[kBlock];
    store_be64(static_cast<std::uint64_t>(aad_length) * 8, lengths);
    store_be64(static_cast<std::uint64_t>(length) * 8, lengths + 8);
    absorb(s.data(), h_.data(), lengths, kBlock);
}

void AesGcm::tag_of(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length,
                    const std::uint8_t* cipher, std::size_t length, Block& tag) const {
    ghash(aad, aad_length, cipher, length, tag);
    Block j0{}, mask{};
    std::memcpy(j0.data(), nonce, kNonceSize);
    j0[15] = 1;  // J0 = nonce || 0^31 || 1 for a 96-bit nonce
    encrypt_block(j0.data(), mask.data());
    for (std::size_t i = 0; i < kBlock; ++i) tag[i] ^= mask[i];
}

void AesGcm::ctr(const std::uint8_t* nonce, const std::uint8_t* in, std::uint8_t* out, std::size_t length) const {
    Block counter{}, stream{}, block{};
    std::memcpy(counter.data(), nonce, kNonceSize);
    counter[15] = 1;
    for (std::size_t at = 0; at < length; at += kBlock) {
        increment(counter.data());  // the first data block uses J0 + 1
        encrypt_block(counter.data(), stream.data());
        const std::size_t n = length - at < kBlock ? length - at : kBlock;
        // Read the whole block before writing any of it: `out` may overlap `in` behind it.
        std::memcpy(block.data(), in + at, n);
        for (std::size_t i = 0; i < n; ++i) out[at + i] = static_cast<std::uint8_t>(block[i] ^ stream[i]);
    }
    wipe_bytes(stream.data(), stream.size());
    wipe_bytes(block.data(), block.size());
}

bool AesGcm::seal(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* in,
                  std::uint8_t* out, std::size_t length, std::uint8_t* tag) const {
    if (!has_key()) return false;
    ctr(nonce, in, out, length);
    Block t{};
    tag_of(nonce, aad, aad_length, out, length, t);
    std::memcpy(tag, t.data(), kTagSize);
    return true;
}

bool AesGcm::open(const std::uint8_t* nonce, const std::uint8_t* aad, std::size_t aad_length, const std::uint8_t* in,
                  std::uint8_t* out, std::size_t length, const std::uint8_t* tag) const {
    if (!has_key()) return false;
    Block expected{};
    tag_of(nonce, aad, aad_length, in, length, expected);
    std::uint8_t differ = 0;  // every byte compared, so the time says nothing of where they differ
    for (std::size_t i = 0; i < kTagSize; ++i) differ = static_cast<std::uint8_t>(differ | (expected[i] ^ tag[i]));
    if (differ != 0) return false;
    ctr(nonce, in, out, length);
    return true;
}

} // namespace ringside::kit::aes
