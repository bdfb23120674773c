#include "cloud/codec/json_tree.hpp"

namespace ringside::cloud {

YAML::Node parse_json(const std::string& json, std::string& why) {
    try {
        YAML::Node root = YAML::Load(json);
        if (root.IsMap() || root.IsSequence()) return root;
        why = "not a JSON object";
    } catch (const YAML::Exception& e) {
        why = std::string("not JSON: ") + e.what();
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

} // namespace ringside::cloud
