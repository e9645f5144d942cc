// The queue directory under a group commit: entries reach their final names
// only at a commit, entries finished before it never reach the disk as
// entries, and entries already on disk are removed only after a commit that
// succeeded.
#include <catch2/catch.hpp>

#include "mta_test_support.hpp"
#include "protocols/durable/group_commit.hpp"
#include "protocols/mta/queue_directory.hpp"
#include "queue_dir_support.hpp"

using namespace maillab::test::mta;
using maillab::protocols::durable::GroupCommit;

namespace {

using Names = std::vector<std::string>;

// A participant whose syncs fail, standing for a disk that reports an error.
class FailingDisk final : public GroupCommit::Participant {
public:
    std::string sync_files() override { return "cannot fsync: Input/output error"; }
    std::string sync_directories() override { return ""; }
    std::string after_commit(bool) override { return ""; }
};

QueueId enqueue_for_bob(Queue& queue) {
    return add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
}

void deliver(Queue& queue, QueueId id) {
    queue.due(0);
    queue.record_result(id, "example.net", results({{"bob@example.net", "250 ok"}}), 0);
}

// A queue in `name` whose writes wait for `group`.
struct DeferredQueue {
    explicit DeferredQueue(std::string_view name) : dir{name} { queue.defer_syncs_to(group); }

    TempDir dir;
    GroupCommit group;
    Queue queue = Queue::open(dir.path()).queue;
};

}  // namespace

TEST_CASE("under a group commit an entry takes its final name only at the commit") {
    DeferredQueue q{"group-write"};
    TempDir crashed{"group-write-crash"};
    int asked = 0;
    q.group.on_pending([&] { ++asked; });
    const QueueId id = enqueue_for_bob(q.queue);
    enqueue_for_bob(q.queue);

    CHECK(q.group.pending());
    CHECK(asked == 1);  // once per batch
    CHECK(names_in(q.dir.path()) == Names{"00000001.tmp", "00000002.tmp"});
    // A crash now (a copy of the directory as it is) loses both: no 250 was given yet.
    fs::copy(q.dir.path(), crashed.path(), fs::copy_options::recursive);
    auto after_crash = Queue::open(crashed.path());
    CHECK(after_crash.queue.size() == 0);
    CHECK(after_crash.notes.size() == 2);  // "removed ...tmp: an unfinished write"

    REQUIRE(q.group.commit().empty());
    CHECK_FALSE(q.group.pending());
    CHECK(names_in(q.dir.path()) == Names{"00000001", "00000002"});
    auto reopened = Queue::open(q.dir.path());
    CHECK(reopened.queue.size() == 2);
    CHECK(reopened.queue.find(id) != nullptr);
}

TEST_CASE("under a group commit an entry finished before the commit never reaches the disk") {
    DeferredQueue q{"group-finished"};
    const QueueId id = enqueue_for_bob(q.queue);
    deliver(q.queue, id);

    // Its file is kept for reuse under the spare name, never as an entry.
    CHECK(names_in(q.dir.path()) == Names{"00000001.spare"});
    REQUIRE(q.group.commit().empty());
    CHECK(names_in(q.dir.path()) == Names{"00000001.spare"});
    CHECK(Queue::open(q.dir.path()).queue.size() == 0);
}

TEST_CASE("under a group commit an entry on disk is removed only after a commit that succeeded") {
    DeferredQueue q{"group-remove"};
    const QueueId id = enqueue_for_bob(q.queue);
    REQUIRE(q.group.commit().empty());
    REQUIRE(names_in(q.dir.path()) == Names{"00000001"});

    deliver(q.queue, id);
    CHECK(q.group.pending());
    CHECK(names_in(q.dir.path()) == Names{"00000001"});  // the mail may not be safe elsewhere yet

    FailingDisk failing;
    q.group.join(failing);
    CHECK(q.group.commit().size() == 1);
    CHECK(names_in(q.dir.path()) == Names{"00000001"});  // kept: the commit did not make it safe

    q.group.leave(failing);
    q.group.note_pending();
    REQUIRE(q.group.commit().empty());
    CHECK(names_in(q.dir.path()) == Names{"00000001.spare"});
}

TEST_CASE(
    "under a group commit an entry rewritten before the commit is written once, over itself") {
    DeferredQueue q{"group-rewrite"};
    const QueueId id =
        add(q.queue, envelope("", {rcpt("bob@example.net"), rcpt("carol@example.com")}), 0);
    q.queue.due(0);
    // Bob's result rewrites the entry; carol is still waiting.
    q.queue.record_result(id, "example.net", results({{"bob@example.net", "250 ok"}}), 0);
    CHECK(names_in(q.dir.path()) == Names{"00000001.tmp"});
    REQUIRE(q.group.commit().empty());
    auto reopened = Queue::open(q.dir.path());
    REQUIRE(reopened.queue.find(id) != nullptr);
    CHECK(reopened.queue.find(id)->envelope.recipients.at(0).state == RecipientState::Delivered);
}

TEST_CASE("under a group commit an entry on disk, rewritten and finished in one batch, goes") {
    DeferredQueue q{"group-rewrite-finish"};
    const QueueId id =
        add(q.queue, envelope("", {rcpt("bob@example.net"), rcpt("carol@example.com")}), 0);
    REQUIRE(q.group.commit().empty());
    REQUIRE(names_in(q.dir.path()) == Names{"00000001"});

    q.queue.due(0);
    q.queue.record_result(id, "example.net", results({{"bob@example.net", "250 ok"}}), 0);
    q.queue.record_result(id, "example.com", results({{"carol@example.com", "250 ok"}}), 0);
    CHECK(names_in(q.dir.path()) == Names{"00000001", "00000001.spare"});  // the old version waits
    REQUIRE(q.group.commit().empty());
    CHECK(Queue::open(q.dir.path()).queue.size() == 0);
}

TEST_CASE("under a group commit an entry is named only when everyone's syncs succeeded") {
    DeferredQueue q{"group-named-last"};
    FailingDisk failing;
    q.group.join(failing);
    enqueue_for_bob(q.queue);
    CHECK(q.group.commit().size() == 1);
    CHECK(names_in(q.dir.path()) == Names{"00000001.tmp"});  // synced, but not yet named

    q.group.leave(failing);
    q.group.note_pending();
    REQUIRE(q.group.commit().empty());
    CHECK(names_in(q.dir.path()) == Names{"00000001"});
}
