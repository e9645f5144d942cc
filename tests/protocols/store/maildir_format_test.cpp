// The Maildir file formats on their own: folder names, flag letters, the
// keywords file and the uidlist (with its limit and corrupt inputs).
#include <catch2/catch.hpp>

#include "protocols/store/maildir_flags.hpp"
#include "protocols/store/maildir_layout.hpp"
#include "protocols/store/maildir_uidlist.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::maildir;
using namespace std::string_literals;

TEST_CASE("folder names map to Maildir++ directories and back", "[store][maildir]") {
    CHECK(folder_directory_name("INBOX").empty());
    CHECK(folder_directory_name("Sent").empty() == false);
    CHECK(folder_directory_name("a/b") == ".a.b");
    CHECK(folder_directory_name("v1.2/100%") == ".v1%2E2.100%25");
    CHECK(mailbox_from_directory_name(".v1%2E2.100%25") == "v1.2/100%");
    CHECK(mailbox_from_directory_name(".a.b") == "a/b");
    CHECK(mailbox_from_directory_name(".Entw&APw-rfe") == "Entw&APw-rfe");
    for (const char* foreign :
         {"cur", ".", "..", "...", ".a..b", ".a.", ".%2", ".%ZZ", ".%2e", ".INBOX", ".inbox"}) {
        INFO(foreign);
        CHECK_FALSE(mailbox_from_directory_name(foreign).has_value());
    }
}

TEST_CASE("message file names", "[store][maildir]") {
    CHECK(base_name("123.M4P5Q6.host,S=10:2,RS") == "123.M4P5Q6.host,S=10");
    CHECK(location_file_name("cur/123.x:2,S") == "123.x:2,S");
    CHECK(info_letters("123.M4P5Q6.host,S=10:2,RS") == "RS");
    CHECK_FALSE(info_letters("123.M4P5Q6.host,S=10").has_value());
    CHECK(safe_host_name("a/b:c") == "a\\057b\\072c");
    CHECK(unique_file_name(1700000000, 42, 7, 3, "mx", 512) == "1700000000.M42P7Q3.mx,S=512");
}

TEST_CASE("flags become sorted Maildir letters and back", "[store][maildir]") {
    const std::vector<std::string> table{"Work", "$Label1"};
    Flags flags;
    flags.set(SystemFlag::Seen).set(SystemFlag::Answered).set(SystemFlag::Deleted);
    flags.set(SystemFlag::Draft).set(SystemFlag::Flagged);
    flags.add_keyword("$Label1").add_keyword("Work").add_keyword("$Forwarded");
    flags.add_keyword("NotInTable");
    CHECK(flags_to_letters(flags, table) == "DFPRSTab");
    Flags back = letters_to_flags("DFPRSTab", table);
    flags.keywords.erase(std::find(flags.keywords.begin(), flags.keywords.end(), "NotInTable"));
    CHECK(back == flags);
    CHECK(letters_to_flags("Sxz?", table) == Flags{}.set(SystemFlag::Seen));
}

TEST_CASE("the keywords file uses Dovecot's format", "[store][maildir]") {
    const std::vector<std::string> table{"$Junk", "Work"};
    CHECK(format_keywords_file(table) == "0 $Junk\n1 Work\n");
    CHECK(parse_keywords_file("0 $Junk\n1 Work\n") == table);
    const auto holes = parse_keywords_file("2 C\nbad line\n26 TooFar\nx Y\n0 A\n1 bad]kw\n");
    REQUIRE(holes.size() == 3);
    CHECK(holes[0] == "A");
    CHECK(holes[1].starts_with("$maillab-unused"));
    CHECK(holes[2] == "C");
}

TEST_CASE("the uidlist round-trips and refuses corrupt input", "[store][maildir]") {
    UidList list{.uidvalidity = 1700000000,
                 .uidnext = 8,
                 .highest_modseq = 20,
                 .special_use = SpecialUse::Trash};
    list.records.push_back(
        {.uid = 3, .modseq = 11, .size = 100, .internal_date = 5, .location = "cur/a.b.c:2,S"});
    list.records.push_back(
        {.uid = 7, .modseq = 20, .size = 1, .internal_date = -1, .location = "new/with space"});
    const std::string text = format_uidlist(list);
    CHECK(parse_uidlist(text) == list);
    for (const std::string& bad : std::vector<std::string>{
             "", "maillab-uidlist 2\n1 1 1 -\n", "maillab-uidlist 1\n0 1 1 -\n",
             "maillab-uidlist 1\n1 1 1 Bogus\n",
             "maillab-uidlist 1\n1 5 1 -\n9 1 1 1 cur/x\n",                 // uid >= uidnext
             "maillab-uidlist 1\n1 5 1 -\n2 1 1 1 cur/x\n1 1 1 1 cur/y\n",  // not ascending
             "maillab-uidlist 1\n1 5 1 -\n1 1 1 1 tmp/x\n",                 // not new/ or cur/
             "maillab-uidlist 1\n1 5 1 -\n1 1 1 1 cur/../x\n",              // a path, not a name
             "maillab-uidlist 1\n1 5 1 -\n1 1 1 1 cur/..\n",
             "maillab-uidlist 1\n1 5 1 -\n1 1 1 1 cur/a\0b\n"s,
             "maillab-uidlist 1\n1 5 1 -\n1 x 1 1 cur/a\n"}) {
        INFO(bad);
        CHECK_FALSE(parse_uidlist(bad).has_value());
    }
}

TEST_CASE("kMaxUidListRecords bounds the uidlist", "[store][maildir]") {
    std::string text = "maillab-uidlist 1\n1 4000000 1 -\n";
    for (std::size_t uid = 1; uid <= kMaxUidListRecords; ++uid) {
        text += std::to_string(uid) + " 1 1 1 cur/m\n";
    }
    CHECK(parse_uidlist(text).has_value());
    text += std::to_string(kMaxUidListRecords + 1) + " 1 1 1 cur/m\n";
    CHECK_FALSE(parse_uidlist(text).has_value());
}
