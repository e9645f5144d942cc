#include "cli/check_command.hpp"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson/lesson_loader.hpp"
#include "sim/lesson/lesson_warnings.hpp"

namespace maillab::cli {

namespace {

namespace lesson = maillab::sim::lesson;

std::string counted(std::size_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string{noun} + (n == 1 ? "" : "s");
}

int run_check(const std::vector<std::string>& files) {
    int status = 0;
    for (const auto& file : files) {
        lesson::LoadResult r = lesson::load_lesson(file);
        if (!r.ok()) {
            for (const auto& d : r.diagnostics)
                std::cerr << lesson::format_diagnostic(d) << '\n';
            status = 1;
            continue;
        }
        // Warnings go to stderr beside errors; the file is still ok (exit 0).
        const auto warnings = lesson::lesson_warnings(*r.lesson, file);
        for (const auto& w : warnings)
            std::cerr << lesson::format_diagnostic(w) << '\n';
        const auto predictions = std::count_if(r.lesson->steps.begin(), r.lesson->steps.end(),
                                               [](const auto& s) { return s.predict.has_value(); });
        std::cout << file << ": ok (" << counted(r.lesson->steps.size(), "step") << ", "
                  << counted(r.lesson->check_count(), "check") << ", "
                  << counted(r.lesson->quiz.size(), "question")
                  << (predictions == 0
                          ? ""
                          : ", " + counted(static_cast<std::size_t>(predictions), "prediction"))
                  << (warnings.empty() ? "" : ", " + counted(warnings.size(), "warning")) << ")\n";
    }
    return status;
}

std::filesystem::path executable_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe.parent_path();
}

int run_lessons() {
    const char* env = std::getenv("MAILLAB_LESSONS_DIR");
    const auto dir = lesson::lessons_dir(env != nullptr ? env : "", executable_dir(),
                                         MAILLAB_SOURCE_LESSONS_DIR);
    lesson::LessonList list = lesson::list_lessons(dir);
    for (const auto& d : list.problems)
        std::cerr << lesson::format_diagnostic(d) << '\n';
    if (list.lessons.empty()) {
        std::cerr << "maillab lessons: no lessons in " << dir.string()
                  << " (set MAILLAB_LESSONS_DIR to the directory holding the .toml files)\n";
        return 1;
    }
    for (const auto& l : list.lessons) {
        std::cout << std::left << std::setw(22) << l.id << std::right << std::setw(4) << l.minutes
                  << " min  " << l.title << '\n';
    }
    return list.problems.empty() ? 0 : 1;
}

}  // namespace

void register_check_command(CLI::App& app, Commands& commands) {
    auto files = std::make_shared<std::vector<std::string>>();
    CLI::App* check = app.add_subcommand("check", "Check lesson files and report every problem");
    check->add_option("FILE", *files, "Lesson files (.toml)")->required();
    check->callback(
        [&commands, files] { commands.chosen = [files] { return run_check(*files); }; });

    CLI::App* lessons = app.add_subcommand("lessons", "List the lessons (id, minutes, title)");
    lessons->callback([&commands] { commands.chosen = [] { return run_lessons(); }; });
}

}  // namespace maillab::cli
