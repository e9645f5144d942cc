// Each limit of limits.hpp and table_reader.hpp: a file beyond it gets a
// clear message at the right place, never a crash or a hang.
#include <catch2/catch.hpp>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/limits.hpp"
#include "sim/lesson/table_reader.hpp"
#include "tests/sim/lesson/lesson_test_support.hpp"

using namespace maillab::sim::lesson;
using namespace maillab::sim::lesson::test;
using Lines = std::vector<std::string>;

namespace {

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += piece;
    return out;
}

// The tiny lesson with `extra` appended.
std::string tiny_plus(const std::string& extra) {
    return kTinyLesson + extra;
}

}  // namespace

TEST_CASE("a file larger than kMaxFileBytes is refused before parsing") {
    std::string text = kTinyLesson + "# " + std::string(kMaxFileBytes, 'x') + "\n";
    CHECK(problems(text) ==
          Lines{"t.toml:1:1: the file is too large (" + std::to_string(text.size()) +
                " bytes; a lesson may have at most 1048576)"});
    // Just under the limit is parsed normally.
    std::string under =
        kTinyLesson + "# " + std::string(kMaxFileBytes - kTinyLesson.size() - 3, 'x') + "\n";
    REQUIRE(under.size() == kMaxFileBytes);
    CHECK(problems(under).empty());
}

TEST_CASE("more than kMaxHosts servers are refused") {
    std::string servers;
    for (std::size_t i = 0; i <= kMaxHosts; ++i) {
        servers += "[[world.servers]]\nname = \"s" + std::to_string(i) + ".example.org\"\n" +
                   "address = \"10.0." + std::to_string(i / 200) + "." +
                   std::to_string(i % 200 + 1) + "\"\ndomains = []\nservices = [\"smtp\"]\n";
    }
    const std::string text = with_line(kTinyLesson, 7, "[world]\n" + servers);
    CHECK(problems(text).front() == "t.toml:8:1: too many entries in 'servers' (66; at most 64)");
}

TEST_CASE("more than kMaxSteps steps are refused") {
    const std::string steps =
        repeat("[[steps]]\ntitle = \"s\"\nnarration = \"n\"\n", kMaxSteps + 1);
    CHECK(problems(tiny_plus(steps)) ==
          Lines{"t.toml:29:1: too many entries in 'steps' (202; at most 200)"});
}

TEST_CASE("more than kMaxActionsPerStep actions in a step are refused") {
    const std::string actions =
        repeat("[[steps.actions]]\ndo = \"wait\"\nduration = \"1s\"\n", kMaxActionsPerStep + 1);
    const std::string text = with_line(kTinyLesson, 32, "") + "";
    const std::string step = "[[steps]]\ntitle = \"s\"\nnarration = \"n\"\n" + actions;
    CHECK(problems(with_line(text, 35, "\n" + step + "\n[[quiz]]")) ==
          Lines{"t.toml:39:1: too many entries in 'actions' (101; at most 100)"});
}

TEST_CASE("more than kMaxMessages stored messages in the world are refused") {
    const std::string message =
        "[[world.servers.accounts.messages]]\nfrom = \"a@x.org\"\nto = \"b@x.org\"\n"
        "subject = \"s\"\n";
    // Two accounts, each under the limit, together over it.
    const std::string accounts = "user = \"alice\"\npassword = \"secret\"\n" +
                                 repeat(message, kMaxMessages / 2 + 1) +
                                 "[[world.servers.accounts]]\nuser = \"bob\"\npassword = \"b\"\n" +
                                 repeat(message, kMaxMessages / 2 + 1);
    const std::string text = with_line(with_line(kTinyLesson, 17, ""), 16, accounts);
    const std::size_t first_line_of_extra =
        16 + 2 + 4 * (kMaxMessages / 2 + 1) + 3 + 4 * (kMaxMessages / 2 - 1);
    CHECK(problems(text) ==
          Lines{"t.toml:" + std::to_string(first_line_of_extra) +
                ":1: too many stored messages (at most 1000 in the whole world)"});
}

TEST_CASE("a string longer than kMaxStringLength is refused") {
    const std::string text = with_line(
        kTinyLesson, 31, "narration = \"" + std::string(kMaxStringLength + 1, 'n') + "\"");
    CHECK(problems(text) == Lines{"t.toml:31:13: 'narration' is too long (65537 bytes; at most "
                                  "65536)"});
}

TEST_CASE("a list longer than kMaxListLength is refused") {
    std::string choices = "choices = [";
    for (std::size_t i = 0; i <= kMaxListLength; ++i)
        choices += "\"c" + std::to_string(i) + "\",";
    choices += "]";
    CHECK(problems(with_line(kTinyLesson, 37, choices)) ==
          Lines{"t.toml:37:11: 'choices' has too many entries (101; at most 100)",
                "t.toml:38:10: 'answer' 2 is out of range: there are 0 choices, numbered from 1"});
}

TEST_CASE("a question needs kMinChoices to kMaxChoices choices") {
    CHECK(
        problems(with_line(with_line(kTinyLesson, 37, "choices = [\"only\"]"), 38, "answer = 1")) ==
        Lines{"t.toml:37:11: a question needs 2 to 6 choices, got 1"});
}

