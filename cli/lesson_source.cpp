#include "cli/lesson_source.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson/lesson_loader.hpp"

namespace maillab::cli {

namespace lesson = sim::lesson;

std::optional<lesson::LessonSpec> load_named_lesson(const std::string& id_or_path) {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const char* env = std::getenv("MAILLAB_LESSONS_DIR");
    const auto dir = lesson::lessons_dir(env != nullptr ? env : "",
                                         ec ? std::filesystem::path{} : exe.parent_path(),
                                         MAILLAB_SOURCE_LESSONS_DIR);
    const auto path = lesson::lesson_path(id_or_path, dir);
    if (!std::filesystem::exists(path)) {
        std::cerr << "maillab: no lesson \"" << id_or_path << "\" (looked for " << path.string()
                  << "; 'maillab lessons' lists them)\n";
        return std::nullopt;
    }
    lesson::LoadResult result = lesson::load_lesson(path);
    for (const auto& d : result.diagnostics)
        std::cerr << lesson::format_diagnostic(d) << '\n';
    return std::move(result.lesson);
}

}  // namespace maillab::cli
