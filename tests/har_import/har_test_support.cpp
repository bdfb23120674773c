#include "har_import/har_test_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ringside::test {
namespace fs = std::filesystem;

std::string scratch_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ringside-har-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

namespace {

std::vector<std::string> read_trace(const std::string& dir, const std::vector<std::string>& categories, bool timed) {
    std::string file;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".jsonl") file = e.path().string();
    if (file.empty()) throw std::runtime_error("no .jsonl trace in " + dir);
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        const auto record = nlohmann::json::parse(line);
        const std::string category = record.at("category").get<std::string>();
        const std::string event = record.at("event").get<std::string>();
        if (std::find(categories.begin(), categories.end(), category) == categories.end()) continue;
        if ((category == "device" || category == "auth") && event != "state") continue;
        std::string text = category + " " + event + " " + record.at("detail").get<std::string>();
        if (timed) text = std::to_string(record.at("t_ms").get<long long>()) + " " + text;
        out.push_back(std::move(text));
    }
    return out;
}

} // namespace

std::vector<std::string> trace_sequence(const std::string& dir, const std::vector<std::string>& categories) {
    return read_trace(dir, categories, false);
}

std::vector<std::string> timed_trace(const std::string& dir, const std::vector<std::string>& categories) {
    return read_trace(dir, categories, true);
}

} // namespace ringside::test
