#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/unix_time.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using maillab::test::Client;
using maillab::test::contains;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

namespace {

std::string literal(const std::string& bytes, bool plus = true) {
    return "{" + std::to_string(bytes.size()) + (plus ? "+" : "") + "}\r\n" + bytes;
}

std::string uidvalidity(StoreFixture& f, std::string_view box) {
    return std::to_string(f.mail.status("alice", box).value().uidvalidity);
}

// INBOX with three messages (UIDs 1-3); the second is \Seen.
struct ThreeMessages {
    ThreeMessages() {
        f.deliver("INBOX", simple_message("one"));
        f.deliver("INBOX", simple_message("two"), store::Flags{}.set(store::SystemFlag::Seen));
        f.deliver("INBOX", simple_message("three", std::string(200, 'x') + "\r\n"));
        c.say("s SELECT INBOX\r\n");
    }
    StoreFixture f;
    Client c{f};
};

}  // namespace

TEST_CASE("APPEND stores flags and date and answers APPENDUID", "[imap][server][append]") {
    StoreFixture f;
    Client c{f};
    const std::string msg = simple_message("draft");
    CHECK(c.say("a APPEND Drafts (\\Seen $Todo) \"14-Nov-2023 10:00:00 +0100\" {" +
                std::to_string(msg.size()) + "}\r\n") == "+ OK\r\n");
    CHECK(c.say(msg + "\r\n") ==
          "a OK [APPENDUID " + uidvalidity(f, "Drafts") + " 1] APPEND completed\r\n");
    const auto stored = f.mail.messages("alice", "Drafts").value();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].flags.has(store::SystemFlag::Seen));
    CHECK(stored[0].flags.has_keyword("$Todo"));
    CHECK(stored[0].internal_date == 1699952400);  // 09:00:00 UTC
    CHECK(f.mail.read_message("alice", "Drafts", 1).value() == msg);
    // Without a date the session's clock gives it.
    CHECK(c.say("b APPEND Drafts " + literal(msg) + "\r\n") ==
          "b OK [APPENDUID " + uidvalidity(f, "Drafts") + " 2] APPEND completed\r\n");
    CHECK(f.mail.messages("alice", "Drafts").value()[1].internal_date == 1700000000);
    CHECK(c.say("c APPEND Nowhere " + literal(msg) + "\r\n") ==
          "c NO [TRYCREATE] No such mailbox; create it first\r\n");
    CHECK(c.say("d APPEND Drafts (\\Bogus) " + literal(msg) + "\r\n") ==
          "d BAD Invalid flag in APPEND\r\n");
    // An empty literal is an empty message: RFC 3501's grammar allows a literal
    // of zero octets and RFC 5322 a message without header fields, so it is stored.
    CHECK(c.say("e APPEND Drafts " + literal("") + "\r\n") ==
          "e OK [APPENDUID " + uidvalidity(f, "Drafts") + " 3] APPEND completed\r\n");
    CHECK(f.mail.read_message("alice", "Drafts", 3).value().empty());
}

TEST_CASE("APPEND into the selected mailbox is told as EXISTS", "[imap][server][append]") {
    ThreeMessages t;
    const std::string out = t.c.say("a APPEND INBOX " + literal(simple_message("four")) + "\r\n");
    CHECK(contains(out, "* 4 EXISTS\r\n* 4 RECENT\r\n"));
    CHECK(out.find("* 4 EXISTS") < out.find("a OK [APPENDUID"));
    CHECK(contains(t.c.say("b FETCH 4 (UID FLAGS RFC822.SIZE)\r\n"),
                   "* 4 FETCH (UID 4 FLAGS (\\Recent) RFC822.SIZE " +
                       std::to_string(simple_message("four").size()) + ")\r\n"));
}

