#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/message_sort.hpp"
#include "protocols/imap/sort_criteria.hpp"
#include "tests/protocols/imap/mailbox_fixture.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;
using maillab::test::kFeb22;
using maillab::test::MailboxFixture;
using maillab::test::message;

namespace {

constexpr std::int64_t kHour = 3600;

std::string criteria_list(std::size_t count) {
    std::string out = "(";
    for (std::size_t i = 0; i < count; ++i)
        out += i == 0 ? "SIZE" : " SIZE";
    return out + ")";
}

}  // namespace

TEST_CASE("SORT and THREAD commands parse", "[imap][sort][parser]") {
    const auto sort = parse_as<SortCmd>("a SORT (SUBJECT reverse Date) UTF-8 ALL");
    CHECK_FALSE(sort.uid);
    CHECK_FALSE(sort.returns);
    CHECK(sort.program ==
          std::vector<SortCriterion>{{SortKey::Subject, false}, {SortKey::Date, true}});
    CHECK(sort.charset == "UTF-8");
    REQUIRE(sort.criteria.children.size() == 1);
    CHECK(sort.criteria.children[0].kind == SearchKeyKind::All);

    const auto esort = parse_as<SortCmd>(
        "b UID SORT RETURN (MIN count) (DISPLAYFROM DISPLAYTO) us-ascii UNSEEN 2:*");
    CHECK(esort.uid);
    CHECK(esort.returns == std::vector<std::string>{"MIN", "COUNT"});
    CHECK(esort.program ==
          std::vector<SortCriterion>{{SortKey::DisplayFrom, false}, {SortKey::DisplayTo, false}});
    CHECK(esort.criteria.children.size() == 2);
    CHECK(parse_as<SortCmd>("c SORT RETURN () (ARRIVAL) UTF-8 ALL").returns ==
          std::vector<std::string>{});

    const auto thread = parse_as<ThreadCmd>("d THREAD references UTF-8 ALL");
    CHECK(thread.algorithm == ThreadAlgorithm::References);
    CHECK_FALSE(thread.uid);
    const auto uid_thread = parse_as<ThreadCmd>("e UID THREAD ORDEREDSUBJECT US-ASCII 1:*");
    CHECK(uid_thread.algorithm == ThreadAlgorithm::OrderedSubject);
    CHECK(uid_thread.uid);
    CHECK(uid_thread.charset == "US-ASCII");
    CHECK(parse_ok("f UID SORT (SIZE) UTF-8 ALL").name == "UID SORT");
    CHECK(parse_ok("g THREAD REFERENCES UTF-8 ALL").name == "THREAD");
}

TEST_CASE("SORT and THREAD grammar errors are BAD", "[imap][sort][parser]") {
    CHECK(parse_bad("a SORT () UTF-8 ALL").tag == "a");
    CHECK(parse_bad("a SORT (BOGUS) UTF-8 ALL").message == "SORT: Unknown sort criterion BOGUS");
    parse_bad("a SORT (REVERSE) UTF-8 ALL");
    parse_bad("a SORT (REVERSE REVERSE DATE) UTF-8 ALL");
    parse_bad("a SORT (DATE) ALL");  // the charset is not optional
    parse_bad("a SORT (DATE) UTF-8");
    parse_bad("a SORT DATE UTF-8 ALL");
    parse_bad("a SORT RETURN (BOGUS) (DATE) UTF-8 ALL");
    parse_bad("a SORT RETURN (PARTIAL 1:5) (DATE) UTF-8 ALL");
    CHECK(parse_bad("a THREAD BOGUS UTF-8 ALL").message ==
          "THREAD: Unknown THREAD algorithm BOGUS");
    parse_bad("a THREAD REFERENCES");
    parse_bad("a THREAD REFERENCES UTF-8");
    parse_bad("a THREAD (REFERENCES) UTF-8 ALL");
    parse_bad("a UID THREAD REFERENCES UTF-8 ALL extra");
}

TEST_CASE("SORT criteria are limited to kMaxSortCriteria", "[imap][sort][parser][limits]") {
    parse_as<SortCmd>("a SORT " + criteria_list(kMaxSortCriteria) + " UTF-8 ALL");
    CHECK(parse_bad("a SORT " + criteria_list(kMaxSortCriteria + 1) + " UTF-8 ALL").message ==
          "SORT: Too many list items");
}

