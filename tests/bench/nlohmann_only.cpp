// The reference for compile time and binary size: nlohmann/json alone, parsing one document.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::ifstream f(argv[1]);
    std::stringstream text;
    text << f.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
    if (!j.is_object()) return 2;
    std::printf("%s\n", j["client"]["client_id"].get<std::string>().c_str());
    return 0;
}