TEST_CASE("a huge APPEND literal is refused before allocation", "[imap][server][append][limits]") {
    StoreFixture f;
    Client c{f};
    const std::string out = c.say("a APPEND INBOX {4294967296}\r\n");
    // The command is well formed and the server refuses to store it: a tagged
    // NO with TOOBIG (RFC 9051 §7.1, RFC 4469 §5), before the "+" a client waits for.
    CHECK(out == "a NO [TOOBIG] Literal too big\r\n");
    CHECK(!contains(out, "+ OK"));
    CHECK(f.mail.messages("alice", "INBOX").value().empty());
    // The connection goes on.
    CHECK(c.say("b NOOP\r\n") == "b OK NOOP completed\r\n");
    CHECK(c.say("* NOOP\r\n").rfind("* BAD", 0) == 0);  // "*" is not a valid tag
    // A non-synchronising literal that large cannot be skipped: BYE, not a 4 GB read.
    CHECK(c.say("c APPEND INBOX {4294967296+}\r\n") ==
          "* BYE [TOOBIG] Literal too big, closing\r\n");
    CHECK(c.session.closed());
}

TEST_CASE("APPEND and COPY over quota answer OVERQUOTA", "[imap][server][quota]") {
    StoreFixture f{store::QuotaLimits{.storage_octets = 4096, .messages = 2}};
    f.deliver("INBOX", simple_message("one"));
    Client c{f};
    CHECK(c.say("a GETQUOTAROOT INBOX\r\n") ==
          "* QUOTAROOT INBOX \"\"\r\n"
          "* QUOTA \"\" (STORAGE 1 4 MESSAGE 1 2)\r\n"
          "a OK GETQUOTAROOT completed\r\n");
    CHECK(c.say("b GETQUOTA \"\"\r\n") ==
          "* QUOTA \"\" (STORAGE 1 4 MESSAGE 1 2)\r\nb OK GETQUOTA completed\r\n");
    CHECK(c.say("c GETQUOTA other\r\n") == "c NO [NONEXISTENT] No such quota root\r\n");
    CHECK(c.say("d SETQUOTA \"\" (STORAGE 9)\r\n").rfind("d NO [NOPERM]", 0) == 0);
    CHECK(c.say("e APPEND INBOX " + literal(std::string(5000, 'x')) + "\r\n")
              .rfind("e NO [OVERQUOTA]", 0) == 0);
    c.say("f SELECT INBOX\r\n");
    CHECK(c.say("g COPY 1 Trash\r\n").rfind("g OK [COPYUID", 0) == 0);
    CHECK(c.say("h COPY 1 Trash\r\n").rfind("h NO [OVERQUOTA]", 0) == 0);
}

TEST_CASE("FETCH of the items the store knows", "[imap][server][fetch]") {
    ThreeMessages t;
    const auto size = std::to_string(simple_message("one").size());
    CHECK(t.c.say("a FETCH 1:2 (FLAGS UID RFC822.SIZE INTERNALDATE)\r\n") ==
          "* 1 FETCH (FLAGS (\\Recent) UID 1 RFC822.SIZE " + size +
              " INTERNALDATE \"14-Nov-2023 22:13:20 +0000\")\r\n"
              "* 2 FETCH (FLAGS (\\Recent \\Seen) UID 2 RFC822.SIZE " +
              size +
              " INTERNALDATE \"14-Nov-2023 22:13:20 +0000\")\r\n"
              "a OK FETCH completed\r\n");
    // UID FETCH always includes the UID; UIDs that do not exist are skipped.
    CHECK(t.c.say("b UID FETCH 2:9 FLAGS\r\n") ==
          "* 2 FETCH (UID 2 FLAGS (\\Recent \\Seen))\r\n"
          "* 3 FETCH (UID 3 FLAGS (\\Recent))\r\n"
          "b OK FETCH completed\r\n");
    CHECK(t.c.say("c FETCH 4 FLAGS\r\n") == "c BAD Invalid message sequence number\r\n");
    CHECK(t.c.say("d FETCH * UID\r\n") == "* 3 FETCH (UID 3)\r\nd OK FETCH completed\r\n");
    CHECK(t.c.say("e UID FETCH 9 FLAGS\r\n") == "e OK FETCH completed\r\n");
}

