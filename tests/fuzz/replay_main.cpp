// Runs a libFuzzer target over files without libFuzzer: each argument is a
// file or a directory of files fed to LLVMFuzzerTestOneInput once. This is
// how gcc builds (and ctest) replay every seed corpus; scripts/fuzz builds the
// same targets with clang's -fsanitize=fuzzer for real fuzzing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    const std::string bytes{std::istreambuf_iterator<char>{in}, {}};
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg{argv[i]};
        if (std::filesystem::is_directory(arg)) {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::directory_iterator{arg}) {
                if (entry.is_regular_file()) files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files)
                run_file(f), ++count;
        } else {
            run_file(arg);
            ++count;
        }
    }
    // An empty corpus would make this test pass while checking nothing.
    if (count == 0) {
        std::cerr << "replay: no inputs given\n";
        return 1;
    }
    std::cout << "replayed " << count << " inputs\n";
    return 0;
}
