#include "sim/lesson/diagnostic.hpp"

#include <algorithm>
#include <cctype>

namespace maillab::sim::lesson {

std::string format_diagnostic(const Diagnostic& d) {
    return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
           d.message;
}

void Diagnostics::error(int line, int column, std::string message) {
    // Problems are found table by table, not in file order, so more are kept
    // than listed; take() lists the first kMaxDiagnostics in the file.
    if (list_.size() >= kMaxDiagnostics * 10) {
        truncated_ = true;
        return;
    }
    list_.push_back(Diagnostic{file_, line, column, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::take() {
    std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    if (list_.size() > kMaxDiagnostics) {
        list_.resize(kMaxDiagnostics);
        truncated_ = true;
    }
    if (truncated_) {
        const Diagnostic& last = list_.back();
        list_.push_back(
            Diagnostic{file_, last.line, last.column,
                       "too many problems; stopped after " + std::to_string(kMaxDiagnostics)});
        truncated_ = false;
    }
    return std::move(list_);
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string nearest(std::string_view word, std::span<const std::string> candidates) {
    // Typos are short; comparing long strings would only cost time.
    constexpr std::size_t kMaxCompared = 64;
    if (word.size() > kMaxCompared) return {};
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, (word.size() + 2) / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
    std::string best = nearest(word, candidates);
    return best.empty() ? std::string{} : " (did you mean '" + best + "'?)";
}

}  // namespace maillab::sim::lesson
