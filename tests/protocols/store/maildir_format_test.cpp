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
    list.records.push_back({.uid = 3,
                            .modseq = 11,
                            .size = 100,
                            .internal_date = 5,
                            .saved_at = 6,
                            .location = "cur/a.b.c:2,S"});
    list.records.push_back({.uid = 7,
                            .modseq = 20,
                            .size = 1,
                            .internal_date = -1,
                            .saved_at = 9,
                            .location = "new/with space"});
    const std::string text = format_uidlist(list);
    CHECK(parse_uidlist(text) == list);
    for (const std::string& bad : std::vector<std::string>{
             "", "maillab-uidlist 3\n1 1 1 -\n", "maillab-uidlist 1\n0 1 1 -\n",
             "maillab-uidlist 2\n1 5 1 -\n1 1 1 1 cur/x\n",  // version 2 without the save date
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

TEST_CASE("a version 1 uidlist reads with the internal date as save date", "[store][maildir]") {
    const auto v1 =
        parse_uidlist("maillab-uidlist 1\n9 4 5 Sent\n1 2 10 7 new/a\n+ 4 6 3 6 30 9 new/c\n");
    REQUIRE(v1.has_value());
    CHECK(v1->special_use == SpecialUse::Sent);
    CHECK(v1->records == std::vector<UidListRecord>{
                             {.uid = 1,
                              .modseq = 2,
                              .size = 10,
                              .internal_date = 7,
                              .saved_at = 7,
                              .location = "new/a"},
                             {.uid = 3,
                              .modseq = 6,
                              .size = 30,
                              .internal_date = 9,
                              .saved_at = 9,
                              .location = "new/c"},
                         });
    // Written again it is version 2, every save date in its own column.
    const std::string rewritten = format_uidlist(*v1);
    CHECK(rewritten.starts_with("maillab-uidlist 2\n9 4 6 Sent\n1 2 10 7 7 new/a\n"));
    CHECK(parse_uidlist(rewritten) == v1);
}

TEST_CASE("changes appended to the uidlist apply in order", "[store][maildir]") {
    UidList list{.uidvalidity = 9, .uidnext = 3, .highest_modseq = 4};
    list.records.push_back({.uid = 1,
                            .modseq = 2,
                            .size = 10,
                            .internal_date = 7,
                            .saved_at = 7,
                            .location = "new/a"});
    list.records.push_back({.uid = 2,
                            .modseq = 4,
                            .size = 20,
                            .internal_date = 8,
                            .saved_at = 8,
                            .location = "new/b"});
    std::string text = format_uidlist(list);

    // A delivery, a flag change and an expunge, as the store appends them.
    const UidListRecord delivered{
        .uid = 3, .modseq = 5, .size = 30, .internal_date = 9, .saved_at = 12, .location = "new/c"};
    text += format_uidlist_upsert({.uidnext = 4, .highest_modseq = 5}, delivered);
    const UidListRecord seen{.uid = 1,
                             .modseq = 6,
                             .size = 10,
                             .internal_date = 7,
                             .saved_at = 7,
                             .location = "cur/a:2,S"};
    text += format_uidlist_upsert({.uidnext = 4, .highest_modseq = 6}, seen);
    text += format_uidlist_removal({.uidnext = 4, .highest_modseq = 7}, 2);
    CHECK(text.ends_with("- 4 7 2\n"));

    const auto parsed = parse_uidlist(text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->uidnext == 4);
    CHECK(parsed->highest_modseq == 7);
    CHECK(parsed->records == std::vector<UidListRecord>{seen, delivered});
    // Written whole, it reads back the same.
    CHECK(parse_uidlist(format_uidlist(*parsed)) == parsed);

    // A line cut short by a crash while it was appended is ignored...
    const std::string torn = text + "+ 5 8 4 8 1 1 1 new/d";
    CHECK(parse_uidlist(torn) == parsed);
    // ...and removing a UID the list does not hold changes nothing but the counters.
    const auto removed_twice = parse_uidlist(text + "- 4 8 2\n");
    REQUIRE(removed_twice.has_value());
    CHECK(removed_twice->records == parsed->records);
    CHECK(removed_twice->highest_modseq == 8);

    for (const std::string& bad : std::vector<std::string>{
             text + "+ 3 9 1 9 1 1 1 cur/a\n",  // UIDNEXT going back
             text + "+ 4 6 1 9 1 1 1 cur/a\n",  // HIGHESTMODSEQ going back
             text + "+ 4 9 4 9 1 1 1 cur/a\n",  // a UID at UIDNEXT
             text + "+ 4 9 1 9 1 1 1 tmp/a\n",  // not new/ or cur/
             text + "- 4 9 x\n",
             text + "+ 4 9 1 9 1 1 cur/a\n",  // no save date
             text + "3 1 1 1 1 cur/x\n"}) {   // a record after the appended changes
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
