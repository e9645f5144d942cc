// The terminal quiz driven by streams, as a student's keyboard would.
#include "cli/quiz_prompt.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "sim/export/text_layout.hpp"
#include "sim/lesson/quiz.hpp"

using namespace maillab;
using maillab::sim::lesson::QuizQuestion;

namespace {

QuizQuestion question(std::string text, std::vector<std::string> choices, std::size_t answer,
                      std::string explanation) {
    QuizQuestion q;
    q.question = std::move(text);
    q.choices = std::move(choices);
    q.answer = answer;
    q.explanation = std::move(explanation);
    return q;
}

const std::vector<QuizQuestion> kQuiz{
    question("When does a POP3 server delete the messages marked with DELE?",
             {"At once", "After QUIT", "Never"}, 1, "In the UPDATE state (RFC 1939 §6)."),
};

// The letter the quiz shows before the right choice of question 0 for `seed`.
char right_letter(std::uint64_t seed) {
    const auto shown = sim::lesson::shown_quiz(kQuiz, seed);
    return sim::lesson::choice_letter(shown[0].answer);
}

cli::QuizScore run(const std::string& typed, std::string& printed, std::uint64_t seed = 5) {
    std::istringstream in{typed};
    std::ostringstream out;
    const auto score = cli::ask_quiz(kQuiz, seed, in, out, 80);
    printed = out.str();
    return score;
}

}  // namespace

TEST_CASE("an answer is a letter in either case or the choice's number") {
    CHECK(cli::read_choice("A", 3) == 0u);
    CHECK(cli::read_choice("a", 3) == 0u);
    CHECK(cli::read_choice("1", 3) == 0u);
    CHECK(cli::read_choice("  c \r", 3) == 2u);
    CHECK(cli::read_choice("C", 3) == 2u);
    CHECK(cli::read_choice("3", 3) == 2u);
    CHECK_FALSE(cli::read_choice("d", 3));
    CHECK_FALSE(cli::read_choice("4", 3));
    CHECK_FALSE(cli::read_choice("0", 3));
    CHECK_FALSE(cli::read_choice("", 3));
    CHECK_FALSE(cli::read_choice("ab", 3));
    CHECK_FALSE(cli::read_choice("After QUIT", 3));
    CHECK_FALSE(cli::read_choice("?", 3));
}

TEST_CASE("the same right answer typed as A, a or 1 scores alike") {
    const char letter = right_letter(5);
    const std::string lower(1, static_cast<char>(letter - 'A' + 'a'));
    const std::string digit(1, static_cast<char>(letter - 'A' + '1'));
    for (const std::string& typed : {std::string(1, letter), lower, digit}) {
        std::string printed;
        const auto score = run(typed + "\n", printed);
        INFO(printed);
        CHECK(score.right == 1);
        CHECK(score.answered == 1);
        CHECK(printed.find("✓ Right. In the UPDATE state") != std::string::npos);
        CHECK(printed.find("1 of 1 right.") != std::string::npos);
    }
}

TEST_CASE("anything else is asked again, and the next valid answer counts") {
    const char letter = right_letter(5);
    std::string printed;
    const auto score = run("\nx\n7\nhello\n" + std::string(1, letter) + "\n", printed);
    INFO(printed);
    CHECK(score.right == 1);
    std::size_t asked = 0;
    for (std::size_t p = printed.find("Your answer (A-C): "); p != std::string::npos;
         p = printed.find("Your answer (A-C): ", p + 1))
        ++asked;
    CHECK(asked == 5);
    CHECK(printed.find("Please type a letter from A to C (or its number, 1 to 3).") != std::string::npos);
}

TEST_CASE("a wrong answer names the right one by its letter and text") {
    const char letter = right_letter(5);
    const char wrong = letter == 'A' ? 'B' : 'A';
    std::string printed;
    const auto score = run(std::string(1, wrong) + "\n", printed);
    INFO(printed);
    CHECK(score.right == 0);
    CHECK(score.answered == 1);
    CHECK(printed.find(std::string{"✗ Not quite. The answer is "} + letter +
                       ") After QUIT. In the UPDATE state") != std::string::npos);
    CHECK(printed.find("0 of 1 right.") != std::string::npos);
}

TEST_CASE("the end of input ends the quiz cleanly") {
    std::string printed;
    const auto score = run("", printed);
    CHECK(score.answered == 0);
    CHECK(printed.find("The quiz ends here: 0 of 0 answered right.") != std::string::npos);
    const auto again = run("zz\n", printed);  // an invalid answer, then the end
    CHECK(again.answered == 0);
    CHECK(printed.find("Please type a letter") != std::string::npos);
}

TEST_CASE("the choices are shown in the seed's order, lettered from A") {
    std::string printed;
    run("", printed, 5);
    const auto shown = sim::lesson::shown_quiz(kQuiz, 5);
    for (std::size_t c = 0; c < 3; ++c)
        CHECK(printed.find(std::string{"   "} + sim::lesson::choice_letter(c) + ") " +
                           shown[0].choice(c)) != std::string::npos);
    std::string again;
    run("", again, 5);
    CHECK(again == printed);
}

TEST_CASE("feedback wraps at 80 columns on word boundaries") {
    // The explanation of pop3-vs-imap that was cut as "serve/rs" at column 80.
    const std::string text =
        "✗ Not quite. The answer is B) The \\Seen flag is stored on the server, and the "
        "laptop fetches the flags when it syncs. IMAP flags belong to the message on the "
        "server (RFC 9051 §2.3.2). Every client sees the same flags.";
    const auto lines = cli::wrap_paragraph(text, 80);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (const auto& line : lines) {
        INFO(line);
        CHECK(sim::display_width(line) <= 80);
        CHECK(line.front() != ' ');
        CHECK(line.back() != ' ');
        joined += (joined.empty() ? "" : " ") + line;
    }
    CHECK(joined == text);  // only spaces became line breaks: no word was cut
}

TEST_CASE("a wrapped paragraph indents its following lines and keeps line breaks") {
    const auto lines = cli::wrap_paragraph(
        "1. A question long enough that it has to go on over more than one line of the "
        "terminal window\nsecond",
        40, "   ");
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0].rfind("1. A question", 0) == 0);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CHECK(lines[i].rfind("   ", 0) == 0);
        CHECK(sim::display_width(lines[i]) <= 40);
    }
    CHECK(lines.back() == "   second");
}