TEST_CASE("sort_records: REVERSE turns one key around, ties go by sequence number",
          "[imap][sort]") {
    std::vector<SortRecord> records(4);
    for (std::uint32_t i = 0; i < 4; ++i) {
        records[i].seq = i + 1;
        records[i].id = 100 + i + 1;
    }
    records[0].size = 10;
    records[1].size = 30;
    records[2].size = 10;
    records[3].size = 20;
    records[0].from = "B";
    records[1].from = "A";
    records[2].from = "A";
    records[3].from = "B";
    sort_records(records, {{SortKey::Size, true}});
    CHECK(sorted_ids(records) == std::vector<std::uint32_t>{102, 104, 101, 103});
    sort_records(records, {{SortKey::From, false}, {SortKey::Size, false}});
    CHECK(sorted_ids(records) == std::vector<std::uint32_t>{103, 102, 101, 104});
    sort_records(records, {{SortKey::From, true}});
    CHECK(sorted_ids(records) == std::vector<std::uint32_t>{101, 104, 102, 103});
    CHECK(sort_response({}) == "* SORT\r\n");
    CHECK(sort_response({3, 1, 2}) == "* SORT 3 1 2\r\n");
}

TEST_CASE("ESORT results keep the sort order (RFC 5267)", "[imap][sort][esort]") {
    const EsearchResult r =
        esort_result({2, 4, 5, 3, 1, 9, 10, 11}, {"MIN", "MAX", "COUNT", "ALL"});
    CHECK(r.min == 2U);
    CHECK(r.max == 11U);
    CHECK(r.count == 8U);
    REQUIRE(r.all);
    CHECK(format_sequence_set(*r.all) == "2,4:5,3,1,9:11");
    CHECK(esort_result({}, {"MIN", "MAX", "ALL"}).min == std::nullopt);
    CHECK(esort_result({7}, {}).all.has_value());  // RETURN () is ALL
    CHECK_FALSE(esort_result({7}, {}).count.has_value());
}

TEST_CASE("SORT SUBJECT orders by base subject (imaptest sort-subject)", "[imap][sort][server]") {
    MailboxFixture m;
    const char* subjects[] = {"a",
                              "C",
                              "b",
                              "_",
                              "[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)",
                              "b (a)",
                              "Re: [FWD: c]",
                              "[xyz]",
                              nullptr,
                              "=?iso-8859-1?q?_?=",
                              "Re: =?utf-8?q?b?=",
                              "=?iso-8859-1?q?RE:_C?=",
                              "=?us-ascii?b?UmU6IGM=?=",
                              "Ad: Re: Ad: Re: Ad: x",
                              "re: [fwd: [fwd: re: [fwd: babylon]]]"};
    std::size_t n = 0;
    for (const char* subject : subjects) {
        ++n;  // bodies grow with the number, so SIZE follows the sequence
        m.add(
            message(subject ? std::string{"Subject: "} + subject : "", std::string(n * 100, 'x')));
    }
    m.select();
    CHECK(m.say("a SORT (SUBJECT) US-ASCII ALL\r\n") ==
          "* SORT 9 10 1 14 3 5 11 6 15 2 7 12 13 8 4\r\na OK SORT completed\r\n");
    CHECK(m.say("b SORT (REVERSE SUBJECT) US-ASCII ALL\r\n") ==
          "* SORT 4 8 2 7 12 13 15 6 3 5 11 14 1 9 10\r\nb OK SORT completed\r\n");
    CHECK(m.say("c SORT (SUBJECT REVERSE SIZE) US-ASCII ALL\r\n") ==
          "* SORT 10 9 1 14 11 5 3 6 15 13 12 7 2 8 4\r\nc OK SORT completed\r\n");
    CHECK(m.say("d SORT (SUBJECT) UTF-8 NOT 9:11 LARGER 1150\r\n") ==
          "* SORT 14 15 12 13\r\nd OK SORT completed\r\n");
    CHECK(m.say("e UID SORT (SUBJECT) UTF-8 1:3\r\n") ==
          "* SORT 1 3 2\r\ne OK UID SORT completed\r\n");
}

