#include "sim/demo/apng_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace ringside::demo {
namespace {

void put32(std::string& s, std::uint32_t v) {
    s += static_cast<char>(v >> 24);
    s += static_cast<char>(v >> 16);
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v);
}

void put16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v);
}

// The rectangle's RGBA rows, each led by filter type 1 (Sub: the difference to the pixel on
// the left), which suits the ring's smooth gradients and the panel's flat background. With
// `previous`, a pixel equal to the one there is left fully transparent: drawn OVER the
// frame before, it keeps that pixel, and long runs of zeros cost almost nothing.
std::string filtered_rows(const RgbImage& image, const RgbImage* previous, int x, int y, int w, int h) {
    std::string rows;
    rows.reserve(static_cast<std::size_t>(h) * (1 + w * 4));
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * 4);
    for (int row = y; row < y + h; ++row) {
        const std::size_t start = (static_cast<std::size_t>(row) * image.width + x) * 3;
        const std::uint8_t* p = &image.rgb[start];
        const std::uint8_t* q = previous ? &previous->rgb[start] : nullptr;
        for (int i = 0; i < w; ++i, p += 3) {
            std::uint8_t* out = &rgba[static_cast<std::size_t>(i) * 4];
            const bool same = q && p[0] == q[i * 3] && p[1] == q[i * 3 + 1] && p[2] == q[i * 3 + 2];
            out[0] = same ? 0 : p[0];
            out[1] = same ? 0 : p[1];
            out[2] = same ? 0 : p[2];
            out[3] = same ? 0 : 255;
        }
        rows += '\1';
        for (std::size_t i = 0; i < rgba.size(); ++i)
            rows += static_cast<char>(i < 4 ? rgba[i] : static_cast<std::uint8_t>(rgba[i] - rgba[i - 4]));
    }
    return rows;
}

std::string deflated(const std::string& raw) {
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string out(size, '\0');
    // Level 3: about half the time of zlib's default (6) for a few percent more bytes; a
    // fixed level keeps the bytes the same from run to run.
    if (compress2(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), 3) != Z_OK)
        throw std::runtime_error("zlib could not compress a frame");
    out.resize(size);
    return out;
}

} // namespace

ApngWriter::ApngWriter(const std::string& path, int width, int height, int fps)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc), width_(width), height_(height), fps_(fps) {
    if (!out_) throw std::runtime_error("cannot create " + path);
    if (width <= 0 || height <= 0 || fps <= 0 || fps > 65535)
        throw std::runtime_error("an animation of " + std::to_string(width) + "x" + std::to_string(height) + " at " +
                                 std::to_string(fps) + " fps: expected positive sizes and 1..65535 fps");
    out_.write("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put32(ihdr, static_cast<std::uint32_t>(width));
    put32(ihdr, static_cast<std::uint32_t>(height));
    ihdr += std::string("\x08\x06\x00\x00\x00", 5);  // 8 bits, RGBA, deflate, adaptive filters, no interlace
    chunk("IHDR", ihdr);
    actl_at_ = static_cast<std::streamoff>(out_.tellp()) + 8;
    std::string actl;
    put32(actl, 0);  // frame count: patched by finish()
    put32(actl, 0);  // plays: 0 loops forever
    chunk("acTL", actl);
}

void ApngWriter::chunk(const char type[4], const std::string& data) {
    std::string bytes;
    put32(bytes, static_cast<std::uint32_t>(data.size()));
    bytes.append(type, 4);
    bytes += data;
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data() + 4),
                            static_cast<uInt>(bytes.size() - 4));
    put32(bytes, static_cast<std::uint32_t>(crc));
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out_) throw std::runtime_error("cannot write " + path_);
}

void ApngWriter::frame_chunks(const RgbImage& frame, int x, int y, int w, int h) {
    std::string fctl;
    put32(fctl, sequence_++);
    put32(fctl, static_cast<std::uint32_t>(w));
    put32(fctl, static_cast<std::uint32_t>(h));
    put32(fctl, static_cast<std::uint32_t>(x));
    put32(fctl, static_cast<std::uint32_t>(y));
    put16(fctl, 1);
    put16(fctl, static_cast<std::uint16_t>(fps_));
    fctl += '\0';  // dispose NONE: the next frame draws over this one
    fctl += frames_ == 0 ? '\0' : '\1';  // blend OVER: the transparent pixels keep the frame before
    chunk("fcTL", fctl);
    const std::string data = deflated(filtered_rows(frame, frames_ == 0 ? nullptr : &previous_, x, y, w, h));
    if (frames_ == 0) {
        chunk("IDAT", data);
    } else {
        std::string fdat;
        put32(fdat, sequence_++);
        fdat += data;
        chunk("fdAT", fdat);
    }
}

void ApngWriter::add(const RgbImage& frame) {
    if (frame.width != width_ || frame.height != height_)
        throw std::runtime_error("a frame of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                                 " for an animation of " + std::to_string(width_) + "x" + std::to_string(height_));
    int x0 = 0, y0 = 0, x1 = width_, y1 = height_;  // the changed rectangle, [x0, x1) x [y0, y1)
    if (frames_ > 0) {
        x0 = width_, y0 = height_, x1 = 0, y1 = 0;
        for (int y = 0; y < height_; ++y)
            for (int x = 0; x < width_; ++x) {
                const std::size_t i = (static_cast<std::size_t>(y) * width_ + x) * 3;
                if (frame.rgb[i] == previous_.rgb[i] && frame.rgb[i + 1] == previous_.rgb[i + 1] &&
                    frame.rgb[i + 2] == previous_.rgb[i + 2])
                    continue;
                x0 = std::min(x0, x), x1 = std::max(x1, x + 1);
                y0 = std::min(y0, y), y1 = std::max(y1, y + 1);
            }
        if (x1 <= x0) x0 = 0, y0 = 0, x1 = 1, y1 = 1;  // unchanged: one pixel, redrawn as it was
    }
    frame_chunks(frame, x0, y0, x1 - x0, y1 - y0);
    previous_ = frame;
    ++frames_;
}

void ApngWriter::finish() {
    if (frames_ == 0) throw std::runtime_error("an animation needs at least one frame: " + path_);
    chunk("IEND", "");
    std::string actl("acTL");
    put32(actl, frames_);
    put32(actl, 0);
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(actl.data()), static_cast<uInt>(actl.size()));
    std::string patch = actl.substr(4);
    put32(patch, static_cast<std::uint32_t>(crc));
    out_.seekp(actl_at_);
    out_.write(patch.data(), static_cast<std::streamsize>(patch.size()));
    out_.close();
    if (!out_) throw std::runtime_error("cannot write " + path_);
}

} // namespace ringside::demo
