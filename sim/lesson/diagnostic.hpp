// A problem found in a lesson file, located by line and column, and the
// collector the loader reports into. All problems are collected, so a teacher
// fixes a file in one round instead of one error at a time.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::sim::lesson {

struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
};

// "file:line:col: message"
std::string format_diagnostic(const Diagnostic& d);

// Never more than this many diagnostics for one file; the last one says so.
inline constexpr std::size_t kMaxDiagnostics = 100;

class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void error(int line, int column, std::string message);
    bool empty() const { return list_.empty(); }
    // Sorted by position; in the order found for equal positions.
    std::vector<Diagnostic> take();

private:
    std::string file_;
    std::vector<Diagnostic> list_;
    bool truncated_ = false;
};

// The candidate closest to `word` by edit distance, if it is close enough to
// be a likely typo; empty otherwise.
std::string nearest(std::string_view word, std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace maillab::sim::lesson
