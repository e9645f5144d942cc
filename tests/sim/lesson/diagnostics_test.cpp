// Broken lesson files: each problem is reported with its exact position and a
// message a teacher can act on, and all problems are reported together.
#include <catch2/catch.hpp>

#include "tests/sim/lesson/lesson_test_support.hpp"

using namespace maillab::sim::lesson;
using namespace maillab::sim::lesson::test;
using Lines = std::vector<std::string>;

TEST_CASE("the tiny lesson loads without diagnostics") {
    LoadResult r = parse_lesson(kTinyLesson, "t.toml");
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.ok());
    CHECK(r.lesson->id == "tiny");
    CHECK(r.lesson->steps.size() == 1);
    CHECK(r.lesson->check_count() == 1);
    CHECK(r.lesson->quiz.at(0).answer == 1);
}

TEST_CASE("a TOML syntax error is reported with toml++'s line and column") {
    CHECK(problems(with_line(kTinyLesson, 5, "minutes = ")) ==
          Lines{"t.toml:5:11: Error while parsing key-value pair: expected value, saw '\\n'"});
}

TEST_CASE("an unknown key suggests the nearest known key") {
    CHECK(problems(with_line(kTinyLesson, 17, "pasword = \"secret\"")) ==
          Lines{"t.toml:15:1: missing required key 'password' in account",
                "t.toml:17:1: unknown key 'pasword' in account (did you mean 'password'?)"});
}

TEST_CASE("an unknown key far from every known key gets no suggestion") {
    CHECK(problems(with_line(kTinyLesson, 22, "kind = \"laptop\"\ncolour = \"blue\"")) ==
          Lines{"t.toml:23:1: unknown key 'colour' in device 'laptop'"});
}

TEST_CASE("a value of the wrong type names the expected and the found type") {
    CHECK(problems(with_line(kTinyLesson, 5, "minutes = \"5\"")) ==
          Lines{"t.toml:5:11: 'minutes' must be an integer, got string"});
}

TEST_CASE("a missing required key is reported at its table") {
    CHECK(problems(with_line(kTinyLesson, 31, "")) ==
          Lines{"t.toml:29:1: missing required key 'narration' in step"});
}

TEST_CASE("a device account naming an unknown server is a dangling reference") {
    CHECK(problems(with_line(kTinyLesson, 25, "server = \"mail.example.com\"")) ==
          Lines{"t.toml:25:10: device 'laptop' uses unknown server 'mail.example.com' (did "
                "you mean 'mail.example.org'?)"});
}

TEST_CASE("a check naming an unknown server or account is a dangling reference") {
    CHECK(problems(with_line(kTinyLesson, 33,
                             R"(checks = [{ check = "mailbox-count", server = "mx.example.org", )"
                             R"(account = "alice", equals = 0 }])")) ==
          Lines{"t.toml:33:47: unknown server 'mx.example.org' in check 'mailbox-count' (did "
                "you mean 'mail.example.org'?)"});
    CHECK(problems(with_line(kTinyLesson, 33,
                             R"(checks = [{ check = "mailbox-count", server = "mail.example.org", )"
                             R"(account = "alcie", equals = 0 }])")) ==
          Lines{"t.toml:33:77: server 'mail.example.org' has no account 'alcie' (did you mean "
                "'alice'?)"});
}

TEST_CASE("a check naming a mailbox that does not exist yet is refused") {
    CHECK(problems(with_line(kTinyLesson, 33,
                             R"(checks = [{ check = "mailbox-count", server = "mail.example.org", )"
                             R"(account = "alice", mailbox = "Receipts", equals = 0 }])")) ==
          Lines{"t.toml:33:96: account 'alice' on 'mail.example.org' has no mailbox 'Receipts' at "
                "this point (declare it in 'folders' or create it with imap-create first)"});
}

TEST_CASE("the mailboxes every account gets from the store can be named without declaring them") {
    for (const std::string box : {"Sent", "Drafts", "Trash", "Junk", "Archive"}) {
        INFO(box);
        CHECK(problems(
                  with_line(kTinyLesson, 33,
                            R"(checks = [{ check = "mailbox-count", server = "mail.example.org", )"
                            R"(account = "alice", mailbox = ")" +
                                box + R"(", equals = 0 }])")) == Lines{});
    }
}

