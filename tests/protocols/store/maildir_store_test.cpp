// MaildirStore on disk: persistence across restarts, the files it writes,
// and re-scans that pick up what other programs did to the Maildir.
#include <catch2/catch.hpp>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "protocols/store/maildir_layout.hpp"
#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> files_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path file_holding(const fs::path& directory, const std::string& bytes) {
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (read_file(entry.path()) == bytes) return entry.path();
    }
    return {};
}

}  // namespace

TEST_CASE("UIDs, flags, UIDVALIDITY and keywords survive reopening a MaildirStore",
          "[store][maildir]") {
    MaildirFixture fixture;
    MailStore* store = fixture.store.get();
    REQUIRE(store->create_mailbox("alice", "Lists/C++").ok());
    REQUIRE(store->append("alice", "INBOX", sample_message("a"), {}, 1'600'000'000).ok());
    REQUIRE(store
                ->append("alice", "INBOX", sample_message("b"),
                         flags_of({SystemFlag::Seen, SystemFlag::Answered}, {"$Label2", "Work"}),
                         1'600'000'100)
                .ok());
    REQUIRE(store->append("alice", "INBOX", sample_message("c"), {}, 1'600'000'200).ok());
    REQUIRE(
        store->copy("alice", "INBOX", {2}, "INBOX", 1'600'000'300).ok());  // a save date of its own
    REQUIRE(store->expunge("alice", "INBOX", {1}).ok());
    REQUIRE(store->set_subscribed("alice", "Lists/C++", true).ok());
    const auto status = store->status("alice", "INBOX").value();
    const auto messages = store->messages("alice", "INBOX").value();
    const auto lists = store->status("alice", "Lists/C++").value();

    fixture.reopen();
    store = fixture.store.get();
    CHECK(store->messages("alice", "INBOX").value() == messages);
    const auto again = store->status("alice", "INBOX").value();
    CHECK(again.uidvalidity == status.uidvalidity);
    CHECK(again.uidnext == status.uidnext);
    CHECK(again.highest_modseq == status.highest_modseq);
    CHECK(again.keywords == status.keywords);
    CHECK(store->status("alice", "Lists/C++").value().uidvalidity == lists.uidvalidity);
    CHECK(store->read_message("alice", "INBOX", 2).value() == sample_message("b"));
    const auto list = store->list_mailboxes("alice").value();
    const auto sent = std::find_if(list.begin(), list.end(),
                                   [](const MailboxInfo& i) { return i.name == "Sent"; });
    REQUIRE(sent != list.end());
    CHECK(sent->special_use == SpecialUse::Sent);
    const auto names = store->subscriptions("alice").value();
    CHECK(std::find(names.begin(), names.end(), "Lists/C++") != names.end());
    CHECK(store->messages("alice", "INBOX").value().back().saved_at == 1'600'000'300);
    CHECK(store->append("alice", "INBOX", sample_message("d"), {}, 1).value() == 5);
}

TEST_CASE("a version 1 uidlist is read with internal dates as save dates and written anew",
          "[store][maildir]") {
    MaildirFixture fixture;
    REQUIRE(fixture.store->append("alice", "INBOX", sample_message("a"), {}, 1'600'000'000).ok());
    const fs::path uidlist = fixture.dir.path() / "alice" / "maillab-uidlist";
    const std::string v2 = read_file(uidlist);
    REQUIRE(v2.starts_with("maillab-uidlist 2\n"));
    // The same list as version 1 wrote it: no save-date column.
    std::string v1 = v2;
    v1.replace(0, 17, "maillab-uidlist 1");
    const std::size_t dates = v1.find(" 1600000000 1600000000 ");
    REQUIRE(dates != std::string::npos);
    v1.erase(dates, 11);
    fixture.store.reset();
    write_file(uidlist, v1);

    fixture.reopen();
    const auto before = fixture.store->messages("alice", "INBOX").value();
    REQUIRE(before.size() == 1);
    CHECK(before[0].uid == 1);
    CHECK(before[0].saved_at == 1'600'000'000);
    REQUIRE(fixture.store->copy("alice", "INBOX", {1}, "INBOX", 1'700'000'000).ok());
    CHECK(read_file(uidlist).starts_with("maillab-uidlist 2\n"));
    fixture.reopen();
    const auto after = fixture.store->messages("alice", "INBOX").value();
    REQUIRE(after.size() == 2);
    CHECK(after[0] == before[0]);
    CHECK(after[1].saved_at == 1'700'000'000);
}

TEST_CASE("MaildirStore writes the Maildir++ layout", "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "v1.2/x%").ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("plain"), {}, 1'650'000'000).ok());
    REQUIRE(store
                .append("alice", "INBOX", sample_message("flagged"),
                        flags_of({SystemFlag::Seen, SystemFlag::Flagged, SystemFlag::Draft},
                                 {"$Forwarded", "Work"}),
                        1'650'000'000)
                .ok());
    const fs::path account = fixture.dir.path() / "alice";
    const auto entries = files_in(account);
    for (const char* expected :
         {".Archive", ".Drafts", ".Junk", ".Sent", ".Trash", ".v1%2E2.x%25", "cur", "new", "tmp",
          "subscriptions", "maillab-uidlist", "dovecot-keywords"}) {
        INFO(expected);
        CHECK(std::find(entries.begin(), entries.end(), expected) != entries.end());
    }
    CHECK(files_in(account / "tmp").empty());
    const auto fresh = files_in(account / "new");
    REQUIRE(fresh.size() == 1);
    CHECK(fresh[0].find(':') == std::string::npos);
    CHECK(fresh[0].find(",S=" + std::to_string(sample_message("plain").size())) !=
          std::string::npos);
    CHECK(fs::last_write_time(account / "new" / fresh[0]) ==
          fs::file_time_type::clock::from_sys(
              std::chrono::sys_seconds{std::chrono::seconds{1'650'000'000}}));
    const auto seen = files_in(account / "cur");
    REQUIRE(seen.size() == 1);
    // D F P S in ASCII order, then "Work" as the keyword letter 'b' ($Forwarded took 'a').
    CHECK(seen[0].substr(seen[0].size() - 8) == ":2,DFPSb");

    REQUIRE(
        store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({SystemFlag::Seen})}).ok());
    CHECK(files_in(account / "new").empty());
    CHECK(files_in(account / "cur").size() == 2);
}

TEST_CASE("mailbox names cannot escape the Maildir root", "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    for (const char* name : {"../../etc", "..", "a/../..", "/tmp/x"}) {
        CHECK(store.create_mailbox("alice", name).code() == StoreErrorCode::InvalidName);
        CHECK(store.rename_mailbox("alice", "Sent", name).code() == StoreErrorCode::InvalidName);
    }
    CHECK(files_in(fixture.dir.path()) == std::vector<std::string>{"alice"});
    CHECK(
        store.create_mailbox("alice", "..hidden/..x..").ok());  // dots inside a component are fine
    CHECK(fs::is_directory(fixture.dir.path() / "alice" / ".%2E%2Ehidden.%2E%2Ex%2E%2E" / "cur"));
}

TEST_CASE("a mailbox whose directories are unchanged since a settled scan is not listed again",
          "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), {}, 100).ok());
    const fs::path inbox = fixture.dir.path() / "alice";
    age_maildir(inbox);
    REQUIRE(store.messages("alice", "INBOX").value().size() == 1);  // scans, stamp now settled

    // A file slipped in without moving the directory times: the store does not list
    // new/ again, which is what makes commands on a large mailbox cheap.
    write_file(inbox / "new" / "1700000000.unseen.host", sample_message("unseen"));
    age_maildir(inbox);
    CHECK(store.messages("alice", "INBOX").value().size() == 1);

    // Any real change moves the times on: the next look lists both new files.
    write_file(inbox / "new" / "1700000001.seen.host", sample_message("seen"));
    CHECK(store.messages("alice", "INBOX").value().size() == 3);
}

namespace {

// The wall clock as the store under test sees it: the real one, moved on by the test.
std::time_t g_clock_ahead_seconds = 0;
timespec test_clock() {
    timespec now = maildir::wall_clock_now();
    now.tv_sec += g_clock_ahead_seconds;
    return now;
}

struct ClockedMaildir : MaildirFixture {
    ClockedMaildir() {
        g_clock_ahead_seconds = 0;
        static_cast<MaildirStore&>(*store).set_wall_clock(test_clock);
    }
    ~ClockedMaildir() { g_clock_ahead_seconds = 0; }
};

// Puts new/'s time back to `recent` after a change, as a second change in the same
// clock tick would leave it.
void hide_change(const fs::path& maildir, const struct stat& recent) {
    const timespec same_tick[2] = {recent.st_atim, recent.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, (maildir / "new").c_str(), same_tick, 0) == 0);
}

}  // namespace

TEST_CASE("a change hidden in the clock tick of the last listing shows up within a second",
          "[store][maildir]") {
    ClockedMaildir fixture;
    MailStore& store = *fixture.store;
    const fs::path inbox = fixture.dir.path() / "alice";
    REQUIRE(store.messages("alice", "INBOX").value().empty());
    write_file(inbox / "new" / "1700000002.third.host", sample_message("third"));
    struct stat recent {};
    REQUIRE(::stat((inbox / "new").c_str(), &recent) == 0);
    CHECK(store.messages("alice", "INBOX").value().size() == 1);  // listed, stamp recent

    write_file(inbox / "new" / "1700000003.fourth.host", sample_message("fourth"));
    hide_change(inbox, recent);
    // The recent listing is trusted for less than a second...
    CHECK(store.messages("alice", "INBOX").value().size() == 1);
    // ...then the mailbox is listed again and the hidden file is found.
    g_clock_ahead_seconds = 2;
    CHECK(store.messages("alice", "INBOX").value().size() == 2);
}

TEST_CASE("the store's own changes do not make it list the mailbox again", "[store][maildir]") {
    ClockedMaildir fixture;
    MailStore& store = *fixture.store;
    const fs::path inbox = fixture.dir.path() / "alice";
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), {}, 100).ok());
    REQUIRE(store.messages("alice", "INBOX").value().size() == 1);  // the listing is known

    // A file another program drops in and hides in the same clock tick as the
    // store's own next delivery stays unseen while the listing is young: proof
    // that deliveries, flag changes and expunges are not followed by a listing.
    struct stat before {};
    REQUIRE(store.append("alice", "INBOX", sample_message("two"), {}, 200).ok());
    REQUIRE(::stat((inbox / "new").c_str(), &before) == 0);
    write_file(inbox / "new" / "1700000004.hidden.host", sample_message("hidden"));
    hide_change(inbox, before);
    CHECK(store.messages("alice", "INBOX").value().size() == 2);
    REQUIRE(
        store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({SystemFlag::Seen})}).ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("three"), {}, 300).ok());
    const auto young = store.messages("alice", "INBOX").value();
    REQUIRE(young.size() == 3);
    CHECK(young[0].flags == flags_of({SystemFlag::Seen}));

    // A second later the store lists the mailbox again and numbers the stranger.
    g_clock_ahead_seconds = 2;
    const auto listed = store.messages("alice", "INBOX").value();
    REQUIRE(listed.size() == 4);
    CHECK(listed[3].uid == 4);
    CHECK(store.read_message("alice", "INBOX", 4).value() == sample_message("hidden"));
}

namespace {

std::size_t lines_in(const fs::path& file) {
    const std::string text = read_file(file);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("changes are appended to the uidlist, which is written whole now and then",
          "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    const fs::path uidlist = fixture.dir.path() / "alice" / "maillab-uidlist";
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), {}, 100).ok());
    const std::size_t whole = lines_in(uidlist);  // header, counters, one record

    // One line per delivery, flag change or expunge: nothing is rewritten.
    REQUIRE(store.append("alice", "INBOX", sample_message("two"), {}, 200).ok());
    REQUIRE(
        store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({SystemFlag::Seen})}).ok());
    REQUIRE(store.expunge("alice", "INBOX", {2}).ok());
    CHECK(lines_in(uidlist) == whole + 3);
    CHECK(read_file(uidlist).find("\n- ") != std::string::npos);

    // Another store (another process) reads the appended lines...
    MaildirStore other_process(fixture.accounts, fixture.dir.path());
    MailStore& second = other_process;
    const auto seen_by_second = second.messages("alice", "INBOX").value();
    REQUIRE(seen_by_second.size() == 1);
    CHECK(seen_by_second[0].flags == flags_of({SystemFlag::Seen}));
    // ...and when it writes, the first store no longer appends to a file it did not
    // leave that way: it writes the whole list (both stores' records) again.
    REQUIRE(second.append("alice", "INBOX", sample_message("three"), {}, 300).ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("four"), {}, 400).ok());
    fixture.reopen();
    const auto reopened = fixture.store->messages("alice", "INBOX").value();
    REQUIRE(reopened.size() == 3);
    CHECK(reopened[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(reopened[1].uid == 3);
    CHECK(reopened[2].uid == 4);

    // Past 1,024 appended lines (more than the records), the list is written whole.
    for (int i = 0; i <= 1100; ++i) {  // ends with an Add
        REQUIRE(fixture.store
                    ->store_flags(
                        "alice", "INBOX", {3},
                        {i % 2 ? FlagOp::Remove : FlagOp::Add, flags_of({SystemFlag::Flagged})})
                    .ok());
    }
    CHECK(lines_in(uidlist) < 1100);
    fixture.reopen();
    CHECK(fixture.store->messages("alice", "INBOX").value()[1].flags ==
          flags_of({SystemFlag::Flagged}));
}

TEST_CASE("a rescan picks up what other programs changed", "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), {}, 100).ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("two"), {}, 200).ok());
    std::vector<Change> changes;
    auto subscription = store.notifier().subscribe("alice", "INBOX",
                                                   [&](const Change& c) { changes.push_back(c); });
    const fs::path inbox = fixture.dir.path() / "alice";
    const ModSeq before = store.status("alice", "INBOX").value().highest_modseq;

    // A delivery agent drops a file into new/, a half-written one sits in tmp/.
    write_file(inbox / "new" / "1700000000.external.host", sample_message("dropped"));
    write_file(inbox / "tmp" / "1700000001.partial.host", "From: half");
    // mutt marks message 1 as seen (rename to cur/ with :2,S) and deletes message 2.
    const fs::path one = file_holding(inbox / "new", sample_message("one"));
    const fs::path two = file_holding(inbox / "new", sample_message("two"));
    REQUIRE((!one.empty() && !two.empty()));
    fs::rename(one, inbox / "cur" / (one.filename().string() + ":2,S"));
    fs::remove(two);

    const auto list = store.messages("alice", "INBOX").value();
    REQUIRE(list.size() == 2);
    CHECK(list[0].uid == 1);
    CHECK(list[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(list[0].modseq > before);
    CHECK(list[1].uid == 3);
    CHECK(list[1].size == sample_message("dropped").size());
    CHECK(store.read_message("alice", "INBOX", 3).value() == sample_message("dropped"));
    CHECK(store.status("alice", "INBOX").value().uidnext == 4);

    REQUIRE(changes.size() == 3);
    for (const auto& change : changes)
        CHECK(change.origin == kExternalOrigin);
    CHECK(changes[0].kind == ChangeKind::FlagsChanged);
    CHECK(changes[1].kind == ChangeKind::Expunged);
    CHECK(changes[1].uid == 2);
    CHECK(changes[2].kind == ChangeKind::Appended);
    CHECK(changes[2].uid == 3);

    // Flags changed while the store was closed are noticed on reopening.
    const auto seen = files_in(inbox / "cur");
    REQUIRE(seen.size() == 1);
    fixture.reopen();
    fs::rename(inbox / "cur" / seen[0], inbox / "cur" / (seen[0] + "F"));
    CHECK(fixture.store->messages("alice", "INBOX").value()[0].flags ==
          flags_of({SystemFlag::Seen, SystemFlag::Flagged}));
}

TEST_CASE("folders made or removed by other programs appear and disappear", "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.list_mailboxes("alice").ok());
    const fs::path account = fixture.dir.path() / "alice";
    for (const char* sub : {"cur", "new", "tmp"})
        fs::create_directories(account / ".mutt.made" / sub);
    write_file(account / ".mutt.made" / "cur" / "1.x.host:2,S", sample_message("m"));
    fs::create_directories(account / ".not-a-maildir");
    fs::remove_all(account / ".Junk");

    const auto list = store.list_mailboxes("alice").value();
    const auto has = [&](const std::string& name) {
        return std::any_of(list.begin(), list.end(),
                           [&](const MailboxInfo& i) { return i.name == name; });
    };
    CHECK(has("mutt/made"));
    CHECK_FALSE(has("Junk"));
    CHECK_FALSE(has("not-a-maildir"));
    const auto made = store.messages("alice", "mutt/made").value();
    REQUIRE(made.size() == 1);
    CHECK(made[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(store.status("alice", "mutt/made").value().uidvalidity != 0);
}

TEST_CASE("two MaildirStores on one directory agree on UIDs", "[store][maildir]") {
    MaildirFixture fixture;
    REQUIRE(fixture.store->status("alice", "INBOX").ok());
    MaildirStore other(fixture.accounts, fixture.dir.path());
    REQUIRE(other.status("alice", "INBOX").ok());
    MailStore& second = other;

    REQUIRE(fixture.store->append("alice", "INBOX", sample_message("from-first"), {}, 10).ok());
    REQUIRE(fixture.store->append("alice", "INBOX", sample_message("again-first"), {}, 5).ok());
    // The second store numbers the new files as the first one did, not by mtime.
    const auto seen = second.messages("alice", "INBOX").value();
    REQUIRE(seen.size() == 2);
    CHECK(second.read_message("alice", "INBOX", 1).value() == sample_message("from-first"));
    CHECK(second.read_message("alice", "INBOX", 2).value() == sample_message("again-first"));

    CHECK(second.append("alice", "INBOX", sample_message("from-second"), {}, 1).value() == 3);
    REQUIRE(second.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({SystemFlag::Seen})})
                .ok());
    const auto first_view = fixture.store->messages("alice", "INBOX").value();
    REQUIRE(first_view.size() == 3);
    CHECK(first_view[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(fixture.store->read_message("alice", "INBOX", 3).value() ==
          sample_message("from-second"));
    CHECK(fixture.store->status("alice", "INBOX").value().uidnext == 4);
}

TEST_CASE("a MaildirStore creates its root directory when needed", "[store][maildir]") {
    TempDir dir;
    AccountDirectory accounts = test_accounts();
    MaildirStore store(accounts, dir.path() / "not" / "yet");
    REQUIRE(store.append("alice", "INBOX", sample_message("x"), {}, 1, kExternalOrigin).ok());
    CHECK(fs::is_directory(dir.path() / "not" / "yet" / "alice" / "new"));
    CHECK(store.account_directory("alice") == dir.path() / "not" / "yet" / "alice");
}

TEST_CASE("what the first look at a Maildir finds is its state, not a change", "[store][maildir]") {
    TempDir dir;
    const AccountDirectory accounts = test_accounts();
    const fs::path inbox = dir.path() / "alice";
    for (const auto* sub : {"new", "cur", "tmp"})
        fs::create_directories(inbox / sub);
    constexpr int kFiles = 50;
    for (int i = 0; i < kFiles; ++i) {
        write_file(inbox / "cur" / ("17000000" + std::to_string(i) + ".filled.host:2,S"),
                   sample_message("filled " + std::to_string(i)));
    }
    MaildirStore store(accounts, dir.path());
    std::vector<Change> changes;
    auto subscription = store.notifier().subscribe("alice", "INBOX",
                                                   [&](const Change& c) { changes.push_back(c); });

    CHECK(store.status("alice", "INBOX").value().messages == kFiles);
    CHECK(store.messages("alice", "INBOX").value().size() == kFiles);
    CHECK(changes.empty());

    write_file(inbox / "new" / "1800000000.later.host", sample_message("later"));
    CHECK(store.messages("alice", "INBOX").value().size() == kFiles + 1);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::Appended);
    CHECK(changes[0].uid == kFiles + 1);
}

TEST_CASE("reading a message finds files other programs renamed or added since the last scan",
          "[store][maildir]") {
    MaildirFixture fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), {}, 100).ok());
    const fs::path inbox = fixture.dir.path() / "alice";
    REQUIRE(store.messages("alice", "INBOX").value().size() == 1);

    // mutt marks it seen (a rename), then a delivery agent drops a new file: read_message
    // is the first call after both, with no listing in between.
    const fs::path one = file_holding(inbox / "new", sample_message("one"));
    REQUIRE(!one.empty());
    fs::rename(one, inbox / "cur" / (one.filename().string() + ":2,S"));
    CHECK(store.read_message("alice", "INBOX", 1).value() == sample_message("one"));
    write_file(inbox / "new" / "1700000000.dropped.host", sample_message("dropped"));
    CHECK(store.read_message("alice", "INBOX", 2).value() == sample_message("dropped"));
    CHECK(store.read_message("alice", "INBOX", 3).code() == StoreErrorCode::NoSuchMessage);
}
