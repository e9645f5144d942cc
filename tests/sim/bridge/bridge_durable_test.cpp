// The bridge under a group commit: what a server says after a deferred write
// reaches the real client only once the commit made the write durable, and
// not at all if the commit failed.
#include <catch2/catch.hpp>
#include <string>

#include "protocols/durable/group_commit.hpp"
#include "tests/sim/bridge/bridge_world.hpp"

using namespace maillab::sim;
using maillab::protocols::durable::GroupCommit;
using maillab::test::BridgeWorld;
using maillab::test::LineClient;

namespace {

constexpr std::uint16_t kStorePort = 7;

// Answers each line with "stored" after deferring a write, as a server
// storing mail under a group commit does.
class StoringSession : public maillab::test::TestSession {
public:
    explicit StoringSession(GroupCommit& group) : group_(group) {}
    void receive(std::string_view bytes) override {
        for (const char c : bytes) {
            if (c != '\n') continue;
            group_.note_pending();
            output_ += "stored\r\n";
        }
    }

private:
    GroupCommit& group_;
};

// Counts commits; its syncs fail when told to.
class Disk final : public GroupCommit::Participant {
public:
    std::string sync_files() override {
        ++commits;
        return failing ? "cannot fsync: Input/output error" : "";
    }
    std::string sync_directories() override { return ""; }
    std::string after_commit(bool) override { return ""; }

    int commits = 0;
    bool failing = false;
};

struct StoringWorld {
    StoringWorld() {
        group.join(disk);
        port = w.open({kStorePort})[0];
        w.bridge->hold_output_until_durable(group);
    }

    // The group outlives the bridge, which makes a last commit when it stops.
    GroupCommit group;
    Disk disk;
    BridgeWorld w;
    Service service{w.tcp, w.server, kStorePort, "store",
                    [this](const Connection&) { return std::make_unique<StoringSession>(group); }};
    std::uint16_t port = 0;
};

}  // namespace

TEST_CASE("bridge: an answer that rests on a deferred write leaves after the commit") {
    StoringWorld s;
    s.group.on_pending([] {});  // the test runs the commit itself
    LineClient client(s.port);
    client.send("one\r\n");
    REQUIRE(s.w.run_until([&] { return s.group.pending(); }));
    // Long enough for the answer to cross the virtual network to the bridge.
    s.w.run_until([] { return false; }, std::chrono::milliseconds{300});
    CHECK(s.group.pending());
    CHECK(client.nothing_yet());

    CHECK(s.group.commit().empty());
    const auto answer = s.w.with_client([&] { return client.read_line().value_or("?"); });
    CHECK(answer == "stored");
    CHECK(s.disk.commits == 1);
}

TEST_CASE("bridge: answers under a group commit reach the client in order") {
    StoringWorld s;
    const auto answers = s.w.with_client([&] {
        LineClient client(s.port);
        client.send("one\r\ntwo\r\n");
        std::string got = client.read_line().value_or("?");
        got += "," + client.read_line().value_or("?");
        client.send("three\r\n");
        got += "," + client.read_line().value_or("?");
        return got;
    });
    CHECK(answers == "stored,stored,stored");
    CHECK(s.disk.commits >= 1);
    CHECK_FALSE(s.group.pending());
}

TEST_CASE("bridge: a failed commit drops every connection without the answer") {
    StoringWorld s;
    s.disk.failing = true;
    const auto eof_without_answer = s.w.with_client([&] {
        LineClient client(s.port);
        client.send("one\r\n");
        return client.at_eof();
    });
    CHECK(eof_without_answer);
    CHECK(s.disk.commits >= 1);
    bool noted = false;
    for (const auto* e : s.w.events(EventKind::SessionNote))
        noted = noted || s.w.sim.trace().text(e->payload).find("write to disk failed") !=
                             std::string_view::npos;
    CHECK(noted);
}