TEST_CASE("BODY[] sets Seen and reports FLAGS, BODY.PEEK does not", "[imap][server][fetch]") {
    ThreeMessages t;
    const std::string one = simple_message("one");
    CHECK(t.c.say("a FETCH 1 BODY.PEEK[]\r\n") == "* 1 FETCH (BODY[] {" +
                                                      std::to_string(one.size()) + "}\r\n" + one +
                                                      ")\r\na OK FETCH completed\r\n");
    CHECK_FALSE(t.f.mail.messages("alice", "INBOX").value()[0].flags.has(store::SystemFlag::Seen));
    CHECK(t.c.say("b FETCH 1 BODY[]\r\n") ==
          "* 1 FETCH (BODY[] {" + std::to_string(one.size()) + "}\r\n" + one +
              " FLAGS (\\Recent \\Seen))\r\nb OK FETCH completed\r\n");
    CHECK(t.f.mail.messages("alice", "INBOX").value()[0].flags.has(store::SystemFlag::Seen));
    // EXAMINE is read-only: even BODY[] leaves \Seen alone.
    t.c.say("c EXAMINE INBOX\r\n");
    t.c.say("d FETCH 3 BODY[TEXT]\r\n");
    CHECK_FALSE(t.f.mail.messages("alice", "INBOX").value()[2].flags.has(store::SystemFlag::Seen));
}

TEST_CASE("STORE +FLAGS -FLAGS FLAGS and .SILENT", "[imap][server][store]") {
    ThreeMessages t;
    // A new keyword is announced in FLAGS before a FETCH shows it (RFC 3501 §7.2.6).
    CHECK(t.c.say("a STORE 1,3 +FLAGS (\\Flagged $Work)\r\n") ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)\r\n"
          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work \\*)] "
          "Flags permitted\r\n"
          "* 1 FETCH (FLAGS (\\Recent \\Flagged $Work))\r\n"
          "* 3 FETCH (FLAGS (\\Recent \\Flagged $Work))\r\n"
          "a OK STORE completed\r\n");
    CHECK(t.c.say("b STORE 1 -FLAGS ($Work)\r\n") ==
          "* 1 FETCH (FLAGS (\\Recent \\Flagged))\r\nb OK STORE completed\r\n");
    CHECK(t.c.say("c UID STORE 2 FLAGS.SILENT (\\Deleted)\r\n") == "c OK STORE completed\r\n");
    CHECK(t.f.mail.messages("alice", "INBOX").value()[1].flags ==
          store::Flags{}.set(store::SystemFlag::Deleted));
    CHECK(t.c.say("d UID STORE 3 FLAGS (\\Seen)\r\n") ==
          "* 3 FETCH (UID 3 FLAGS (\\Recent \\Seen))\r\nd OK STORE completed\r\n");
    CHECK(t.c.say("e STORE 1 +FLAGS (\\Bogus)\r\n") == "e BAD Invalid flag in STORE\r\n");
    CHECK(t.c.say("f STORE 7 +FLAGS (\\Seen)\r\n") == "f BAD Invalid message sequence number\r\n");
}

TEST_CASE("STORE UNCHANGEDSINCE reports MODIFIED on a conflict",
          "[imap][server][store][condstore]") {
    ThreeMessages t;
    const auto before = t.f.mail.messages("alice", "INBOX").value();
    // Another device changes message 2 after this client read its MODSEQ.
    (void)t.f.mail.store_flags(
        "alice", "INBOX", {2},
        {store::FlagOp::Add, store::Flags{}.set(store::SystemFlag::Flagged)});
    const std::string out = t.c.say("a STORE 1:2 (UNCHANGEDSINCE " +
                                    std::to_string(before[1].modseq) + ") +FLAGS (\\Answered)\r\n");
    const auto after = t.f.mail.messages("alice", "INBOX").value();
    CHECK(contains(out, "* 1 FETCH (FLAGS (\\Recent \\Answered) MODSEQ (" +
                            std::to_string(after[0].modseq) + "))\r\n"));
    CHECK(contains(out, "a OK [MODIFIED 2] Conditional STORE failed for some messages\r\n"));
    CHECK_FALSE(after[1].flags.has(store::SystemFlag::Answered));
    // The other device's flag change is told too (as an untagged FETCH with MODSEQ).
    CHECK(contains(out, "* 2 FETCH (UID 2 FLAGS (\\Recent \\Seen \\Flagged) MODSEQ"));
    CHECK(t.c.say("b UID STORE 1:3 (UNCHANGEDSINCE 0) +FLAGS (\\Draft)\r\n") ==
          "b OK [MODIFIED 1:3] Conditional STORE failed for some messages\r\n");
}

