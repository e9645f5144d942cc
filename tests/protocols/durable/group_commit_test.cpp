// GroupCommit: every participant's files before any directory, directories
// before the after-commit steps, waiters last; one request per batch.
#include "protocols/durable/group_commit.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "protocols/durable/file_syncs.hpp"

using maillab::protocols::durable::FileSyncs;
using maillab::protocols::durable::GroupCommit;

namespace {

// Writes what it is asked to do into a shared log.
class Recorder final : public GroupCommit::Participant {
public:
    Recorder(std::string name, std::vector<std::string>& log) : name_(std::move(name)), log_(log) {}
    std::string sync_files() override {
        log_.push_back(name_ + " files");
        return fail_files_ ? name_ + " failed" : "";
    }
    std::string sync_directories() override {
        log_.push_back(name_ + " directories");
        return "";
    }
    std::string after_commit(bool durable) override {
        log_.push_back(name_ + (durable ? " after" : " after, not durable"));
        return "";
    }
    void fail_files() { fail_files_ = true; }

private:
    std::string name_;
    std::vector<std::string>& log_;
    bool fail_files_ = false;
};

// A queue and a store in one group, logging what the commit asks of them.
struct TwoWriters {
    TwoWriters() {
        group.join(queue);
        group.join(store);
        group.after_next_commit(
            [this](bool durable) { log.push_back(durable ? "reply" : "drop"); });
    }

    std::vector<std::string> log;
    GroupCommit group;
    Recorder queue{"queue", log};
    Recorder store{"store", log};
};

}  // namespace

TEST_CASE("a group commit syncs all files, then all directories, then runs what waited") {
    TwoWriters w;
    int asked = 0;
    w.group.on_pending([&] { ++asked; });  // the reply waiting asked before anyone listened
    CHECK(asked == 1);
    w.group.note_pending();
    w.group.note_pending();
    CHECK(asked == 1);  // once per batch

    CHECK(w.group.commit().empty());
    CHECK(w.log == std::vector<std::string>{"queue files", "store files", "queue directories",
                                            "store directories", "queue after", "store after",
                                            "reply"});
    CHECK_FALSE(w.group.pending());
    w.group.note_pending();
    CHECK(asked == 2);  // a new batch asks again
}

TEST_CASE("a failed sync makes the commit not durable for everyone") {
    TwoWriters w;
    w.store.fail_files();
    CHECK(w.group.commit() == std::vector<std::string>{"store failed"});
    CHECK(w.log.back() == "drop");
    CHECK(w.log[w.log.size() - 2] == "store after, not durable");
}

TEST_CASE("work deferred before anyone listens asks for a commit when someone does") {
    GroupCommit group;
    group.note_pending();
    int asked = 0;
    group.on_pending([&] { ++asked; });
    CHECK(asked == 1);
}

TEST_CASE("work deferred while a commit runs asks for the next one afterwards") {
    GroupCommit group;
    int asked = 0;
    group.on_pending([&] { ++asked; });
    group.after_next_commit([&](bool) { group.note_pending(); });
    CHECK(asked == 1);
    group.commit();
    CHECK(group.pending());
    CHECK(asked == 2);
}

TEST_CASE("deferred directory syncs fail at the commit, and are owed until one succeeds") {
    namespace fs = std::filesystem;
    const auto base = fs::temp_directory_path() / ("maillab-syncs-" + std::to_string(::getpid()));
    fs::create_directories(base);
    const auto not_a_directory = base / "file";
    std::ofstream{not_a_directory} << "x";
    FileSyncs now;
    CHECK(now.sync_directory(not_a_directory).find("cannot open directory") != std::string::npos);

    GroupCommit group;
    FileSyncs later;
    later.join(group);
    CHECK(later.sync_directory(not_a_directory).empty());
    CHECK(later.sync_directory(base / "gone").empty());  // removed before the commit: no sync owed
    CHECK(group.pending());
    const auto errors = group.commit();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find(not_a_directory.string()) != std::string::npos);

    // Still owed: the next commit tries again, and succeeds once it can.
    fs::remove(not_a_directory);
    fs::create_directory(not_a_directory);
    CHECK(group.commit().empty());
    fs::remove_all(base);
}
