#pragma once
// The admin API's form encoding of a fault (docs/cloud.md, POST /admin/faults) and of
// numbers in forms. Who may call: the admin API (read) and the cloud client (encode).
#include <optional>
#include <string>
#include <string_view>

#include "cloud/service/cloud_types.hpp"
#include "cloud/oauth/form_codec.hpp"

namespace ringside::cloud {

// A whole decimal number, or nullopt when absent or not one.
std::optional<long long> form_number(const FormFields& f, std::string_view name);

// nullopt, with `why` naming the field and what it expected, when the fields do not describe
// a fault (nothing to answer, an unknown kind, a number that is not one).
std::optional<Fault> read_fault(const FormFields& f, std::string& why);

// The form read_fault reads back as the same fault.
std::string encode_fault(const Fault& fault);

} // namespace ringside::cloud