TEST_CASE("SORT FROM, TO, CC use the first address's mailbox (imaptest sort-addresses)",
          "[imap][sort][server]") {
    MailboxFixture m;
    m.add(message("From: user2@domain2.org\r\nTo: foo bar <user2@domain2.org>\r\n"
                  "Cc: user2@domain2.org (foo bar)"),
          kFeb22);
    m.add(message("From: user2@domain1.org\r\nTo: user2@domain1.org\r\n"
                  "Cc: user2: blah@domain1.org;"),
          kFeb22 + kHour);
    m.add(message("From: user1@domain1.org\r\nTo: user1@domain1.org\r\nCc: user1@domain1.org"),
          kFeb22 + 2 * kHour);
    m.select();
    for (const char* key : {"FROM", "TO", "CC"}) {
        INFO(key);
        const std::string k{key};
        CHECK(m.say("a SORT (" + k + ") US-ASCII ALL\r\n") ==
              "* SORT 3 1 2\r\na OK SORT completed\r\n");
        CHECK(m.say("b SORT (REVERSE " + k + ") US-ASCII ALL\r\n") ==
              "* SORT 1 2 3\r\nb OK SORT completed\r\n");
        CHECK(m.say("c SORT (" + k + " REVERSE ARRIVAL) US-ASCII ALL\r\n") ==
              "* SORT 3 2 1\r\nc OK SORT completed\r\n");
    }
}

TEST_CASE("SORT DISPLAYFROM and DISPLAYTO (RFC 5957, imaptest sort-display-*)",
          "[imap][sort][server]") {
    MailboxFixture m;
    const char* addresses[] = {"foo bar <a@b.c>",
                               "b@c.d",
                               "d",
                               "=?iso-8859-1?q?foo_aar?= <e@f.g>",
                               "=?iso-8859-1?q?foo_car?= <f@g.h>",
                               "a: xx@xx.org, yy@yy.org;",
                               "z: aa@aa.org, bb@bb.org;",
                               "empty:;"};
    for (const char* a : addresses)
        m.add(message(std::string{"From: "} + a + "\r\nTo: " + a));
    m.select();
    CHECK(m.say("a SORT (DISPLAYFROM) US-ASCII 1:5\r\n") ==
          "* SORT 2 3 4 1 5\r\na OK SORT completed\r\n");
    CHECK(m.say("b SORT (REVERSE DISPLAYFROM) US-ASCII 1:5\r\n") ==
          "* SORT 5 1 4 3 2\r\nb OK SORT completed\r\n");
    CHECK(m.say("c SORT (DISPLAYTO) US-ASCII ALL\r\n") ==
          "* SORT 6 2 3 8 4 1 5 7\r\nc OK SORT completed\r\n");
    CHECK(m.say("d SORT (REVERSE DISPLAYTO) US-ASCII ALL\r\n") ==
          "* SORT 7 5 1 4 8 3 2 6\r\nd OK SORT completed\r\n");
}

TEST_CASE("SORT DATE uses the Date field in UTC, else INTERNALDATE (imaptest sort-date)",
          "[imap][sort][server]") {
    MailboxFixture m;
    m.add(message("Date: Fri, 22 Feb 2008 00:00:00 +0200"), kFeb22 + 2 * kHour);
    m.add(message("Date: Fri, 22 Feb 2008 02:00:00 +0200", "2\r\n"), kFeb22 + kHour);
    m.add(message("Date: Fri, 22 Feb 2008 01:00:00 +0200", "33\r\n"), kFeb22);
    m.add(message("Date: Fri, 22 Feb 2008 02:00:00 +0200", "44\r\n"), kFeb22);
    m.add(message("Subject: foo", "55555\r\n"), 1203636623);  // 22-Feb-2008 01:30:23 +0200
    m.add(message("Date: Fri, 22 Feb 2008 02:00:00 +0200", "6666\r\n"), kFeb22);
    m.add(message("Subject: foo bar foo bar foo bar fooo", "777\r\n"),
          1203634800);  // 22-Feb-2008 01:00:00 +0200, as message 3's Date
    m.select();
    CHECK(m.say("a SORT (DATE) US-ASCII ALL\r\n") ==
          "* SORT 1 3 7 5 2 4 6\r\na OK SORT completed\r\n");
    CHECK(m.say("b SORT (REVERSE DATE) US-ASCII ALL\r\n") ==
          "* SORT 2 4 6 5 3 7 1\r\nb OK SORT completed\r\n");
    CHECK(m.say("c SORT (DATE REVERSE SIZE) US-ASCII ALL\r\n") ==
          "* SORT 1 7 3 5 6 4 2\r\nc OK SORT completed\r\n");
    // A Date field that cannot be parsed counts as absent.
    m.add(message("Date: the day after tomorrow"), 1203634000);
    m.say("n NOOP\r\n");
    CHECK(m.say("d SORT (DATE) US-ASCII ALL\r\n") ==
          "* SORT 1 8 3 7 5 2 4 6\r\nd OK SORT completed\r\n");
}

