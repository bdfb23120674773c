#pragma once
// Reading JSON documents back on the host side. JSON is YAML 1.2's flow subset, so the
// yaml-cpp the project already has reads them; this header keeps yaml-cpp out of every
// other file. Who may call: the cloud/codec decoders.
#include <string>

#include <yaml-cpp/yaml.h>

namespace ringside::cloud {

// Parses `json`; a parse error becomes an invalid (IsDefined() false) node and `why`.
YAML::Node parse_json(const std::string& json, std::string& why);

} // namespace ringside::cloud
