// MaildirStore under a group commit: a message is readable, and known to
// other stores, as soon as append() returns; the syncs of its directory and
// of the uidlist are made by the commit.
#include <catch2/catch.hpp>
#include <fstream>

#include "protocols/durable/group_commit.hpp"
#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;
using maillab::protocols::durable::GroupCommit;
namespace fs = std::filesystem;

namespace {

// A Maildir store whose syncs wait for `group`, with alice's INBOX made and committed.
struct DeferredStore {
    DeferredStore() {
        store.defer_syncs_to(group);
        REQUIRE(mail.status("alice", "INBOX").ok());
        REQUIRE(group.commit().empty());
    }

    TempDir dir;
    const AccountDirectory accounts = test_accounts();
    GroupCommit group;
    MaildirStore store{accounts, dir.path()};
    MailStore& mail = store;  // the calls as every protocol makes them
};

}  // namespace

TEST_CASE("under a group commit a delivered message is there at once and synced at the commit",
          "[store][maildir]") {
    DeferredStore d;

    REQUIRE(d.mail.append("alice", "INBOX", sample_message("held"), {}, 10).ok());
    CHECK(d.group.pending());
    CHECK(d.mail.read_message("alice", "INBOX", 1).value() == sample_message("held"));
    // The uidlist line is written, only its fdatasync waits: another store agrees on the UID.
    MaildirStore other_store(d.accounts, d.dir.path());
    MailStore& other = other_store;
    CHECK(other.read_message("alice", "INBOX", 1).value() == sample_message("held"));
    CHECK(d.group.commit().empty());
    CHECK_FALSE(d.group.pending());
}

TEST_CASE("under a group commit a directory that cannot be synced fails the commit, not append",
          "[store][maildir]") {
    DeferredStore d;

    REQUIRE(d.mail.append("alice", "INBOX", sample_message("lost"), {}, 10).ok());
    // Before the commit, new/ turns into something that cannot be synced.
    const fs::path account = d.store.account_directory("alice");
    fs::rename(account, d.dir.path() / "moved-away");
    fs::create_directory(account);
    std::ofstream{account / "new"} << "not a directory";
    const auto errors = d.group.commit();
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().find((account / "new").string()) != std::string::npos);
}