TEST_CASE("SORT ARRIVAL and SIZE (imaptest sort-arrival)", "[imap][sort][server]") {
    MailboxFixture m;
    m.add(message("", "1\r\n"), kFeb22);
    m.add(message("", "2\r\n"), kFeb22 + 2 * kHour);
    m.add(message("", "33\r\n"), kFeb22 + kHour);
    m.add(message("", "44\r\n"), kFeb22 + 2 * kHour);
    m.add(message("", "5555\r\n"), kFeb22 + 2 * kHour);
    m.select();
    CHECK(m.say("a SORT (ARRIVAL) US-ASCII ALL\r\n") ==
          "* SORT 1 3 2 4 5\r\na OK SORT completed\r\n");
    CHECK(m.say("b SORT (REVERSE ARRIVAL) US-ASCII ALL\r\n") ==
          "* SORT 2 4 5 3 1\r\nb OK SORT completed\r\n");
    CHECK(m.say("c SORT (ARRIVAL REVERSE SIZE) US-ASCII ALL\r\n") ==
          "* SORT 1 3 5 4 2\r\nc OK SORT completed\r\n");
    CHECK(m.say("d SORT (SIZE) US-ASCII ALL\r\n") == "* SORT 1 2 3 4 5\r\nd OK SORT completed\r\n");
    // ESORT (RFC 5267): MIN and MAX are the first and last in sort order.
    CHECK(m.say("e SORT RETURN (MIN MAX COUNT ALL) (REVERSE ARRIVAL) US-ASCII ALL\r\n") ==
          "* ESEARCH (TAG \"e\") MIN 2 MAX 1 COUNT 5 ALL 2,4:5,3,1\r\ne OK SORT completed\r\n");
    CHECK(m.say("f UID SORT RETURN () (ARRIVAL) US-ASCII 1:5\r\n") ==
          "* ESEARCH (TAG \"f\") UID ALL 1,3,2,4:5\r\nf OK UID SORT completed\r\n");
    CHECK(m.say("g SORT RETURN (MIN MAX COUNT ALL) (ARRIVAL) US-ASCII DELETED\r\n") ==
          "* ESEARCH (TAG \"g\") COUNT 0\r\ng OK SORT completed\r\n");
    CHECK(m.say("h SORT RETURN (MIN) (ARRIVAL) US-ASCII 1:5\r\n") ==
          "* ESEARCH (TAG \"h\") MIN 1\r\nh OK SORT completed\r\n");
}

TEST_CASE("SORT needs a selected mailbox and a known charset", "[imap][sort][server]") {
    MailboxFixture m;
    CHECK(m.say("a SORT (DATE) UTF-8 ALL\r\n") ==
          "a BAD SORT is not allowed in the AUTHENTICATED state\r\n");
    CHECK(m.say("b THREAD REFERENCES UTF-8 ALL\r\n") ==
          "b BAD THREAD is not allowed in the AUTHENTICATED state\r\n");
    m.add(message("Subject: x"));
    m.select();
    CHECK(m.say("c SORT (DATE) KOI8-R ALL\r\n") ==
          "c NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n");
    CHECK(m.say("d SORT (DATE) UTF-8 UID 9\r\n") == "* SORT\r\nd OK SORT completed\r\n");
}
