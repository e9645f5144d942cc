#include "cli/quiz_prompt.hpp"

#include <istream>
#include <ostream>

#include "sim/export/text_layout.hpp"
#include "sim/lesson/quiz.hpp"

namespace maillab::cli {

namespace {

std::string_view trimmed(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

void print(std::ostream& out, const std::vector<std::string>& lines) {
    for (const auto& line : lines)
        out << line << '\n';
}

// "the answer is B) At once." without a doubled full stop.
std::string sentence_end(const std::string& text) {
    if (!text.empty() && (text.back() == '.' || text.back() == '?' || text.back() == '!'))
        return text;
    return text + ".";
}

}  // namespace

std::optional<std::size_t> read_choice(std::string_view typed, std::size_t choices) {
    typed = trimmed(typed);
    if (typed.size() != 1) return std::nullopt;
    const char c = typed.front();
    std::size_t shown = choices;
    if (c >= 'A' && c <= 'Z') shown = static_cast<std::size_t>(c - 'A');
    if (c >= 'a' && c <= 'z') shown = static_cast<std::size_t>(c - 'a');
    if (c >= '1' && c <= '9') shown = static_cast<std::size_t>(c - '1');
    if (shown >= choices) return std::nullopt;
    return shown;
}

std::vector<std::string> wrap_paragraph(std::string_view text, std::size_t width,
                                        std::string_view indent) {
    std::vector<std::string> lines;
    std::string line;
    bool fresh = true;  // nothing on the current line yet, not even the indent
    const auto flush = [&] {
        lines.push_back(std::move(line));
        line = std::string{indent};
        fresh = true;
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == '\n') {
            flush();
            ++pos;
            continue;
        }
        if (text[pos] == ' ') {
            ++pos;
            continue;
        }
        const std::size_t end = std::min(text.find_first_of(" \n", pos), text.size());
        const std::string_view word = text.substr(pos, end - pos);
        pos = end;
        const std::size_t need =
            sim::display_width(line) + (fresh ? 0 : 1) + sim::display_width(word);
        if (!fresh && need > width) flush();
        if (!fresh) line.push_back(' ');
        line += word;
        fresh = false;
    }
    if (!fresh || lines.empty()) lines.push_back(std::move(line));
    return lines;
}

void print_question(const sim::lesson::ShownQuestion& question, std::string_view heading,
                    std::ostream& out, std::size_t width) {
    print(out, wrap_paragraph(std::string{heading} + question.question->question, width, "   "));
    for (std::size_t c = 0; c < question.order.size(); ++c) {
        const auto lines =
            wrap_paragraph(std::string{sim::lesson::choice_letter(c)} + ") " + question.choice(c),
                           width - 3, "   ");
        for (const auto& line : lines)
            out << "   " << line << '\n';
    }
}

std::string answer_text(const sim::lesson::ShownQuestion& question) {
    return std::string{sim::lesson::choice_letter(question.answer)} + ") " +
           sentence_end(question.choice(question.answer));
}

std::optional<bool> ask_question(const sim::lesson::ShownQuestion& question,
                                 std::string_view heading, std::istream& in, std::ostream& out,
                                 std::size_t width) {
    const std::size_t n = question.order.size();
    print_question(question, heading, out, width);
    const std::string range =
        std::string{sim::lesson::choice_letter(0)} + "-" + sim::lesson::choice_letter(n - 1);
    std::optional<std::size_t> chosen;
    while (!chosen) {
        out << "Your answer (" << range << "): " << std::flush;
        std::string typed;
        if (!std::getline(in, typed)) return std::nullopt;
        chosen = read_choice(typed, n);
        if (!chosen) {
            print(out, wrap_paragraph(std::string{"Please type a letter from "} +
                                          sim::lesson::choice_letter(0) + " to " +
                                          sim::lesson::choice_letter(n - 1) +
                                          " (or its number, 1 to " + std::to_string(n) + ").",
                                      width));
        }
    }
    const bool correct = *chosen == question.answer;
    const std::string verdict =
        correct ? "✓ Right." : "✗ Not quite. The answer is " + answer_text(question);
    print(out, wrap_paragraph(verdict + " " + question.question->explanation, width));
    return correct;
}

QuizScore ask_quiz(const std::vector<sim::lesson::QuizQuestion>& quiz, std::uint64_t seed,
                   std::istream& in, std::ostream& out, std::size_t width) {
    QuizScore score;
    score.questions = quiz.size();
    const auto shown = sim::lesson::shown_quiz(quiz, seed);
    for (std::size_t q = 0; q < shown.size(); ++q) {
        out << '\n';
        const auto correct = ask_question(shown[q], std::to_string(q + 1) + ". ", in, out, width);
        if (!correct) {
            out << "\n\nThe quiz ends here: " << score.right << " of " << score.answered
                << " answered right.\n";
            return score;
        }
        ++score.answered;
        score.right += *correct ? 1U : 0U;
    }
    out << '\n' << score.right << " of " << score.questions << " right.\n";
    return score;
}

}  // namespace maillab::cli
