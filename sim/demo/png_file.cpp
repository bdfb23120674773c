#include "sim/demo/png_file.hpp"

#include <png.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace ringside::demo {
namespace {

// libpng reports errors by longjmp: the C++ objects live outside this function, and nothing
// here needs destroying but what png_destroy_write_struct and fclose release.
bool write_rows(std::FILE* file, const RgbImage& image, png_bytep* rows, std::string& why) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        why = "libpng is out of memory";
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        why = "libpng could not encode or write it";
        return false;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    // One filter and a middling level: a frame in about a fifth of libpng's default time
    // (adaptive filters, level 6), for files a few percent larger. Fixed, so bytes repeat.
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

} // namespace

void write_png(const std::string& path, const RgbImage& image) {
    std::vector<png_bytep> rows(static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        rows[static_cast<std::size_t>(y)] = const_cast<png_bytep>(&image.rgb[static_cast<std::size_t>(y) * image.width * 3]);
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) throw std::runtime_error("cannot create " + path);
    std::string why;
    const bool written = write_rows(file, image, rows.data(), why);
    const bool closed = std::fclose(file) == 0;
    if (!written) throw std::runtime_error("cannot write " + path + ": " + why);
    if (!closed) throw std::runtime_error("cannot write " + path + ": the disk refused it");
}

RgbImage read_png(const std::string& path) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&png, path.c_str()))
        throw std::runtime_error("cannot read " + path + ": " + png.message);
    png.format = PNG_FORMAT_RGB;
    RgbImage image(static_cast<int>(png.width), static_cast<int>(png.height));
    if (!png_image_finish_read(&png, nullptr, image.rgb.data(), image.width * 3, nullptr)) {
        const std::string why = png.message;
        png_image_free(&png);
        throw std::runtime_error("cannot decode " + path + ": " + why);
    }
    return image;
}

} // namespace ringside::demo
