#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/list_pattern.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/store/mailbox_name.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::StoreFixture;

TEST_CASE("SELECT reports the mailbox like RFC 3501 §6.3.1", "[imap][server][select]") {
    StoreFixture f;
    f.deliver("INBOX", maillab::test::simple_message("one"),
              store::Flags{}.set(store::SystemFlag::Seen));
    f.deliver("INBOX", maillab::test::simple_message("two"));
    Client c{f};
    CHECK(contains(c.session.capabilities(), "UNSELECT"));
    const auto uidvalidity = f.mail.status("alice", "INBOX").value().uidvalidity;
    CHECK(c.say("A142 SELECT inbox\r\n") ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
          "* 2 EXISTS\r\n"
          "* 2 RECENT\r\n"
          "* OK [UNSEEN 2] First unseen message\r\n"
          "* OK [UIDVALIDITY " +
              std::to_string(uidvalidity) +
              "] UIDs valid\r\n"
              "* OK [UIDNEXT 3] Predicted next UID\r\n"
              "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] "
              "Flags permitted\r\n"
              "A142 OK [READ-WRITE] SELECT completed\r\n");
    CHECK(c.session.state() == ServerState::Selected);
    CHECK(c.session.selected() == "INBOX");
    // The first session took \Recent; a second one sees none (RFC 3501 §2.3.2).
    Client other{f};
    CHECK(contains(other.say("b SELECT INBOX\r\n"), "* 0 RECENT\r\n"));
    CHECK(c.say("c UNSELECT\r\n") == "c OK UNSELECT completed\r\n");
    CHECK(c.session.state() == ServerState::Authenticated);
}

TEST_CASE("EXAMINE, CONDSTORE and missing mailboxes", "[imap][server][select]") {
    StoreFixture f;
    f.deliver("INBOX", maillab::test::simple_message("one"));
    Client c{f};
    const std::string examine = c.say("a EXAMINE INBOX (CONDSTORE)\r\n");
    // EXAMINE shows what is new without claiming it (as Dovecot does): a SELECT after it
    // still gets \Recent, and only then is the news gone for the next session.
    CHECK(contains(examine, "* 1 RECENT\r\n"));
    CHECK(contains(examine, "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n"));
    CHECK(contains(examine, "* OK [HIGHESTMODSEQ "));
    CHECK(contains(examine, "a OK [READ-ONLY] EXAMINE completed\r\n"));
    CHECK(c.say("b STORE 1 +FLAGS (\\Seen)\r\n") ==
          "b NO [READ-ONLY] The mailbox is read-only\r\n");
    CHECK(c.say("c EXPUNGE\r\n") == "c NO [READ-ONLY] The mailbox is read-only\r\n");
    CHECK(c.say("d SELECT Nowhere\r\n").rfind("d NO [NONEXISTENT]", 0) == 0);
    CHECK(c.session.state() == ServerState::Authenticated);  // the failed SELECT deselected
    CHECK(c.say("e SELECT INBOX (QRESYNC (1 2))\r\n") == "e BAD QRESYNC is not enabled\r\n");
    CHECK(contains(c.say("f SELECT INBOX\r\n"), "* 1 RECENT\r\n"));
    Client other{f};
    CHECK(contains(other.say("g EXAMINE INBOX\r\n"), "* 0 RECENT\r\n"));
}

