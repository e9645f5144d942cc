// A queue directory for one test: a fresh folder, removed afterwards, and the
// names of the files in it.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::test::mta {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class TempDir {
public:
    explicit TempDir(std::string_view name)
        : path_{fs::temp_directory_path() /
                ("maillab-mta-" + std::to_string(::getpid()) + "-" + std::string{name})} {
        fs::remove_all(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator{dir}) {
        if (item.is_regular_file()) names.push_back(item.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace maillab::test::mta
