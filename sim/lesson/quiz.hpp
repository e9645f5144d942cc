// The quiz as a student meets it: each question's choices in an order drawn
// at run time from the lesson's seed, so the position of the right answer
// tells nothing, yet the same lesson and seed always ask the same way. The
// terminal and anything else that shows the quiz use this one order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

struct ShownQuestion {
    const QuizQuestion* question = nullptr;
    std::vector<std::size_t> order;  // order[shown position] = index into choices
    std::size_t answer = 0;          // the right choice's shown position

    const std::string& choice(std::size_t shown) const { return question->choices[order[shown]]; }
};

// The order in which question `index` of a quiz shows its choices for `seed`:
// a Fisher-Yates shuffle driven by SplitMix64, written out here so that every
// standard library gives the same order.
std::vector<std::size_t> shuffled_choices(std::size_t choices, std::uint64_t seed,
                                          std::size_t index);

// Every question of the quiz with its shown order, for this seed. The result
// points into `quiz`, so a temporary quiz is refused at compile time.
std::vector<ShownQuestion> shown_quiz(const std::vector<QuizQuestion>& quiz, std::uint64_t seed);
std::vector<ShownQuestion> shown_quiz(std::vector<QuizQuestion>&& quiz,
                                      std::uint64_t seed) = delete;

// A step's prediction with its shown order for `seed`: shuffled like a quiz
// question, from a stream of its own, so predictions and quiz never share one.
// Nothing when the step has no prediction. Points into `step`.
std::optional<ShownQuestion> shown_prediction(const StepSpec& step, std::uint64_t seed,
                                              std::size_t step_index);
std::optional<ShownQuestion> shown_prediction(StepSpec&& step, std::uint64_t seed,
                                              std::size_t step_index) = delete;

// The letter shown before a choice: 'A' for the first shown position.
char choice_letter(std::size_t shown);

}  // namespace maillab::sim::lesson
