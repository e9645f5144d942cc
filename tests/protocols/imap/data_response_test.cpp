#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/selected_mailbox.hpp"

using namespace maillab::protocols::imap;

TEST_CASE("message-count and expunge responses", "[imap][data]") {
    CHECK(exists_response(23) == "* 23 EXISTS\r\n");
    CHECK(recent_response(0) == "* 0 RECENT\r\n");
    CHECK(expunge_response(3) == "* 3 EXPUNGE\r\n");
    CHECK(vanished_response(compress_numbers({41, 43, 44, 45}), true) ==
          "* VANISHED (EARLIER) 41,43:45\r\n");
    CHECK(vanished_response(compress_numbers({7}), false) == "* VANISHED 7\r\n");
    CHECK(flags_response({"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}) ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n");
    CHECK(enabled_response({"CONDSTORE"}) == "* ENABLED CONDSTORE\r\n");
    CHECK(enabled_response({}) == "* ENABLED\r\n");
}

TEST_CASE("SEARCH and ESEARCH responses", "[imap][data]") {
    CHECK(search_response({2, 84, 882}) == "* SEARCH 2 84 882\r\n");
    CHECK(search_response({}) == "* SEARCH\r\n");
    CHECK(search_response({2, 5}, 917162500) == "* SEARCH 2 5 (MODSEQ 917162500)\r\n");
    CHECK(search_response({}, 917162500) == "* SEARCH\r\n");
    EsearchResult r;
    r.min = 2;
    r.max = 47;
    r.count = 3;
    r.all = compress_numbers({2, 10, 11});
    CHECK(esearch_response("a1", true, r) ==
          "* ESEARCH (TAG \"a1\") UID MIN 2 MAX 47 COUNT 3 ALL 2,10:11\r\n");
    CHECK(esearch_response("b", false, EsearchResult{.count = 0}) ==
          "* ESEARCH (TAG \"b\") COUNT 0\r\n");
    CHECK(esearch_response("c", false, EsearchResult{.all = SequenceSet{}}) ==
          "* ESEARCH (TAG \"c\")\r\n");
}

TEST_CASE("LIST, STATUS and QUOTA responses", "[imap][data]") {
    CHECK(list_response({"\\HasNoChildren"}, '/', "INBOX") ==
          "* LIST (\\HasNoChildren) \"/\" INBOX\r\n");
    CHECK(list_response({"\\Noselect"}, '\0', "") == "* LIST (\\Noselect) NIL \"\"\r\n");
    CHECK(list_response({}, '\\', "Sent Items", true) == "* LSUB () \"\\\\\" \"Sent Items\"\r\n");
    CHECK(list_response({"\\Sent"}, '/', "Gesendete \"Objekte\"") ==
          "* LIST (\\Sent) \"/\" \"Gesendete \\\"Objekte\\\"\"\r\n");
    CHECK(status_data_response("blurdybloop", {{"MESSAGES", 231}, {"UIDNEXT", 44292}}) ==
          "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n");
    CHECK(quota_response("", {{"STORAGE", {10, 512}}}) == "* QUOTA \"\" (STORAGE 10 512)\r\n");
    CHECK(quotaroot_response("INBOX", {""}) == "* QUOTAROOT INBOX \"\"\r\n");
    CHECK(quotaroot_response("comp.mail.mime", {}) == "* QUOTAROOT comp.mail.mime\r\n");
}

TEST_CASE("FETCH responses", "[imap][data]") {
    CHECK(FetchResponse{12}.flags({"\\Seen"}).uid(4827313).str() ==
          "* 12 FETCH (FLAGS (\\Seen) UID 4827313)\r\n");
    const DateTime date{{1996, 7, 17}, 2, 44, 25, -420};
    CHECK(FetchResponse{1}.uid(7).size(44827).internal_date(date).modseq(12121231000).str() ==
          "* 1 FETCH (UID 7 RFC822.SIZE 44827 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
          "MODSEQ (12121231000))\r\n");
    CHECK(FetchResponse{2}.nstring("BODY[]", std::string{"Subject: x\r\n\r\nhi"}).str() ==
          "* 2 FETCH (BODY[] {16}\r\nSubject: x\r\n\r\nhi)\r\n");
    CHECK(FetchResponse{3}.nstring("BODY[1]", std::nullopt).raw("ENVELOPE", "(NIL)").str() ==
          "* 3 FETCH (BODY[1] NIL ENVELOPE (NIL))\r\n");
    CHECK(FetchResponse{4}.str() == "* 4 FETCH ()\r\n");
}

TEST_CASE("a FETCH response written in place says what the vector-built one says", "[imap][data]") {
    maillab::protocols::store::Flags flags;
    flags.set(maillab::protocols::store::SystemFlag::Seen);
    flags.set(maillab::protocols::store::SystemFlag::Draft);
    flags.add_keyword("$Forwarded");
    for (const bool recent : {false, true}) {
        FetchResponse built{9};
        built.flags(flag_names(flags, recent)).uid(31);
        FetchResponse in_place{9};
        CHECK(in_place.empty());
        write_flag_names(in_place.value_of("FLAGS"), flags, recent);
        in_place.uid(31);
        CHECK_FALSE(in_place.empty());
        CHECK(in_place.str() == built.str());  // str() keeps the response for another call
        CHECK(std::move(in_place).str() == built.str());
    }
    std::string none;
    write_flag_names(none, {}, false);
    CHECK(none == "()");
    FetchResponse recent_only{1};
    write_flag_names(recent_only.value_of("FLAGS"), {}, true);
    CHECK(std::move(recent_only).str() == "* 1 FETCH (FLAGS (\\Recent))\r\n");
}