TEST_CASE("SEARCH on flags, sizes, dates and UIDs, ESEARCH", "[imap][server][search]") {
    ThreeMessages t;
    CHECK(t.c.say("a SEARCH UNSEEN\r\n") == "* SEARCH 1 3\r\na OK SEARCH completed\r\n");
    CHECK(t.c.say("b UID SEARCH SEEN\r\n") == "* SEARCH 2\r\nb OK UID SEARCH completed\r\n");
    CHECK(t.c.say("c SEARCH LARGER 150 RECENT\r\n") == "* SEARCH 3\r\nc OK SEARCH completed\r\n");
    CHECK(t.c.say("d SEARCH OR UID 1 SEEN NOT 3\r\n") ==
          "* SEARCH 1 2\r\nd OK SEARCH completed\r\n");
    CHECK(t.c.say("e SEARCH SINCE 14-Nov-2023 BEFORE 15-Nov-2023\r\n") ==
          "* SEARCH 1 2 3\r\ne OK SEARCH completed\r\n");
    CHECK(t.c.say("f SEARCH ON 13-Nov-2023\r\n") == "* SEARCH\r\nf OK SEARCH completed\r\n");
    CHECK(t.c.say("g SEARCH CHARSET UTF-8 2:*\r\n") == "* SEARCH 2 3\r\ng OK SEARCH completed\r\n");
    CHECK(t.c.say("h SEARCH CHARSET KOI8-R ALL\r\n") ==
          "h NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n");
    CHECK(t.c.say("i UID SEARCH RETURN (MIN MAX COUNT) UNSEEN\r\n") ==
          "* ESEARCH (TAG \"i\") UID MIN 1 MAX 3 COUNT 2\r\ni OK UID SEARCH completed\r\n");
    CHECK(t.c.say("j SEARCH RETURN () ALL\r\n") ==
          "* ESEARCH (TAG \"j\") ALL 1:3\r\nj OK SEARCH completed\r\n");
    CHECK(t.c.say("k SEARCH RETURN (COUNT) DELETED\r\n") ==
          "* ESEARCH (TAG \"k\") COUNT 0\r\nk OK SEARCH completed\r\n");
    CHECK(t.c.say("l SEARCH RETURN (SAVE) ALL\r\n") == "l OK SEARCH completed\r\n");
    const auto modseq = t.f.mail.messages("alice", "INBOX").value()[2].modseq;
    const auto highest = t.f.mail.status("alice", "INBOX").value().highest_modseq;
    // The first CONDSTORE-enabling command tells HIGHESTMODSEQ (RFC 7162 §3.1).
    CHECK(t.c.say("m SEARCH MODSEQ " + std::to_string(modseq) + "\r\n") ==
          "* OK [HIGHESTMODSEQ " + std::to_string(highest) + "] Highest\r\n* SEARCH 3 (MODSEQ " +
              std::to_string(modseq) + ")\r\nm OK SEARCH completed\r\n");
}

