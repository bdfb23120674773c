#include "importer/har/har_exchange.hpp"

#include <strings.h>

namespace ringside::importer {

std::string header_value(const HeaderList& headers, const std::string& name) {
    for (const auto& [n, v] : headers)
        if (strcasecmp(n.c_str(), name.c_str()) == 0) return v;
    return {};
}

std::string url_path(const std::string& url) {
    std::size_t start = 0;
    const auto scheme = url.find("://");
    if (scheme != std::string::npos) {
        start = url.find('/', scheme + 3);
        if (start == std::string::npos) return "/";
    }
    const auto end = url.find_first_of("?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

} // namespace ringside::importer
