// A Maildir written by MaildirStore opens in real readers: Python's standard
// mailbox.Maildir and mutt (run in batch mode under script(1) for its tty).
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;
namespace fs = std::filesystem;

namespace {

bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command and returns its standard output.
std::string run(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, got);
    ::pclose(pipe);
    return output;
}

// 'text' for sh, with embedded single quotes closed, escaped and reopened.
std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (const char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

// A Maildir with three messages in INBOX (no flags; \Seen \Flagged;
// \Answered \Deleted + keyword) and one in the folder "Lists/C++".
void fill(MailStore& store) {
    REQUIRE(store.create_mailbox("alice", "Lists/C++").ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("Plain-news"), {}, 1'700'000'000).ok());
    REQUIRE(store
                .append("alice", "INBOX", sample_message("Flagged-and-seen"),
                        flags_of({SystemFlag::Seen, SystemFlag::Flagged}), 1'700'000'100)
                .ok());
    REQUIRE(store
                .append("alice", "INBOX", sample_message("Answered-trashed"),
                        flags_of({SystemFlag::Answered, SystemFlag::Deleted}, {"Work"}),
                        1'700'000'200)
                .ok());
    REQUIRE(store
                .append("alice", "Lists/C++", sample_message("List-post"),
                        flags_of({SystemFlag::Seen}), 1'700'000'300)
                .ok());
}

}  // namespace

TEST_CASE("Python's mailbox.Maildir reads what MaildirStore wrote", "[store][maildir][interop]") {
    if (!have_program("python3")) {
        WARN("python3 is not installed: skipping the Python mailbox interop test");
        return;
    }
    MaildirFixture fixture;
    fill(*fixture.store);
    const fs::path inbox = fixture.dir.path() / "alice";
    const std::string script =
        "import mailbox, sys\n"
        "box = mailbox.Maildir(sys.argv[1], factory=None, create=False)\n"
        "rows = sorted((m[\"subject\"], m.get_flags(), m.get_subdir()) for m in box)\n"
        "for subject, flags, subdir in rows: print(subject, flags or \"-\", subdir)\n"
        "print(\"folders:\", \" \".join(sorted(box.list_folders())))\n"
        "lists = box.get_folder(\"Lists.C++\")\n"
        "print(\"lists:\", \" \".join(m[\"subject\"] + \"/\" + m.get_flags() for m in lists))\n";
    const std::string output = run("python3 -c '" + script + "' '" + inbox.string() + "' 2>&1");
    CHECK(output ==
          "Answered-trashed RTa cur\n"
          "Flagged-and-seen FS cur\n"
          "Plain-news - new\n"
          "folders: Archive Drafts Junk Lists.C++ Sent Trash\n"
          "lists: List-post/S\n");
}

TEST_CASE("mutt reads what MaildirStore wrote", "[store][maildir][interop]") {
    if (!have_program("mutt") || !have_program("script")) {
        WARN("mutt or script(1) is not installed: skipping the mutt interop test");
        return;
    }
    MaildirFixture fixture;
    fill(*fixture.store);
    const fs::path work = fixture.dir.path();
    const fs::path all = work / "all.out";
    const fs::path flagged = work / "flagged.out";
    const fs::path lists = work / "lists.out";
    // Each run pipes the messages matching a pattern into a file, then quits;
    // delete=no keeps mutt from asking whether to purge the \Deleted message.
    auto pipe_matching = [&](const fs::path& folder, const std::string& pattern,
                             const fs::path& out) {
        const std::string keys = "<limit>" + pattern +
                                 "<enter><tag-pattern>~A<enter><tag-prefix><pipe-message>cat >> " +
                                 out.string() + "<enter><quit>";
        const std::string mutt =
            "mutt -n -F /dev/null -f " + folder.string() +
            " -e \"set pipe_split=no wait_key=no delete=no move=no mark_old=no\" -e 'push \"" +
            keys + "\"'";
        const std::string command = "cd " + work.string() + " && HOME=" + work.string() +
                                    " TERM=xterm timeout 30 script -qec " + shell_quote(mutt) +
                                    " /dev/null >/dev/null 2>&1";
        return std::system(command.c_str());
    };
    const fs::path inbox = work / "alice";
    CHECK(pipe_matching(inbox, "~A", all) == 0);
    CHECK(pipe_matching(inbox, "~F", flagged) == 0);
    CHECK(pipe_matching(inbox / ".Lists.C++", "~A", lists) == 0);

    const std::string everything = read_file(all);
    CHECK(count_of(everything, "Subject: ") == 3);
    CHECK(count_of(everything, "Subject: Plain-news\r\n") == 1);
    CHECK(count_of(everything, "Subject: Flagged-and-seen\r\n") == 1);
    CHECK(count_of(everything, "Subject: Answered-trashed\r\n") == 1);
    const std::string only_flagged = read_file(flagged);
    CHECK(count_of(only_flagged, "Subject: ") == 1);
    CHECK(count_of(only_flagged, "Subject: Flagged-and-seen") == 1);
    CHECK(count_of(read_file(lists), "Subject: List-post") == 1);
    // Reading did not disturb the store's view.
    CHECK(fixture.store->status("alice", "INBOX").value().messages == 3);
}