TEST_CASE("COPY and MOVE answer COPYUID, MOVE expunges", "[imap][server][copy]") {
    ThreeMessages t;
    const std::string trash = uidvalidity(t.f, "Trash");
    CHECK(t.c.say("a COPY 1:2 Trash\r\n") ==
          "a OK [COPYUID " + trash + " 1:2 1:2] COPY completed\r\n");
    CHECK(t.c.say("b UID MOVE 1,3 Trash\r\n") == "* OK [COPYUID " + trash +
                                                     " 1,3 3:4] Moved\r\n"
                                                     "* 1 EXPUNGE\r\n"
                                                     "* 2 EXPUNGE\r\n"
                                                     "b OK MOVE completed\r\n");
    CHECK(t.c.say("c FETCH 1 UID\r\n") == "* 1 FETCH (UID 2)\r\nc OK FETCH completed\r\n");
    CHECK(t.c.say("d COPY 1 Nowhere\r\n") ==
          "d NO [TRYCREATE] No such mailbox; create it first\r\n");
    CHECK(t.c.say("e MOVE 1 ../x\r\n") == "e NO [CANNOT] Invalid name\r\n");
    // Copying into the selected mailbox shows the copy as new mail.
    CHECK(contains(t.c.say("f COPY 1 INBOX\r\n"), "* 2 EXISTS\r\n"));
    CHECK(t.f.mail.messages("alice", "Trash").value().size() == 4);
}

TEST_CASE("EXPUNGE shifts sequence numbers, UID EXPUNGE, CLOSE is silent",
          "[imap][server][expunge]") {
    ThreeMessages t;
    t.c.say("a STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n");
    CHECK(t.c.say("b UID EXPUNGE 2\r\n") == "* 2 EXPUNGE\r\nb OK EXPUNGE completed\r\n");
    CHECK(t.c.say("c FETCH 2 UID\r\n") == "* 2 FETCH (UID 3)\r\nc OK FETCH completed\r\n");
    CHECK(t.c.say("d EXPUNGE\r\n") == "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nd OK EXPUNGE completed\r\n");
    CHECK(t.c.say("e FETCH 1 UID\r\n") == "e BAD Invalid message sequence number\r\n");
    t.f.deliver("INBOX", simple_message("four"));
    CHECK(t.c.say("f NOOP\r\n") == "* 1 EXISTS\r\n* 1 RECENT\r\nf OK NOOP completed\r\n");
    t.c.say("g STORE 1 +FLAGS (\\Deleted)\r\n");
    CHECK(t.c.say("h CLOSE\r\n") == "h OK CLOSE completed\r\n");
    CHECK(t.c.session.state() == ServerState::Authenticated);
    CHECK(t.f.mail.messages("alice", "INBOX").value().empty());
    CHECK(t.c.say("i CHECK\r\n") == "i BAD CHECK is not allowed in the AUTHENTICATED state\r\n");
}

TEST_CASE("commands in the wrong state", "[imap][server]") {
    StoreFixture f;
    Client c{f, false};
    for (const char* cmd : {"FETCH 1 FLAGS", "STORE 1 FLAGS ()", "APPEND INBOX {1+}\r\nx",
                            "GETQUOTAROOT INBOX", "EXPUNGE", "COPY 1 Trash", "SEARCH ALL"}) {
        INFO(cmd);
        CHECK(c.say(std::string{"a "} + cmd + "\r\n").rfind("a BAD", 0) == 0);
    }
    c.say("b LOGIN alice pw\r\n");
    for (const char* cmd : {"FETCH 1 FLAGS", "UID STORE 1 FLAGS ()", "CLOSE", "UID EXPUNGE 1",
                            "UID MOVE 1 Trash", "SEARCH ALL", "CHECK"}) {
        INFO(cmd);
        CHECK(c.say(std::string{"c "} + cmd + "\r\n").rfind("c BAD", 0) == 0);
    }
}

