// The standalone runner: a main() for any fuzz target, so the targets build with any compiler
// (g++ included) without libFuzzer and replay their corpora as ordinary tests.
//
//     fuzz_<target>_replay FILE_OR_DIR...   replays every file given, and every regular file in
//                                           every directory given (sorted, not recursive)
//     fuzz_<target>_replay                  replays standard input once (AFL++ without its
//                                           driver, or a quick manual check)
//
// A property violation aborts, as under libFuzzer; otherwise it prints how many inputs it
// replayed and exits 0. It exits 1 when a path cannot be read or a directory holds no file, so a
// misplaced corpus cannot pass silently. With PASSWORDLESS_TEST_LOCALE set it replays under that
// locale (tests/support/locale_from_env.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "../support/locale_from_env.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.string().c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A copy of exactly the file's size, so that ASan or valgrind sees any read past the end.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (!test::apply_locale_from_env()) return 1;
    if (argc < 2) {
        const std::vector<char> bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
        LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
        std::printf("replayed standard input (%zu bytes)\n", data.size());
        return 0;
    }
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            std::vector<std::filesystem::path> files;
            for (std::filesystem::directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec))
                if (it->is_regular_file(ec)) files.push_back(it->path());
            if (ec || files.empty()) {
                std::fprintf(stderr, "no input files in %s\n", argv[i]);
                return 1;
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                if (!replay_file(f)) return 1;
                ++count;
            }
        } else {
            if (!replay_file(arg)) return 1;
            ++count;
        }
    }
    std::printf("replayed %zu inputs: no property violated\n", count);
    return 0;
}
