// Every lesson in lessons/ runs headless and passes every checkpoint, and
// the same lesson and seed always give the same trace.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "sim/trace/jsonl_export.hpp"

using namespace maillab::sim;

namespace {

std::filesystem::path lessons_dir() {
    const char* src = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(src != nullptr);
    return std::filesystem::path{src} / "lessons";
}

lesson::LessonSpec load(const std::string& id) {
    auto result = lesson::load_lesson(lessons_dir() / (id + ".toml"));
    REQUIRE(result.ok());
    return *result.lesson;
}

}  // namespace

TEST_CASE("every lesson passes every checkpoint, headless") {
    const auto list = lesson::list_lessons(lessons_dir());
    REQUIRE(list.lessons.size() >= 8);
    for (const auto& entry : list.lessons) {
        INFO(entry.id);
        LessonRun run{load(entry.id), 1};
        // Issue 7: at least three checkpoints and three quiz questions each.
        REQUIRE(run.spec().check_count() >= 3);
        REQUIRE(run.spec().quiz.size() >= 3);
        std::size_t steps = 0;
        while (!run.finished()) {
            const auto outcome = run.run_step();
            ++steps;
            REQUIRE(outcome.end_event > outcome.first_event);
            REQUIRE(outcome.unsupported.empty());
            for (const auto& check : outcome.checks) {
                INFO("step " << steps << ": " << check.claim << " — " << check.detail);
                REQUIRE(check.passed);
            }
        }
        REQUIRE(steps == run.steps());
    }
}

TEST_CASE("the same lesson and seed give a byte-identical trace") {
    // store-and-forward: timers and retries; pop3-vs-imap and imap-offline: TLS
    // handshakes, IMAP sessions and offline replay.
    for (const std::string id : {"store-and-forward", "pop3-vs-imap", "imap-offline"}) {
        INFO(id);
        auto run_once = [&id](std::uint64_t seed) {
            LessonRun run{load(id), seed};
            while (!run.finished())
                run.run_step();
            std::ostringstream out;
            write_jsonl(run.trace(), out);
            return out.str();
        };
        const std::string first = run_once(1);
        REQUIRE(run_once(1) == first);
        REQUIRE(run_once(2) != first);
    }
}

TEST_CASE("a crash loses the queue and mailboxes only where the lesson keeps them in memory") {
    for (const bool persistent : {true, false}) {
        INFO("persistent = " << persistent);
        auto spec = load("store-and-forward");
        for (auto& server : spec.world.servers)
            server.persistent = persistent;
        LessonRun run{spec, 1};
        run.run_step();  // the message waits in the sender's queue
        const auto host = *run.world().net().find_host("mail.example.org");
        auto fold = [&run] {
            WorldState state;
            for (const auto& e : run.trace().events())
                state.apply(run.trace(), e);
            return state;
        };
        REQUIRE(fold().queue_size(host) == 1);
        REQUIRE(run.world().server("mail.example.org")->queue().size() == 1);
        run.play({lesson::ServerCrashAction{"mail.example.org"}, "server-crash", {}}, "a test");
        const std::size_t expected = persistent ? 1 : 0;
        CHECK(fold().queue_size(host) == expected);
        CHECK(run.world().server("mail.example.org")->queue().size() == expected);
    }
}

namespace {

// A small world for the checks' own tests: Bob's mailbox, read with IMAP.
const std::string kCheckWorld = R"(id = "checks"
title = "Checks"
summary = "The checks themselves."
level = "beginner"
minutes = 5

[world]

[[world.servers]]
name = "mail.example.net"
address = "192.0.2.20"
domains = ["example.net"]
services = ["smtp", "submission", "imap"]

[[world.servers.accounts]]
user = "bob"
password = "builder"

[[world.servers.accounts.messages]]
from = "alice@example.org"
to = "bob@example.net"
subject = "Coffee?"
body = "Coffee at ten?"

[[world.devices]]
name = "laptop"
address = "198.51.100.20"
kind = "laptop"

[[world.devices.accounts]]
server = "mail.example.net"
user = "bob"
password = "builder"
)";

// One step in which the laptop syncs its INBOX; the checks follow.
const std::string kSyncStep = R"(
[[steps]]
title = "Sync"
narration = "The laptop syncs."
actions = [{ do = "imap-sync", device = "laptop" }]
)";

