// The window's controls act on the world behind a lesson: each action is
// appended to the trace like a scripted one and changes what the world does.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "cli/lesson_controls.hpp"
#include "sim/lesson/lesson_list.hpp"
#include "sim/state/world_state.hpp"

using namespace maillab;
using namespace maillab::sim;

namespace {

lesson::LessonSpec load(const std::string& id) {
    const char* src = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(src != nullptr);
    auto result = lesson::load_lesson(std::filesystem::path{src} / "lessons" / (id + ".toml"));
    REQUIRE(result.ok());
    return *result.lesson;
}

WorldState fold(const Trace& trace) {
    WorldState state;
    for (const auto& e : trace.events())
        state.apply(trace, e);
    return state;
}

std::size_t count(const Trace& trace, std::size_t from, EventKind kind) {
    std::size_t n = 0;
    for (std::size_t i = from; i < trace.size(); ++i)
        n += trace[i].kind == kind;
    return n;
}

}  // namespace

TEST_CASE("controls: a device sends a message from the window and it is delivered") {
    LessonRun run{load("smtp-basics"), 1};
    while (!run.finished())
        run.run_step();
    cli::LessonControls controls{run};
    REQUIRE(controls.devices() == std::vector<std::string>{"laptop"});
    REQUIRE(controls.address_of("laptop") == "alice@example.org");
    const auto server = *run.world().net().find_host("mail.example.org");
    const std::size_t before = fold(run.trace()).mailbox_size(server, "bob/INBOX");

    const std::size_t first = controls.send("laptop", "bob@example.org", "From the window", "Hi");
    REQUIRE(first < run.trace().size());
    CHECK(run.trace().payload(run.trace()[first]).find("from the window") == 0);
    CHECK(count(run.trace(), first, EventKind::Command) > 0);
    CHECK(fold(run.trace()).mailbox_size(server, "bob/INBOX") == before + 1);
}

TEST_CASE("controls: a server taken down refuses mail until it is brought up") {
    LessonRun run{load("smtp-basics"), 1};
    cli::LessonControls controls{run};
    REQUIRE(controls.host_up("mail.example.org"));
    const std::size_t down = controls.set_host_up("mail.example.org", false);
    CHECK_FALSE(controls.host_up("mail.example.org"));
    CHECK(count(run.trace(), down, EventKind::HostDown) == 1);
    const std::size_t tried = controls.send("laptop", "bob@example.org", "Lost?", "x");
    CHECK(count(run.trace(), tried, EventKind::TcpConnectFailed) +
              count(run.trace(), tried, EventKind::TcpTimedOut) >
          0);
    controls.set_host_up("mail.example.org", true);
    CHECK(controls.host_up("mail.example.org"));
}

TEST_CASE("controls: a device goes offline, comes back and checks mail with POP3") {
    LessonRun run{load("pop3-leave-on-server"), 1};
    cli::LessonControls controls{run};
    REQUIRE(controls.host_up("laptop"));
    controls.set_host_up("laptop", false);
    CHECK_FALSE(controls.host_up("laptop"));
    controls.set_host_up("laptop", true);
    CHECK(controls.host_up("laptop"));
    const auto checks = controls.mail_checks("laptop");
    REQUIRE(std::find(checks.begin(), checks.end(), viz::MailCheck::Pop3) != checks.end());
    const std::size_t first = controls.check_mail("laptop", viz::MailCheck::Pop3);
    CHECK(count(run.trace(), first, EventKind::DeviceCopyAdded) > 0);
}

TEST_CASE("controls: a device waiting in IMAP IDLE gets mail sent meanwhile pushed to it") {
    LessonRun run{load("imap-offline"), 1};
    cli::LessonControls controls{run};
    const auto checks = controls.mail_checks("laptop");
    REQUIRE(std::find(checks.begin(), checks.end(), viz::MailCheck::ImapIdle) != checks.end());
    const std::size_t idle = controls.check_mail("laptop", viz::MailCheck::ImapIdle);
    CHECK(count(run.trace(), idle, EventKind::Command) > 0);
    const std::size_t before =
        fold(run.trace()).device_size(*run.world().net().find_host("laptop"));

    // bob-pc sends to alice: the idling laptop gets it without being asked to sync.
    const std::size_t sent = controls.send("bob-pc", "alice@example.org", "Pushed?", "Hi");
    const auto laptop = *run.world().net().find_host("laptop");
    CHECK(fold(run.trace()).device_size(laptop) == before + 1);
    bool done_sent = false;
    for (std::size_t i = sent; i < run.trace().size(); ++i) {
        const auto& e = run.trace()[i];
        if (e.kind == EventKind::Command && e.host == laptop && run.trace().payload(e) == "DONE")
            done_sent = true;
    }
    CHECK(done_sent);
}