TEST_CASE("FETCH of the items read from the message", "[imap][server][fetch]") {
    ThreeMessages t;
    const std::string one = simple_message("one");
    const std::string env = t.c.say("a FETCH 1 (ENVELOPE BODYSTRUCTURE BODY)\r\n");
    CHECK(contains(env,
                   "* 1 FETCH (ENVELOPE (\"Tue, 14 Nov 2023 10:00:00 +0000\" \"one\" "
                   "((NIL NIL \"bob\" \"example.org\"))"));
    CHECK(contains(env, "BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\")"));
    CHECK(contains(env, " BODY (\"text\" \"plain\""));
    CHECK(contains(env, "a OK FETCH completed\r\n"));
    CHECK(t.c.say("b FETCH 2 BODY.PEEK[HEADER.FIELDS (Subject)]\r\n") ==
          "* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: two\r\n\r\n)\r\n"
          "b OK FETCH completed\r\n");
    CHECK(t.c.say("c FETCH 1 (BODY.PEEK[TEXT]<1.3> RFC822.HEADER)\r\n") ==
          "* 1 FETCH (BODY[TEXT]<1> \"ell\" RFC822.HEADER {" + std::to_string(one.size() - 7) +
              "}\r\n" + one.substr(0, one.size() - 7) + ")\r\nc OK FETCH completed\r\n");
    CHECK(t.c.say("d FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[1])\r\n") ==
          "* 1 FETCH (BINARY[1] {7}\r\nHello\r\n BINARY.SIZE[1] 7)\r\nd OK FETCH completed\r\n");
    const std::string odd =
        "Subject: odd\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n";
    t.c.say("x APPEND INBOX " + literal(odd) + "\r\n");
    CHECK(t.c.say("y FETCH 4 BINARY.PEEK[1]\r\n") ==
          "y NO [UNKNOWN-CTE] A part has a transfer encoding the server cannot decode\r\n");
    // RFC822 sets \Seen (RFC 3501 §6.4.5) and the FETCH says so.
    CHECK(contains(t.c.say("e FETCH 3 RFC822\r\n"), " FLAGS (\\Recent \\Seen))\r\n"));
}

TEST_CASE("SEARCH on header and text keys reads the messages", "[imap][server][search]") {
    ThreeMessages t;
    CHECK(t.c.say("a SEARCH SUBJECT tw\r\n") == "* SEARCH 2\r\na OK SEARCH completed\r\n");
    CHECK(t.c.say("b SEARCH FROM BOB@example TO alice\r\n") ==
          "* SEARCH 1 2 3\r\nb OK SEARCH completed\r\n");
    CHECK(t.c.say("c SEARCH BODY xxxx\r\n") == "* SEARCH 3\r\nc OK SEARCH completed\r\n");
    CHECK(t.c.say("d UID SEARCH TEXT three\r\n") == "* SEARCH 3\r\nd OK UID SEARCH completed\r\n");
    CHECK(t.c.say("e SEARCH SENTON 14-Nov-2023 HEADER Subject one\r\n") ==
          "* SEARCH 1\r\ne OK SEARCH completed\r\n");
    CHECK(t.c.say("f SEARCH SENTBEFORE 1-Jan-2020\r\n") == "* SEARCH\r\nf OK SEARCH completed\r\n");
    CHECK(t.c.say("g SEARCH CHARSET UTF-8 SUBJECT {3+}\r\none\r\n") ==
          "* SEARCH 1\r\ng OK SEARCH completed\r\n");
}

TEST_CASE("internal dates convert between unix seconds and IMAP date-time", "[imap][server]") {
    const DateTime epoch = utc_date_time(0);
    CHECK(epoch.date == Date{1970, 1, 1});
    CHECK(format_date_time(utc_date_time(836905465)) == "\" 9-Jul-1996 09:44:25 +0000\"");
    const auto pdt = parse_date_time_text(" 9-Jul-1996 02:44:25 -0700");
    REQUIRE(pdt);
    CHECK(to_unix_seconds(*pdt) == 836905465);
}

TEST_CASE("RENAME INBOX while INBOX is selected tells the expunges", "[imap][server][expunge]") {
    ThreeMessages t;
    CHECK(t.c.say("a RENAME INBOX Old\r\n") ==
          "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\na OK RENAME completed\r\n");
    CHECK(t.c.say("b NOOP\r\n") == "b OK NOOP completed\r\n");
    CHECK(t.f.mail.messages("alice", "Old").value().size() == 3);
}
