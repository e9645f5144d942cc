#include "protocols/mta/queue_directory.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "mta_test_support.hpp"
#include "protocols/mta/queue_file.hpp"
#include "queue_dir_support.hpp"

using namespace maillab::test::mta;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& file, std::string_view bytes) {
    std::ofstream out{file, std::ios::binary};
    out << bytes;
}

// Queues a message for bob@example.net and delivers it at once.
void deliver_one(Queue& queue) {
    const QueueId id = add(queue, envelope("", {rcpt("bob@example.net")}), 0);
    queue.due(0);
    queue.record_result(id, "example.net", results({{"bob@example.net", "250 ok"}}), 0);
}

}  // namespace

TEST_CASE("an enqueued message is on disk before enqueue returns") {
    TempDir dir{"enqueue"};
    auto opened = Queue::open(dir.path());
    REQUIRE(opened.error.empty());
    REQUIRE(opened.queue.persistent());
    const auto queued =
        opened.queue.enqueue(envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    REQUIRE(queued.ok());
    REQUIRE(names_in(dir.path()) == std::vector<std::string>{"00000001"});
    REQUIRE(fs::is_directory(dir.path() / "corrupt"));
}

TEST_CASE("a reloaded queue has the same entries and state") {
    TempDir dir{"reload"};
    std::map<QueueId, QueueEntry> before;
    QueueId a = 0;
    {
        auto opened = Queue::open(dir.path());
        Queue& queue = opened.queue;
        a = add(queue,
                envelope("alice@example.org", {rcpt("bob@example.net"), rcpt("carol@example.com")}),
                0);
        queue.enqueue(envelope("", {rcpt("alice@example.org", "NEVER")}), 5);
        queue.due(10);
        queue.record_result(a, "example.net", results({{"bob@example.net", "451 4.3.0 try later"}}),
                            20);
        before = queue.entries();
    }
    auto reopened = Queue::open(dir.path());
    REQUIRE(reopened.notes.empty());
    // What a result decided is on disk: bob's deferral, with its attempt.
    const auto& after = reopened.queue.entries();
    REQUIRE(after.size() == before.size());
    const auto& bob = after.at(a).envelope.recipients.at(0);
    CHECK(bob.attempts == 1);
    CHECK(bob.reply == before.at(a).envelope.recipients.at(0).reply);
    CHECK(bob.next_attempt == before.at(a).envelope.recipients.at(0).next_attempt);
    // An attempt is saved with the next result for its entry, not when it starts: the
    // second entry's attempt (in flight, no result yet) is not on disk, and a crash makes
    // it again.
    const QueueId second = a + 1;
    CHECK(before.at(second).envelope.recipients.at(0).attempts == 1);
    CHECK(after.at(second).envelope.recipients.at(0).attempts == 0);
    CHECK(after.at(second).envelope.recipients.at(0).state == RecipientState::Pending);
    CHECK(after.at(a).envelope.message == before.at(a).envelope.message);
    // The id counter continues after the highest id found.
    const auto next =
        reopened.queue.enqueue(envelope("x@example.org", {rcpt("y@example.net")}), 30);
    REQUIRE(next.id == 3);
    // Deliveries that were in flight at the "crash" are due again.
    const auto due = reopened.queue.due(30);
    REQUIRE(due.deliveries.size() == 3);
}

TEST_CASE("finished entries are removed from disk") {
    TempDir dir{"finish"};
    auto opened = Queue::open(dir.path());
    deliver_one(opened.queue);
    // The file stays as a spare for the next entry to write over.
    REQUIRE(names_in(dir.path()) == std::vector<std::string>{"00000001.spare"});
    auto reopened = Queue::open(dir.path());
    REQUIRE(reopened.queue.size() == 0);
    CHECK(reopened.notes.empty());
    CHECK(names_in(dir.path()).empty());  // spares do not outlive the process
    // Numbering goes on after the highest id seen, spares included.
    CHECK(add(reopened.queue, envelope("", {rcpt("bob@example.net")}), 0) == 2);
}

TEST_CASE("a new entry is written into a finished entry's spare file") {
    TempDir dir{"spare"};
    auto opened = Queue::open(dir.path());
    deliver_one(opened.queue);
    struct stat before {};
    REQUIRE(::stat((dir.path() / "00000001.spare").c_str(), &before) == 0);

    // Shorter than the first: nothing of the old entry may remain past its end.
    const QueueId second = add(opened.queue, envelope("", {rcpt("c@example.net")}), 0);
    REQUIRE(names_in(dir.path()) == std::vector<std::string>{"00000002"});
    struct stat after {};
    REQUIRE(::stat((dir.path() / "00000002").c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);  // the same file, no new inode
    // It holds the new entry and nothing of the old one.
    auto reopened = Queue::open(dir.path());
    REQUIRE(reopened.queue.size() == 1);
    REQUIRE(reopened.queue.find(second) != nullptr);
    CHECK(reopened.queue.find(second)->envelope.recipients[0].address == "c@example.net");
    CHECK(reopened.queue.find(second)->envelope.message == kMessage);
    CHECK(reopened.notes.empty());
}

TEST_CASE("crash during a write: the temp file is ignored and cleaned up") {
    TempDir dir{"crash"};
    {
        auto opened = Queue::open(dir.path());
        opened.queue.enqueue(envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    }
    const std::string intact = [&] {
        std::ifstream in{dir.path() / "00000001", std::ios::binary};
        return std::string{std::istreambuf_iterator<char>{in}, {}};
    }();
    // A half-written update of entry 1 and of an entry never renamed into place.
    write_file(dir.path() / "00000001.tmp", intact.substr(0, intact.size() / 2));
    write_file(dir.path() / "00000002.tmp", "maillab-queue 1\nid: 00");

    auto reopened = Queue::open(dir.path());
    REQUIRE(reopened.queue.size() == 1);
    REQUIRE(reopened.queue.find(1)->envelope.message == kMessage);
    REQUIRE(reopened.notes.size() == 2);
    REQUIRE(reopened.notes[0].rfind("removed 00000001.tmp: an unfinished write", 0) == 0);
    REQUIRE(names_in(dir.path()) == std::vector<std::string>{"00000001"});
}

TEST_CASE("a corrupted or truncated file is moved aside, the rest loads") {
    TempDir dir{"corrupt"};
    {
        auto opened = Queue::open(dir.path());
        for (int i = 0; i < 3; ++i) {
            opened.queue.enqueue(envelope("alice@example.org", {rcpt("bob@example.net")}), i);
        }
    }
    const fs::path second = dir.path() / "00000002";
    const auto size = fs::file_size(second);
    fs::resize_file(second, size - 4);  // truncated
    write_file(dir.path() / "00000003", std::string{"\x00\xFFgarbage\n", 10});
    write_file(dir.path() / "README", "not ours");

    auto reopened = Queue::open(dir.path());
    REQUIRE(reopened.queue.size() == 1);
    REQUIRE(reopened.queue.find(1) != nullptr);
    REQUIRE(reopened.notes.size() == 3);
    REQUIRE(reopened.notes[0].find("queue file 00000002 is damaged") == 0);
    REQUIRE(reopened.notes[0].find("(truncated)") != std::string::npos);
    REQUIRE(reopened.notes[0].find("moved to corrupt/00000002") != std::string::npos);
    REQUIRE(reopened.notes[1].find("queue file 00000003 is damaged (line 1: not a maillab queue "
                                   "file); moved to corrupt/00000003") == 0);
    REQUIRE(reopened.notes[2] == "ignored README: not a queue file name");
    REQUIRE(names_in(dir.path() / "corrupt") == std::vector<std::string>{"00000002", "00000003"});
    // New mail never reuses the id of a file that was moved aside.
    REQUIRE(reopened.queue.enqueue(envelope("a@example.org", {rcpt("b@example.net")}), 9).id == 4);
}

TEST_CASE("a file whose id differs from its name is moved aside") {
    TempDir dir{"mismatch"};
    QueueDirectory directory{dir.path()};
    REQUIRE(directory.open().empty());
    QueueEntry entry{envelope("alice@example.org", {rcpt("bob@example.net")}), -1};
    entry.envelope.id = 7;
    write_file(dir.path() / "00000008", serialize_queue_entry(entry));
    const auto loaded = directory.load();
    REQUIRE(loaded.entries.empty());
    REQUIRE(loaded.notes.at(0).find("its id does not match its file name") != std::string::npos);
}

TEST_CASE("a queue file over kMaxQueueFileOctets is not read but moved aside") {
    TempDir dir{"huge"};
    QueueDirectory directory{dir.path()};
    REQUIRE(directory.open().empty());
    write_file(dir.path() / "00000009", "maillab-queue 1\n");
    fs::resize_file(dir.path() / "00000009", kMaxQueueFileOctets + 1);  // sparse: cheap
    const auto loaded = directory.load();
    REQUIRE(loaded.entries.empty());
    REQUIRE(loaded.notes.at(0) ==
            "queue file 00000009 is damaged (file too large); moved to corrupt/00000009");
    REQUIRE(loaded.highest_id == 9);
}

TEST_CASE("every acknowledged entry reloads") {
    TempDir dir{"acked"};
    std::vector<QueueId> acknowledged;
    {
        auto opened = Queue::open(dir.path());
        for (int i = 0; i < 50; ++i) {
            const auto queued = opened.queue.enqueue(
                envelope("alice@example.org", {rcpt("user" + std::to_string(i) + "@example.net")}),
                i);
            if (queued.ok()) acknowledged.push_back(queued.id);  // the caller says 250 only now
        }
    }
    REQUIRE(acknowledged.size() == 50);
    auto reopened = Queue::open(dir.path());
    for (QueueId id : acknowledged)
        REQUIRE(reopened.queue.find(id) != nullptr);
}

TEST_CASE("an unwritable queue directory refuses the message instead of losing it") {
    if (::geteuid() == 0) {
        // root ignores permissions; use a path where a file blocks the directory.
        TempDir dir{"blocked"};
        fs::create_directories(dir.path());
        write_file(dir.path() / "queue", "a file, not a directory");
        REQUIRE_FALSE(Queue::open(dir.path() / "queue").error.empty());
        auto opened = Queue::open(dir.path() / "q");
        REQUIRE(opened.error.empty());
        fs::remove_all(dir.path() / "q");
        const auto queued =
            opened.queue.enqueue(envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
        REQUIRE_FALSE(queued.ok());
        REQUIRE(queued.changes.at(0).kind == ChangeKind::StorageError);
        REQUIRE(opened.queue.size() == 0);
        return;
    }
    TempDir dir{"readonly"};
    auto opened = Queue::open(dir.path());
    fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
    const auto queued =
        opened.queue.enqueue(envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    fs::permissions(dir.path(), fs::perms::owner_all);
    REQUIRE_FALSE(queued.ok());
    REQUIRE(opened.queue.size() == 0);
}