TEST_CASE("an action the world cannot perform is refused") {
    SECTION("IMAP against a server without IMAP") {
        CHECK(problems(with_line(kTinyLesson, 13, R"(services = ["smtp", "submission"])")) ==
              Lines{"t.toml:32:12: imap-sync: server 'mail.example.org' runs no imap service "
                    "(port 143); it runs smtp, submission"});
    }
    SECTION("port 465 on a server without submissions") {
        CHECK(
            problems(with_line(kTinyLesson, 32,
                               R"(actions = [{ do = "send", device = "laptop", from = "a@x.org", )"
                               R"(to = "b@x.org", subject = "Hi", port = 465 }])")) ==
            Lines{"t.toml:32:12: send through port 465: server 'mail.example.org' runs no "
                  "submissions service (port 465); it runs smtp, submission, imap"});
    }
    SECTION("link-down on a link that does not exist") {
        CHECK(problems(with_line(kTinyLesson, 32,
                                 R"(actions = [{ do = "link-down", between = ["laptop", )"
                                 R"("mail.example.org"] }])")) ==
              Lines{"t.toml:32:42: there is no link between 'laptop' and 'mail.example.org' "
                    "(every host has a link to 'internet'; others must be declared in "
                    "[[world.links]])"});
    }
    SECTION("a sniffer check before any sniff action") {
        CHECK(problems(with_line(kTinyLesson, 33,
                                 R"(checks = [{ check = "sniffer-saw", between = ["laptop", )"
                                 R"("internet"], text = "PASS" }])")) ==
              Lines{"t.toml:33:46: no sniffer on the link between 'laptop' and 'internet' yet; "
                    "add a 'sniff' action before this check"});
    }
}

TEST_CASE("an unknown action suggests the nearest one") {
    CHECK(problems(with_line(kTinyLesson, 32,
                             R"(actions = [{ do = "imap-snyc", device = "laptop" }])")) ==
          Lines{"t.toml:32:19: unknown action \"imap-snyc\" (did you mean 'imap-sync'?) (see "
                "docs/lessons.md for the list)"});
}

TEST_CASE("duplicate host names and addresses are refused") {
    CHECK(problems(with_line(kTinyLesson, 20, "name = \"mail.example.org\"")) ==
          Lines{"t.toml:20:8: duplicate host name 'mail.example.org' (first declared at line 10)",
                "t.toml:32:41: unknown device 'laptop' in action 'imap-sync'"});
    CHECK(problems(with_line(kTinyLesson, 21, "address = \"192.0.2.10\"")) ==
          Lines{"t.toml:21:11: duplicate address 192.0.2.10 (first used at line 11)"});
}

TEST_CASE("a bad IPv4 address is refused") {
    CHECK(problems(with_line(kTinyLesson, 11, "address = \"192.0.2.300\"")) ==
          Lines{"t.toml:11:11: 'address' must be an IPv4 address like \"192.0.2.10\", got "
                "\"192.0.2.300\""});
}

TEST_CASE("unreadable and negative durations are refused") {
    CHECK(problems(
              with_line(kTinyLesson, 32, R"(actions = [{ do = "wait", duration = "5 min" }])")) ==
          Lines{"t.toml:32:38: 'duration': cannot read \"5 min\" as a duration (use a number "
                "and a unit: us, ms, s, m, h, d, like \"90s\" or \"1h30m\"; at most 400d)"});
    CHECK(
        problems(with_line(kTinyLesson, 32, R"(actions = [{ do = "wait", duration = "-5s" }])")) ==
        Lines{"t.toml:32:38: 'duration' must not be negative, got \"-5s\""});
    CHECK(problems(with_line(kTinyLesson, 32, R"(actions = [{ do = "wait", duration = 5 }])")) ==
          Lines{"t.toml:32:38: 'duration' must be a duration in quotes with a unit, like \"90s\" "
                "or \"2h\""});
}

TEST_CASE("a quiz answer out of range or not among the choices is refused") {
    CHECK(problems(with_line(kTinyLesson, 38, "answer = 3")) ==
          Lines{"t.toml:38:10: 'answer' 3 is out of range: there are 2 choices, numbered from 1"});
    CHECK(problems(with_line(kTinyLesson, 38, "answer = \"IMAP4\"")) ==
          Lines{"t.toml:38:10: 'answer' \"IMAP4\" is not one of the choices (did you mean "
                "'IMAP'?)"});
}

TEST_CASE("a step's prediction loads like a quiz question") {
    const std::string text = with_line(kTinyLesson, 34,
                                       "[steps.predict]\n"
                                       "question = \"Where will the mail be?\"\n"
                                       "choices = [\"On the laptop\", \"On the server\"]\n"
                                       "answer = \"On the server\"\n"
                                       "explanation = \"IMAP keeps it there.\"\n");
    LoadResult r = parse_lesson(text, "t.toml");
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.lesson->steps.at(0).predict.has_value());
    CHECK(r.lesson->steps[0].predict->answer == 1);
    CHECK(r.lesson->steps[0].predict->where.line == 34);
}

