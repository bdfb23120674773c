#include "sim/demo/png_file.hpp"

#include <png.h>

#include <stdexcept>

namespace ringside::demo {

void write_png(const std::string& path, const RgbImage& image) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;
    if (!png_image_write_to_file(&png, path.c_str(), 0, image.rgb.data(), image.width * 3, nullptr))
        throw std::runtime_error("cannot write " + path + ": " + png.message);
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
