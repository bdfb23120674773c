#pragma once
// Test data for layering.cloud_includes_refuses_a_firmware_include: a cloud file that reads
// JSON with the firmware's reader, which the cloud's include check must refuse.
#include <string>

#include "common/prng.hpp"
#include "firmware/core/json_reader.hpp"
