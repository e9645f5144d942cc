#include "sim/lesson/quiz.hpp"

#include <numeric>
#include <utility>

namespace maillab::sim::lesson {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Predictions draw their order from question indices far past any quiz's.
constexpr std::size_t kPredictionStreams = std::size_t{1} << 20;

ShownQuestion shown_question(const QuizQuestion& question, std::uint64_t seed, std::size_t index) {
    ShownQuestion s;
    s.question = &question;
    s.order = shuffled_choices(question.choices.size(), seed, index);
    for (std::size_t p = 0; p < s.order.size(); ++p)
        if (s.order[p] == question.answer) s.answer = p;
    return s;
}

}  // namespace

std::vector<std::size_t> shuffled_choices(std::size_t choices, std::uint64_t seed,
                                          std::size_t index) {
    std::vector<std::size_t> order(choices);
    std::iota(order.begin(), order.end(), std::size_t{0});
    // One stream per question, so adding a question does not reorder the others.
    std::uint64_t state = seed ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(index) + 1));
    for (std::size_t i = choices; i > 1; --i) {
        // The modulo bias of a 64-bit draw over at most six choices is negligible.
        const auto j = static_cast<std::size_t>(splitmix64(state) % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

std::vector<ShownQuestion> shown_quiz(const std::vector<QuizQuestion>& quiz, std::uint64_t seed) {
    std::vector<ShownQuestion> shown;
    shown.reserve(quiz.size());
    for (std::size_t q = 0; q < quiz.size(); ++q)
        shown.push_back(shown_question(quiz[q], seed, q));
    return shown;
}

std::optional<ShownQuestion> shown_prediction(const StepSpec& step, std::uint64_t seed,
                                              std::size_t step_index) {
    if (!step.predict) return std::nullopt;
    return shown_question(*step.predict, seed, kPredictionStreams + step_index);
}

char choice_letter(std::size_t shown) {
    return static_cast<char>('A' + shown);
}

}  // namespace maillab::sim::lesson
