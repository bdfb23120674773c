#pragma once
// One HTTP exchange of a HAR 1.2 capture (http://www.softwareishard.com/blog/har-12-spec/),
// reduced to what the importer reads. Bodies are as the server sent them (base64 content
// decoded). Secrets are still in here: nothing of an exchange is written out unscrubbed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ringside::importer {

using HeaderList = std::vector<std::pair<std::string, std::string>>;  // name, value; in order

struct HarExchange {
    std::size_t entry = 0;           // index in log.entries, for comments and messages
    std::string method;              // "POST"
    std::string url;                 // as captured, query included
    HeaderList request_headers;
    std::string request_body;        // postData.text, or its params form-encoded
    int status = 0;                  // 0: no answer (aborted, refused)
    HeaderList response_headers;
    std::string response_body;
    std::string response_mime;       // content.mimeType, e.g. "application/json; charset=utf-8"
    std::int64_t started_unix_ms = 0;  // startedDateTime
    std::int64_t wait_ms = -1;         // timings.wait: the server's response time; -1 unknown
};

// The value of the first header named `name` (case-insensitive), or empty.
std::string header_value(const HeaderList& headers, const std::string& name);

// The URL's path without scheme, host and query: "/tenants/t1/oauth2/token".
std::string url_path(const std::string& url);

} // namespace ringside::importer
