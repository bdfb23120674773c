#include "firmware/core/url.hpp"

namespace ringside::fw {
namespace {

// Index where the path starts (the '/' after the authority), or url.size() when none.
std::size_t path_start(std::string_view url) {
    const std::size_t scheme = url.find("://");
    const std::size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
    const std::size_t end = url.find_first_of("/?#", authority);
    return end == std::string_view::npos ? url.size() : end;
}

} // namespace

std::string_view url_path(std::string_view url) {
    const std::size_t start = path_start(url);
    if (start == url.size() || url[start] != '/') return "/";
    const std::size_t end = url.find_first_of("?#", start);
    return url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

void split_origin(std::string_view url, std::string_view& origin, std::string_view& path) {
    const std::size_t start = path_start(url);
    origin = url.substr(0, start);
    path = url.substr(start);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
}

} // namespace ringside::fw