TEST_CASE("LIST and LSUB with patterns", "[imap][server][list]") {
    StoreFixture f;
    Client c{f};
    CHECK(c.say("a CREATE Projects/2024\r\n") == "a OK CREATE completed\r\n");
    CHECK(c.say("b LIST \"\" \"\"\r\n") ==
          "* LIST (\\Noselect) \"/\" \"\"\r\nb OK LIST completed\r\n");
    const std::string all = c.say("c LIST \"\" *\r\n");
    CHECK(contains(all, "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"));
    CHECK(contains(all, "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"));
    CHECK(contains(all, "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"));
    CHECK(contains(all, "\"/\" Projects\r\n"));
    CHECK(contains(all, "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\n"));
    CHECK(!contains(c.say("d LIST \"\" %\r\n"), "Projects/2024"));
    CHECK(c.say("e LIST Projects/ %\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\ne OK LIST completed\r\n");
    CHECK(c.say("f SUBSCRIBE Projects/2024\r\n") == "f OK SUBSCRIBE completed\r\n");
    CHECK(c.say("g LSUB \"\" Projects*\r\n") ==
          "* LSUB () \"/\" Projects/2024\r\ng OK LSUB completed\r\n");
    CHECK(c.say("h LIST \"\" " + std::string(kMaxListPatternOctets + 1, '*') + "\r\n") ==
          "h BAD Mailbox pattern too long\r\n");
    CHECK(c.say("i LIST \"\" nothing*\r\n") == "i OK LIST completed\r\n");
}

TEST_CASE("LIST-EXTENDED selection and return options, LIST-STATUS", "[imap][server][list]") {
    StoreFixture f;
    f.deliver("Sent", maillab::test::simple_message("copy"));
    Client c{f};
    c.say("a CREATE Projects/2024\r\nb SUBSCRIBE Projects/2024\r\nc SUBSCRIBE Gone\r\n");
    // The special-use mailboxes a new account gets are subscribed.
    CHECK(contains(c.say("c2 LIST (SUBSCRIBED) \"\" *\r\n"),
                   "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" Sent\r\n"));
    CHECK(c.say("d LIST (SUBSCRIBED) \"\" (Projects* Gone)\r\n") ==
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" Projects/2024\r\n"
          "* LIST (\\NonExistent \\Subscribed) \"/\" Gone\r\n"
          "d OK LIST completed\r\n");
    // RFC 5258 §3: a parent of a subscribed match comes with CHILDINFO.
    CHECK(c.say("e LIST (SUBSCRIBED RECURSIVEMATCH) \"\" Pro%\r\n") ==
          "* LIST (\\Noselect \\HasChildren) \"/\" Projects (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
          "e OK LIST completed\r\n");
    CHECK(c.say("f LIST (RECURSIVEMATCH) \"\" *\r\n") ==
          "f BAD RECURSIVEMATCH needs another selection option\r\n");
    const std::string special = c.say("g LIST (SPECIAL-USE) \"\" *\r\n");
    CHECK(contains(special, "\\Sent) \"/\" Sent\r\n"));
    CHECK(!contains(special, "INBOX"));
    CHECK(c.say("h LIST \"\" (Sent Trash) RETURN (SUBSCRIBED STATUS (MESSAGES SIZE))\r\n") ==
          "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" Sent\r\n"
          "* STATUS Sent (MESSAGES 1 SIZE " +
              std::to_string(maillab::test::simple_message("copy").size()) +
              ")\r\n"
              "* LIST (\\HasNoChildren \\Trash \\Subscribed) \"/\" Trash\r\n"
              "* STATUS Trash (MESSAGES 0 SIZE 0)\r\n"
              "h OK LIST completed\r\n");
}

TEST_CASE("without a store, mailbox commands are unavailable", "[imap][server][select]") {
    StoreFixture f;
    ServerSession bare{f.config, f.credentials};
    bare.start();
    bare.receive(
        "a LOGIN alice pw\r\nb SELECT INBOX\r\nc LIST \"\" *\r\nd APPEND INBOX {1+}\r\nx\r\n");
    const std::string out = bare.take_output();
    CHECK(contains(out, "b NO [UNAVAILABLE]"));
    CHECK(contains(out, "c NO [UNAVAILABLE]"));
    CHECK(contains(out, "d NO [UNAVAILABLE]"));
    CHECK(!contains(bare.capabilities(), "UNSELECT"));
    CHECK(!contains(bare.capabilities(), "CONDSTORE"));
}

TEST_CASE("STATUS reports counts without selecting", "[imap][server][status]") {
    StoreFixture f;
    f.deliver("INBOX", "Subject: a\r\n\r\nx\r\n", store::Flags{}.set(store::SystemFlag::Deleted));
    f.deliver("INBOX", "Subject: b\r\n\r\nyy\r\n");
    Client c{f};
    const auto st = f.mail.status("alice", "INBOX").value();
    CHECK(
        c.say("a STATUS inbox (MESSAGES UNSEEN UIDNEXT RECENT SIZE DELETED HIGHESTMODSEQ)\r\n") ==
        "* STATUS INBOX (MESSAGES 2 UNSEEN 2 UIDNEXT 3 RECENT 2 SIZE 35 DELETED 1 HIGHESTMODSEQ " +
            std::to_string(st.highest_modseq) + ")\r\na OK STATUS completed\r\n");
    CHECK(c.session.state() == ServerState::Authenticated);
    CHECK(c.say("b STATUS Nowhere (MESSAGES)\r\n") == "b NO [NONEXISTENT] No such mailbox\r\n");
    c.say("c SELECT INBOX\r\n");
    CHECK(contains(c.say("d STATUS INBOX (RECENT)\r\n"), "(RECENT 0)"));
}

TEST_CASE("CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE", "[imap][server][manage]") {
    StoreFixture f;
    Client c{f};
    CHECK(c.say("a CREATE Projects/\r\n") == "a OK CREATE completed\r\n");
    CHECK(c.say("b CREATE Projects\r\n").rfind("b NO [ALREADYEXISTS]", 0) == 0);
    CHECK(c.say("c CREATE inbox\r\n") == "c NO [ALREADYEXISTS] INBOX always exists\r\n");
    CHECK(c.say("d RENAME Projects Done\r\n") == "d OK RENAME completed\r\n");
    CHECK(c.say("e SUBSCRIBE Done\r\n") == "e OK SUBSCRIBE completed\r\n");
    CHECK(c.say("f LSUB \"\" Done\r\n") == "* LSUB () \"/\" Done\r\nf OK LSUB completed\r\n");
    CHECK(c.say("g UNSUBSCRIBE Done\r\n") == "g OK UNSUBSCRIBE completed\r\n");
    CHECK(c.say("h LSUB \"\" Done\r\n") == "h OK LSUB completed\r\n");
    CHECK(c.say("i DELETE Done\r\n") == "i OK DELETE completed\r\n");
    CHECK(c.say("j DELETE Done\r\n").rfind("j NO [NONEXISTENT]", 0) == 0);
    CHECK(c.say("k DELETE INBOX\r\n") == "k NO [CANNOT] INBOX cannot be deleted\r\n");
    CHECK(c.say("l RENAME Nowhere Else\r\n").rfind("l NO [NONEXISTENT]", 0) == 0);
    CHECK(c.say("m RENAME Drafts Sent\r\n").rfind("m NO [ALREADYEXISTS]", 0) == 0);
}

TEST_CASE("mailbox names that could escape the store are refused", "[imap][server][manage]") {
    StoreFixture f;
    Client c{f};
    for (const char* name : {"../etc", "a/../../b", "/abs", "a//b", ".", "a/.", "\"a%\"", "\"b*\"",
                             "{3+}\r\na\tb", "{4+}\r\nca\xc3\xa9", "&AOk", "&Jjo!", "&AGE-"}) {
        INFO(name);
        CHECK(c.say(std::string{"a CREATE "} + name + "\r\n") == "a NO [CANNOT] Invalid name\r\n");
        CHECK(c.say(std::string{"b RENAME Drafts "} + name + "\r\n") ==
              "b NO [CANNOT] Invalid name\r\n");
    }
    for (const char* name : {"../etc", "/abs"}) {
        INFO(name);
        CHECK(c.say(std::string{"c SELECT "} + name + "\r\n").rfind("c NO ", 0) == 0);
        CHECK(c.say(std::string{"d APPEND "} + name + " {1+}\r\nx\r\n").rfind("d NO ", 0) == 0);
    }
    CHECK(c.say("e CREATE " + std::string(store::kMaxMailboxNameOctets, 'x') + "\r\n") ==
          "e OK CREATE completed\r\n");
    CHECK(c.say("f CREATE " + std::string(store::kMaxMailboxNameOctets + 1, 'x') + "\r\n")
              .rfind("f NO [CANNOT]", 0) == 0);
    CHECK(c.say("f CREATE " + std::string(kMaxMailboxNameOctets + 1, 'x') + "\r\n") ==
          "f NO [CANNOT] Invalid name\r\n");
    CHECK(c.say("g CREATE &AMk-t&AOk-\r\n") == "g OK CREATE completed\r\n");
    CHECK(valid_new_mailbox_name("Archive/2024/Q1", '/'));
    CHECK_FALSE(valid_new_mailbox_name("", '/'));
    CHECK_FALSE(valid_new_mailbox_name("a/", '/'));
    CHECK_FALSE(valid_new_mailbox_name("caf&AOk", '/'));
}

TEST_CASE("CAPABILITY lists what the server over a store implements", "[imap][server]") {
    StoreFixture f;
    Client c{f, false};
    CHECK(c.say("a CAPABILITY\r\n") ==
          "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UNSELECT "
          "CHILDREN "
          "UIDPLUS MOVE SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH CONDSTORE QRESYNC QUOTA "
          "QUOTA=RES-STORAGE QUOTA=RES-MESSAGE STATUS=SIZE SORT SORT=DISPLAY ESORT "
          "THREAD=ORDEREDSUBJECT THREAD=REFERENCES SEARCHRES WITHIN MULTIAPPEND BINARY "
          "UTF8=ACCEPT PREVIEW SAVEDATE STARTTLS AUTH=PLAIN\r\n"
          "a OK CAPABILITY completed\r\n");
    c.say("b LOGIN alice pw\r\n");
    CHECK(!contains(c.session.capabilities(), "AUTH=PLAIN"));
    CHECK(contains(c.session.capabilities(), "QRESYNC"));
}
