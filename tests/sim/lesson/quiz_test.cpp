// The quiz's shown order: drawn from the seed, the same for the same seed,
// and over the shipped lessons (quizzes and the steps' predictions) neither
// the position nor the length of the right answer gives it away.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "sim/lesson/lesson_loader.hpp"
#include "sim/lesson/quiz.hpp"

using namespace maillab::sim::lesson;

namespace {

std::vector<LessonSpec> shipped_lessons() {
    const char* source = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(source != nullptr);
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator{std::filesystem::path{source} / "lessons"})
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<LessonSpec> lessons;
    for (const auto& file : files) {
        auto r = load_lesson(file);
        REQUIRE(r.ok());
        lessons.push_back(std::move(*r.lesson));
    }
    return lessons;
}

// Every question a student answers: the quizzes and the steps' predictions.
std::vector<QuizQuestion> shipped_questions() {
    std::vector<QuizQuestion> all;
    for (auto& lesson : shipped_lessons()) {
        for (auto& q : lesson.quiz)
            all.push_back(std::move(q));
        for (auto& step : lesson.steps)
            if (step.predict) all.push_back(std::move(*step.predict));
    }
    return all;
}

bool is_permutation_of_indices(const std::vector<std::size_t>& order) {
    std::vector<std::size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != i) return false;
    return true;
}

}  // namespace

TEST_CASE("a shuffled order is a permutation, the same for the same seed and question") {
    for (std::size_t n = 2; n <= 6; ++n) {
        for (std::uint64_t seed : {0ULL, 1ULL, 42ULL, 0xFFFFFFFFFFFFFFFFULL}) {
            const auto order = shuffled_choices(n, seed, 3);
            CHECK(order.size() == n);
            CHECK(is_permutation_of_indices(order));
            CHECK(order == shuffled_choices(n, seed, 3));
        }
    }
}

TEST_CASE("the order is pinned: the same seed gives the same quiz on every platform") {
    // SplitMix64 and Fisher-Yates written out, not std::shuffle, whose
    // algorithm differs between standard libraries.
    CHECK(shuffled_choices(4, 1, 0) == std::vector<std::size_t>{1, 2, 0, 3});
    const auto a = shuffled_choices(6, 7, 0);
    const auto b = shuffled_choices(6, 8, 0);
    const auto c = shuffled_choices(6, 7, 1);
    CHECK((a != b || a != c));  // the seed and the question both change the order
}

TEST_CASE("every position is drawn about equally often") {
    for (std::size_t n = 2; n <= 4; ++n) {
        std::vector<int> first(n, 0);
        const int draws = 6000;
        for (int seed = 0; seed < draws; ++seed)
            ++first[shuffled_choices(n, static_cast<std::uint64_t>(seed), 0)[0]];
        for (std::size_t i = 0; i < n; ++i) {
            INFO("n=" << n << " choice " << i << " first " << first[i] << " times");
            CHECK(first[i] > draws / static_cast<int>(n) * 8 / 10);
            CHECK(first[i] < draws / static_cast<int>(n) * 12 / 10);
        }
    }
}

TEST_CASE("the shown answer is where the right choice was shuffled to") {
    QuizQuestion q;
    q.question = "?";
    q.choices = {"w", "x", "y", "z"};
    q.answer = 2;
    const std::vector<QuizQuestion> quiz{q};
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        const auto shown = shown_quiz(quiz, seed);
        REQUIRE(shown.size() == 1);
        CHECK(shown[0].choice(shown[0].answer) == "y");
    }
    CHECK(choice_letter(0) == 'A');
    CHECK(choice_letter(3) == 'D');
}

TEST_CASE("the shipped questions as written do not favour one position") {
    const auto quiz = shipped_questions();
    REQUIRE(quiz.size() >= 24);
    std::map<std::size_t, std::size_t> at;
    for (const auto& q : quiz)
        ++at[q.answer];
    for (const auto& [position, count] : at) {
        INFO("choice " << position + 1 << " is right in " << count << " of " << quiz.size());
        CHECK(count * 2 <= quiz.size());
    }
}

TEST_CASE("the shipped questions as shown do not favour one position across seeds") {
    // One sitting is a few questions, so any one seed may put two answers at
    // A; over many seeds (many students) no position may hold half of them.
    const auto quiz = shipped_questions();
    std::map<std::size_t, std::size_t> at;
    std::size_t asked = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        for (const auto& s : shown_quiz(quiz, seed))
            ++at[s.answer];
        asked += quiz.size();
    }
    for (const auto& [position, count] : at) {
        INFO("position " << position << " right in " << count << " of " << asked);
        CHECK(count * 2 <= asked);
    }
    // And every question's answer moves: no question shows it at one place only.
    for (std::size_t q = 0; q < quiz.size(); ++q) {
        std::set<std::size_t> places;
        for (std::uint64_t seed = 1; seed <= 20; ++seed)
            places.insert(shown_quiz(quiz, seed)[q].answer);
        INFO(quiz[q].question);
        CHECK(places.size() == quiz[q].choices.size());
    }
}

TEST_CASE("the right answer is the longest choice in at most a third of the shipped questions") {
    const auto quiz = shipped_questions();
    std::size_t longest = 0;
    for (const auto& q : quiz) {
        const auto& right = q.choices[q.answer];
        const bool is_longest = std::all_of(
            q.choices.begin(), q.choices.end(),
            [&](const std::string& c) { return &c == &right || c.size() < right.size(); });
        if (is_longest) {
            UNSCOPED_INFO("longest: " << right);
            ++longest;
        }
    }
    INFO(longest << " of " << quiz.size() << " right answers are the longest choice");
    CHECK(longest * 3 <= quiz.size());
}

TEST_CASE("the shipped lessons ask at least four predictions") {
    std::size_t predictions = 0;
    for (const auto& lesson : shipped_lessons())
        for (const auto& step : lesson.steps)
            predictions += step.predict ? 1U : 0U;
    CHECK(predictions >= 4);
}

TEST_CASE("a prediction is shuffled per seed, apart from the quiz's questions") {
    StepSpec step;
    step.predict = QuizQuestion{.question = "?", .choices = {"w", "x", "y", "z"}, .answer = 1};
    const StepSpec without;
    CHECK_FALSE(shown_prediction(without, 1, 0).has_value());
    std::set<std::size_t> places;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const auto shown = shown_prediction(step, seed, 2);
        REQUIRE(shown.has_value());
        CHECK(shown->choice(shown->answer) == "x");
        CHECK(shown->order == shown_prediction(step, seed, 2)->order);
        places.insert(shown->answer);
    }
    CHECK(places.size() == 4);
    // Not the order of the quiz question with the same number.
    bool differs = false;
    for (std::uint64_t seed = 1; seed <= 10; ++seed)
        differs = differs || shown_prediction(step, seed, 2)->order != shuffled_choices(4, seed, 2);
    CHECK(differs);
}

TEST_CASE("the shipped predictions as shown do not favour one position across seeds") {
    std::map<std::size_t, std::size_t> at;
    std::size_t asked = 0;
    const auto lessons = shipped_lessons();
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        for (const auto& lesson : lessons) {
            for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
                if (const auto shown = shown_prediction(lesson.steps[i], seed, i)) {
                    ++at[shown->answer];
                    ++asked;
                }
            }
        }
    }
    REQUIRE(asked > 0);
    for (const auto& [position, count] : at) {
        INFO("position " << position << " right in " << count << " of " << asked);
        CHECK(count * 2 <= asked);
    }
}