TEST_CASE("a broken prediction is reported at file:line:col, named as a prediction") {
    const std::string head = "[steps.predict]\nquestion = \"Where?\"\n";
    CHECK(problems(with_line(kTinyLesson, 34,
                             head + "choices = [\"here\", \"there\"]\nanswer = 3\n"
                                    "explanation = \"x\"\n")) ==
          Lines{"t.toml:37:10: 'answer' 3 is out of range: there are 2 choices, numbered from 1"});
    CHECK(problems(with_line(kTinyLesson, 34,
                             head + "choices = [\"only\"]\nanswer = 1\nexplanation = \"x\"\n")) ==
          Lines{"t.toml:36:11: a question needs 2 to 6 choices, got 1"});
    CHECK(problems(with_line(kTinyLesson, 34, head + "choices = [\"a\", \"b\"]\nanswer = 1\n")) ==
          Lines{"t.toml:34:1: missing required key 'explanation' in prediction"});
}

TEST_CASE("a choice value outside its set lists the allowed values") {
    CHECK(problems(with_line(kTinyLesson, 4, "level = \"beginer\"")) ==
          Lines{"t.toml:4:9: 'level' must be one of beginner, intermediate, advanced, got "
                "\"beginer\" (did you mean 'beginner'?)"});
}

TEST_CASE("a lesson id must be lowercase words joined by dashes") {
    CHECK(problems(with_line(kTinyLesson, 1, "id = \"Tiny_Lesson\"")) ==
          Lines{"t.toml:1:6: 'id' must be lowercase letters and digits joined by single dashes, "
                "like \"pop3-vs-imap\", got \"Tiny_Lesson\""});
}

TEST_CASE("several problems are reported together, in file order") {
    std::string text = with_line(kTinyLesson, 38, "answer = 0");
    text = with_line(text, 5, "minutes = 5.5");
    text = with_line(text, 17, "pasword = \"secret\"");
    text = with_line(text, 22, "kind = \"tablet\"");
    CHECK(problems(text) ==
          Lines{"t.toml:5:11: 'minutes' must be an integer, got number with a fraction",
                "t.toml:15:1: missing required key 'password' in account",
                "t.toml:17:1: unknown key 'pasword' in account (did you mean 'password'?)",
                "t.toml:22:8: 'kind' must be one of laptop, phone, got \"tablet\"",
                "t.toml:38:10: 'answer' 0 is out of range: there are 2 choices, numbered from 1"});
}

TEST_CASE("a missing file is reported, not thrown") {
    LoadResult r = load_lesson("/nonexistent/lesson.toml");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(format_diagnostic(r.diagnostics[0]) ==
          "/nonexistent/lesson.toml:1:1: cannot open the file");
}

TEST_CASE("typing to a port where nothing listens is refused") {
    CHECK(problems(with_line(kTinyLesson, 32,
                             R"(actions = [{ do = "type", device = "laptop", server = )"
                             R"("mail.example.org", port = 110, lines = ["USER alice"] }])")) ==
          Lines{"t.toml:32:82: server 'mail.example.org' has nothing listening on port 110; it "
                "runs smtp, submission, imap"});
}

TEST_CASE("port 587 with implicit TLS is refused") {
    CHECK(problems(with_line(kTinyLesson, 32,
                             R"(actions = [{ do = "send", device = "laptop", from = "a@x.org", )"
                             R"(to = "b@x.org", subject = "Hi", tls = "implicit" }])")) ==
          Lines{"t.toml:32:102: port 587 starts in plaintext; use tls = \"starttls\" or port 465"});
}

TEST_CASE("a message sent to nobody is refused") {
    CHECK(problems(with_line(kTinyLesson, 32,
                             R"(actions = [{ do = "send", device = "laptop", from = "a@x.org", )"
                             R"(to = [], subject = "Hi" }])")) ==
          Lines{"t.toml:32:69: 'to' needs at least one recipient"});
}

TEST_CASE("imap-idle needs a duration, and reads its mailbox and duration") {
    CHECK(problems(with_line(kTinyLesson, 32,
                             R"(actions = [{ do = "imap-idle", device = "laptop" }])")) ==
          Lines{"t.toml:32:12: missing required key 'duration' in action 'imap-idle'"});
    LoadResult r = parse_lesson(
        with_line(kTinyLesson, 32,
                  R"(actions = [{ do = "imap-idle", device = "laptop", duration = "2m" }])"),
        "t.toml");
    REQUIRE(r.ok());
    const auto& idle = std::get<ImapIdleAction>(r.lesson->steps.at(0).actions.at(0).kind);
    CHECK(idle.mailbox == "INBOX");
    CHECK(idle.duration == 120'000'000);
    CHECK(idle.who.device == "laptop");
}

TEST_CASE("an attachment size needs the attachment's name") {
    LoadResult r = parse_lesson(with_line(kTinyLesson, 17,
                                          "password = \"secret\"\n"
                                          "[[world.servers.accounts.messages]]\n"
                                          "from = \"a@x.org\"\nto = \"alice@example.org\"\n"
                                          "subject = \"Slides\"\nattachment_size = \"2KB\""),
                                "t.toml");
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("'attachment_size' needs 'attachment'") !=
          std::string::npos);
}
