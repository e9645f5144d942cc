// The quiz on a terminal: each question with its choices lettered A, B, ...
// in the order drawn from the seed (sim/lesson/quiz.hpp), an answer read as a
// letter in either case or as the choice's number, feedback wrapped on word
// boundaries. Reads and writes streams, so tests drive it without a terminal.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/quiz.hpp"

namespace maillab::cli {

struct QuizScore {
    std::size_t right = 0;
    std::size_t answered = 0;
    std::size_t questions = 0;
};

// The shown position a typed answer names: "B", "b" and "2" all name the
// second choice; surrounding blanks are ignored. Anything else: nothing.
std::optional<std::size_t> read_choice(std::string_view typed, std::size_t choices);

// `text` wrapped to `width` columns on word boundaries, its line breaks kept;
// each line but the first starts with `indent`, which counts in the width.
std::vector<std::string> wrap_paragraph(std::string_view text, std::size_t width,
                                        std::string_view indent = "");

// The question after `heading` ("3. ") and its choices lettered in shown order.
void print_question(const sim::lesson::ShownQuestion& question, std::string_view heading,
                    std::ostream& out, std::size_t width = 80);
// The right answer as shown: "B) At once."
std::string answer_text(const sim::lesson::ShownQuestion& question);
// Asks one question until the answer is one of its choices, then says whether
// it was right and why. Whether it was right; nothing at the end of the input.
std::optional<bool> ask_question(const sim::lesson::ShownQuestion& question,
                                 std::string_view heading, std::istream& in, std::ostream& out,
                                 std::size_t width = 80);

// Asks every question; a question is asked again until the answer is one of
// its choices. At the end of the input the quiz ends early, cleanly.
QuizScore ask_quiz(const std::vector<sim::lesson::QuizQuestion>& quiz, std::uint64_t seed,
                   std::istream& in, std::ostream& out, std::size_t width = 80);

}  // namespace maillab::cli