TEST_CASE("tables nested deeper than kMaxNesting are refused") {
    SECTION("through nested arrays") {
        const std::string deep =
            "deep = " + std::string(kMaxNesting + 1, '[') + "1" + std::string(kMaxNesting + 1, ']');
        CHECK(problems(with_line(kTinyLesson, 6, deep)) ==
              Lines{"t.toml:6:20: tables and lists are nested too deeply (more than 12 levels)"});
    }
    SECTION("through a dotted key with a hundred thousand parts") {
        const std::string deep = "a" + repeat(".a", 100000) + " = 1";
        CHECK(problems(with_line(kTinyLesson, 6, deep)) ==
              Lines{"t.toml:6:26: this key has too many dotted parts (tables nested more than "
                    "12 levels deep)"});
    }
    SECTION("through toml++'s own limit on nested values") {
        const std::string deep = "deep = " + std::string(300, '[') + std::string(300, ']');
        CHECK(problems(with_line(kTinyLesson, 6, deep)) ==
              Lines{"t.toml:6:264: Error while parsing value: exceeded maximum nested value depth "
                    "of 256 (TOML_MAX_NESTED_VALUES)"});
    }
}

TEST_CASE("no more than kMaxDiagnostics problems are listed") {
    std::string junk;
    for (std::size_t i = 0; i < kMaxDiagnostics + 20; ++i)
        junk += "junk" + std::to_string(i) + " = 1\n";
    const auto lines = problems(with_line(kTinyLesson, 6, junk));
    REQUIRE(lines.size() == kMaxDiagnostics + 1);
    CHECK(lines.front() == "t.toml:6:1: unknown key 'junk0' in the lesson");
    CHECK(lines.back() == "t.toml:105:1: too many problems; stopped after 100");
}

TEST_CASE("more than kMaxHosts servers and devices together are refused") {
    std::string hosts;
    for (std::size_t i = 0; i < 40; ++i)
        hosts += "[[world.servers]]\nname = \"s" + std::to_string(i) + "\"\naddress = \"10.1.0." +
                 std::to_string(i + 1) + "\"\ndomains = []\nservices = [\"smtp\"]\n";
    for (std::size_t i = 0; i < 30; ++i)
        hosts += "[[world.devices]]\nname = \"d" + std::to_string(i) + "\"\naddress = \"10.2.0." +
                 std::to_string(i + 1) + "\"\nkind = \"phone\"\n";
    const std::string text = with_line(kTinyLesson, 7, "[world]\n" + hosts);
    CHECK(problems(text) == Lines{"t.toml:7:1: too many hosts (72; at most 64)"});
}

TEST_CASE("the per-table limits on accounts, links, DNS records, checks and questions") {
    SECTION("kMaxAccountsPerServer") {
        std::string accounts;
        for (std::size_t i = 0; i <= kMaxAccountsPerServer; ++i)
            accounts += "[[world.servers.accounts]]\nuser = \"u" + std::to_string(i) +
                        "\"\npassword = \"p\"\n";
        CHECK(problems(with_line(kTinyLesson, 14, accounts)).front() ==
              "t.toml:14:1: too many entries in 'accounts' (102; at most 100)");
    }
    SECTION("kMaxAccountsPerDevice") {
        const std::string accounts = repeat(
            "[[world.devices.accounts]]\nserver = \"mail.example.org\"\nuser = \"alice\"\n"
            "password = \"p\"\n",
            kMaxAccountsPerDevice);
        CHECK(problems(with_line(kTinyLesson, 28, accounts)).front() ==
              "t.toml:24:1: too many entries in 'accounts' (11; at most 10)");
    }
    SECTION("kMaxLinks") {
        const std::string links =
            repeat("[[world.links]]\nbetween = [\"laptop\", \"internet\"]\n", kMaxLinks + 1);
        CHECK(problems(with_line(kTinyLesson, 7, "[world]\n" + links)) ==
              Lines{"t.toml:8:1: too many entries in 'links' (201; at most 200)"});
    }
    SECTION("kMaxDnsRecords") {
        const std::string records = repeat(
            "[[world.dns]]\nname = \"example.org\"\ntype = \"MX\"\nvalue = \"mail.example.org\"\n",
            kMaxDnsRecords + 1);
        CHECK(problems(with_line(kTinyLesson, 7, "[world]\n" + records)) ==
              Lines{"t.toml:8:1: too many entries in 'dns' (201; at most 200)"});
    }
    SECTION("kMaxChecksPerStep") {
        const std::string checks =
            repeat("{ check = \"queue-count\", server = \"mail.example.org\", equals = 0 },",
                   kMaxChecksPerStep + 1);
        CHECK(problems(with_line(kTinyLesson, 33, "checks = [" + checks + "]")) ==
              Lines{"t.toml:33:10: too many entries in 'checks' (101; at most 100)"});
    }
    SECTION("kMaxQuizQuestions") {
        const std::string questions = repeat(
            "[[quiz]]\nquestion = \"q\"\nchoices = [\"a\", \"b\"]\nanswer = 1\nexplanation = "
            "\"e\"\n",
            kMaxQuizQuestions);
        CHECK(problems(kTinyLesson + questions) ==
              Lines{"t.toml:35:1: too many entries in 'quiz' (51; at most 50)"});
    }
}