std::vector<CheckOutcome> run_steps(const std::string& steps, std::size_t* refusals = nullptr) {
    auto result = lesson::parse_lesson(kCheckWorld + steps, "checks.toml");
    for (const auto& d : result.diagnostics)
        UNSCOPED_INFO(lesson::format_diagnostic(d));
    REQUIRE(result.ok());
    LessonRun run{*result.lesson, 1};
    std::vector<CheckOutcome> checks;
    if (refusals != nullptr) *refusals = 0;
    while (!run.finished()) {
        auto outcome = run.run_step();
        for (auto& c : outcome.checks)
            checks.push_back(std::move(c));
        if (refusals != nullptr) *refusals += outcome.unheeded_refusals.size();
    }
    return checks;
}

}  // namespace

TEST_CASE("a reply check with 'starts' or 'line' is not fooled by SELECT's FLAGS list") {
    // Nothing is flagged: only SELECT's "* FLAGS (...)" and PERMANENTFLAGS name \Flagged.
    const auto checks = run_steps(kSyncStep + R"(checks = [
    { check = "reply", device = "laptop", contains = "\\Flagged" },
    { check = "reply", device = "laptop", starts = "* 1 FETCH (FLAGS (\\Flagged", present = false },
    { check = "reply", device = "laptop", line = "OK LOGOUT completed" },
    { check = "reply", device = "laptop", starts = "OK LOGOUT" },
    { check = "reply", device = "laptop", line = "OK LOGOUT", present = false },
    { check = "device-has-flag", device = "laptop", subject = "Coffee", flag = "\\Flagged", present = false },
    { check = "reply", device = "laptop", command = "FETCH", starts = "* 1 FETCH" },
    { check = "reply", device = "laptop", command = "UID FETCH", starts = "* 1 FETCH" },
    { check = "reply", device = "laptop", command = "UID STORE", contains = "FETCH", present = false },
    { check = "reply", device = "laptop", command = "SELECT", starts = "* FLAGS (" },
]
)");
    REQUIRE(checks.size() == 10);
    for (const auto& c : checks) {
        INFO(c.claim << " — " << c.detail);
        CHECK(c.passed);
    }
}

TEST_CASE("device-has-flag sees the flags the device fetched, as whole flags") {
    const auto checks = run_steps(R"(
[[steps]]
title = "Flag on the laptop"
narration = "Bob flags the message."
actions = [
    { do = "imap-sync", device = "laptop" },
    { do = "imap-flag", device = "laptop", subject = "Coffee", flags = ["\\Flagged"] },
    { do = "imap-sync", device = "laptop" },
]
checks = [
    { check = "device-has-flag", device = "laptop", subject = "Coffee", flag = "\\flagged" },
    { check = "device-has-flag", device = "laptop", subject = "Coffee", flag = "\\Flag", present = false },
    { check = "has-flag", server = "mail.example.net", account = "bob", subject = "Coffee", flag = "\\Flag", present = false },
    { check = "reply", device = "laptop", command = "STORE", contains = "\\Flagged" },
    { check = "device-has-flag", device = "laptop", subject = "Coffee", flag = "\\Seen", present = true },
]
)");
    REQUIRE(checks.size() == 5);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO(checks[i].claim << " — " << checks[i].detail);
        CHECK(checks[i].passed);
    }
    // A failed check says what was found, not only that it failed.
    CHECK_FALSE(checks[4].passed);
    CHECK(checks[4].detail == "its flags on laptop: \\Flagged");
}

TEST_CASE("a failed check's detail says what was found, beside what the check expects") {
    const auto checks = run_steps(kSyncStep + R"(checks = [
    { check = "mailbox-count", server = "mail.example.net", account = "bob", equals = 2 },
    { check = "reply", device = "laptop", command = "SELECT", contains = "\\Flagged", present = false },
    { check = "reply", device = "laptop", command = "LOGOUT", contains = "NO" },
]
)");
    REQUIRE(checks.size() == 3);
    for (const auto& c : checks)
        CHECK_FALSE(c.passed);
    CHECK(checks[0].detail == "bob's INBOX on mail.example.net: 1, where the check expects 2");
    CHECK(checks[1].detail.rfind("a reply to SELECT containing \"\\Flagged\": * FLAGS (", 0) == 0);
    CHECK(checks[2].detail ==
          "no reply to LOGOUT containing \"NO\" during this step; the last "
          "was: A8 OK LOGOUT completed");
}

TEST_CASE("mail refused during a step is reported unless a check looks at it") {
    const std::string send = R"(
[[steps]]
title = "Send to nobody"
narration = "The laptop sends to an address with no account."
actions = [{ do = "send", device = "laptop", from = "bob@example.net", to = "nobody@example.net", subject = "Hi", body = "Hi" }]
)";
    std::size_t refusals = 0;
    run_steps(
        send + R"(checks = [{ check = "queue-count", server = "mail.example.net", equals = 0 }]
)",
        &refusals);
    CHECK(refusals == 1);
    run_steps(
        send +
            R"(checks = [{ check = "reply", device = "laptop", command = "RCPT", contains = "550" }]
)",
        &refusals);
    CHECK(refusals == 0);
}

namespace {

// One step in which the laptop submits a note to Bob himself; the checks follow.
const std::string kSendStep = R"(
[[steps]]
title = "Send"
narration = "Bob writes to himself."
actions = [{ do = "send", device = "laptop", from = "bob@example.net", to = ["bob@example.net"], subject = "Note", body = "Milk." }]
)";

void require_all_pass(const std::vector<CheckOutcome>& checks, std::size_t count) {
    REQUIRE(checks.size() == count);
    for (const auto& c : checks) {
        INFO(c.claim << " — " << c.detail);
        CHECK(c.passed);
    }
}

}  // namespace

TEST_CASE("an SMTP reply is matched to its command, also when the client pipelines") {
    // The device sends MAIL and RCPT together (RFC 2920): the first 250 answers
    // MAIL, the second RCPT, and the reply after the final dot answers DATA.
    const auto checks = run_steps(kSendStep + R"(checks = [
    { check = "reply", device = "laptop", command = "MAIL", line = "250 2.1.0 Ok" },
    { check = "reply", device = "laptop", command = "RCPT", line = "250 2.1.5 Ok" },
    { check = "reply", device = "laptop", command = "RCPT", starts = "250 2.1.0", present = false },
    { check = "reply", device = "laptop", command = "DATA", starts = "354 " },
    { check = "reply", device = "laptop", command = "DATA", starts = "250 2.0.0 Ok: queued" },
    { check = "reply", server = "mail.example.net", command = "MAIL", line = "250 2.1.0 Ok" },
]
)");
    require_all_pass(checks, 6);
}

TEST_CASE("a reply marks what it answers, a Bcc recipient is in the envelope only") {
    const auto checks = run_steps(R"(
[[steps]]
title = "Reply"
narration = "Bob answers the coffee question and copies himself blindly."
actions = [
    { do = "imap-sync", device = "laptop" },
    { do = "send", device = "laptop", from = "bob@example.net", to = ["alice@example.org"], bcc = ["bob@example.net"], subject = "Re: Coffee?", body = "Yes.", answers = "Coffee" },
]
checks = [
    { check = "has-flag", server = "mail.example.net", account = "bob", subject = "Coffee?", flag = "\\Answered" },
    { check = "device-has-flag", device = "laptop", subject = "Coffee?", flag = "\\Answered" },
    { check = "message-contains", server = "mail.example.net", account = "bob", subject = "Re: Coffee?", text = "To: alice@example.org" },
    { check = "message-contains", server = "mail.example.net", account = "bob", subject = "Re: Coffee?", text = "Bcc", present = false },
]
)");
    require_all_pass(checks, 4);
}

TEST_CASE("a packet check opens the packet that carried a command, layer by layer") {
    const auto checks = run_steps(kSendStep + R"(checks = [
    { check = "packet", device = "laptop", command = "EHLO", port = 587, tls = false },
    { check = "packet", device = "laptop", command = "MAIL", port = 587, tls = true },
    { check = "packet", device = "laptop", command = "MAIL", port = 587, tls = false },
    { check = "packet", device = "laptop", command = "MAIL", port = 25 },
    { check = "packet", device = "laptop", command = "RETR", port = 587 },
]
)");
    REQUIRE(checks.size() == 5);
    CHECK(checks[0].passed);
    CHECK(checks[0].claim.ends_with(" · TLS: none, in the clear · SMTP: EHLO laptop"));
    CHECK(checks[1].passed);
    CHECK(checks[1].claim.rfind("IP 198.51.100.20 → 192.0.2.20 · TCP port ", 0) == 0);
    CHECK(checks[1].claim.find(
              " → 587 · TLS: encrypted records · SMTP: MAIL FROM:<bob@example.net>") !=
          std::string::npos);
    CHECK_FALSE(checks[2].passed);
    CHECK_FALSE(checks[3].passed);
    CHECK_FALSE(checks[4].passed);
    CHECK(checks[4].detail == "laptop sent no RETR during this step");
}
