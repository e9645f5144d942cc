#include <catch2/catch.hpp>
#include <string>

#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

TEST_CASE("tags and command names", "[imap][parser]") {
    auto tc = parse_ok("A001 capability");
    CHECK(tc.tag == "A001");
    CHECK(tc.name == "CAPABILITY");
    CHECK(std::holds_alternative<CapabilityCmd>(tc.command));
    CHECK(parse_ok("x NoOp").name == "NOOP");

    CHECK(parse_bad("+a NOOP").tag.empty());
    CHECK(parse_bad("NOOP").tag.empty());
    CHECK(parse_bad("* NOOP").tag.empty());
    CHECK(parse_bad("a{1} NOOP").tag.empty());
    CHECK(parse_bad("").tag.empty());
    auto unknown = parse_bad("a7 FROBNICATE");
    CHECK(unknown.tag == "a7");
    CHECK(unknown.message == "Unknown command FROBNICATE");
    CHECK(parse_bad("a7 ").tag == "a7");
    CHECK(parse_bad("a7 NOOP extra").tag == "a7");
    CHECK(parse_bad("a7 NOOP ").tag == "a7");
    CHECK(parse_bad("a7  NOOP").tag == "a7");
}

TEST_CASE("commands without arguments", "[imap][parser]") {
    CHECK(std::holds_alternative<NoopCmd>(parse_ok("a NOOP").command));
    CHECK(std::holds_alternative<LogoutCmd>(parse_ok("a LOGOUT").command));
    CHECK(std::holds_alternative<StartTlsCmd>(parse_ok("a STARTTLS").command));
    CHECK(std::holds_alternative<CheckCmd>(parse_ok("a CHECK").command));
    CHECK(std::holds_alternative<CloseCmd>(parse_ok("a CLOSE").command));
    CHECK(std::holds_alternative<UnselectCmd>(parse_ok("a UNSELECT").command));
    CHECK(std::holds_alternative<IdleCmd>(parse_ok("a IDLE").command));
    CHECK(std::holds_alternative<NamespaceCmd>(parse_ok("a NAMESPACE").command));
    CHECK_FALSE(parse_as<ExpungeCmd>("a EXPUNGE").uids);
    for (const char* bad : {"a CAPABILITY x", "a LOGOUT now", "a IDLE 1", "a CLOSE (x)"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("LOGIN and AUTHENTICATE with SASL-IR", "[imap][parser]") {
    auto login = parse_as<LoginCmd>("a LOGIN alice \"pa ss\"");
    CHECK(login.user == "alice");
    CHECK(login.password == "pa ss");
    auto lit = parse_as<LoginCmd>("a LOGIN {5}\r\nalice {4+}\r\n\"()\\");
    CHECK(lit.user == "alice");
    CHECK(lit.password == "\"()\\");
    parse_bad("a LOGIN alice");
    parse_bad("a LOGIN alice (pw)");
    parse_bad("a LOGIN \"al\xc3\xa9\" pw");

    auto plain = parse_as<AuthenticateCmd>("a authenticate plain");
    CHECK(plain.mechanism == "PLAIN");
    CHECK_FALSE(plain.initial_response);
    auto ir = parse_as<AuthenticateCmd>("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==");
    CHECK(ir.initial_response == std::string{"AGFsaWNlAHNlY3JldA=="});
    CHECK(parse_as<AuthenticateCmd>("a AUTHENTICATE PLAIN =").initial_response == std::string{"="});
    parse_bad("a AUTHENTICATE");
    parse_bad("a AUTHENTICATE PLAIN abc!");
    parse_bad("a AUTHENTICATE PLAIN abc def");
}

TEST_CASE("SELECT and EXAMINE with CONDSTORE and QRESYNC", "[imap][parser]") {
    auto sel = parse_as<SelectCmd>("a SELECT inbox");
    CHECK(sel.mailbox.name == "INBOX");
    CHECK_FALSE(sel.read_only);
    CHECK(parse_as<SelectCmd>("a EXAMINE \"Sent Items\"").read_only);
    CHECK(parse_as<SelectCmd>("a EXAMINE \"Sent Items\"").mailbox.name == "Sent Items");
    CHECK(parse_as<SelectCmd>("a SELECT InBoX.sub").mailbox.name == "InBoX.sub");
    CHECK(parse_as<SelectCmd>("a SELECT INBOX (CONDSTORE)").condstore);

    auto q = parse_as<SelectCmd>(
        "a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))");
    REQUIRE(q.qresync);
    CHECK(q.qresync->uidvalidity == 67890007u);
    CHECK(q.qresync->modseq == 20050715194045000ULL);
    REQUIRE(q.qresync->known_uids);
    CHECK(format_sequence_set(*q.qresync->known_uids) == "41,43:211,214:541");
    CHECK_FALSE(q.qresync->seq_match);

    auto m = parse_as<SelectCmd>(
        "a SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000 "
        "15000,22500,27000)))");
    REQUIRE(m.qresync->seq_match);
    CHECK(format_sequence_set(m.qresync->seq_match->first) == "5000,7500,9000");
    CHECK(format_sequence_set(m.qresync->seq_match->second) == "15000,22500,27000");
    auto bare = parse_as<SelectCmd>("a SELECT INBOX (QRESYNC (1 2))");
    CHECK_FALSE(bare.qresync->known_uids);

    parse_bad("a SELECT");
    parse_bad("a SELECT INBOX ()");
    parse_bad("a SELECT INBOX (FOO)");
    parse_bad("a SELECT INBOX (QRESYNC (0 5))");
    parse_bad("a SELECT INBOX (QRESYNC (1 0))");
    parse_bad("a SELECT INBOX (QRESYNC (1))");
    parse_bad("a SELECT INBOX (QRESYNC (1 2) QRESYNC (1 2))");
    parse_bad("a SELECT INBOX Sent");
}

TEST_CASE("mailbox management commands", "[imap][parser]") {
    CHECK(parse_as<CreateCmd>("a CREATE Archive/2024").mailbox.name == "Archive/2024");
    CHECK(parse_as<DeleteCmd>("a DELETE {4}\r\nJunk").mailbox.name == "Junk");
    auto ren = parse_as<RenameCmd>("a RENAME Old \"New Name\"");
    CHECK(ren.from.name == "Old");
    CHECK(ren.to.name == "New Name");
    CHECK(parse_as<SubscribeCmd>("a SUBSCRIBE Lists").subscribe);
    CHECK_FALSE(parse_as<SubscribeCmd>("a UNSUBSCRIBE Lists").subscribe);
    CHECK(parse_as<GetQuotaRootCmd>("a GETQUOTAROOT inbox").mailbox.name == "INBOX");
    CHECK(parse_as<GetQuotaCmd>("a GETQUOTA \"\"").root.empty());
    auto sq = parse_as<SetQuotaCmd>("a SETQUOTA \"\" (STORAGE 512 message 1000)");
    CHECK(sq.limits ==
          std::vector<std::pair<std::string, std::uint64_t>>{{"STORAGE", 512}, {"MESSAGE", 1000}});
    CHECK(parse_as<SetQuotaCmd>("a SETQUOTA root ()").limits.empty());
    for (const char* bad : {"a CREATE", "a CREATE a b", "a DELETE (x)", "a RENAME Old",
                            "a SUBSCRIBE", "a SETQUOTA root", "a SETQUOTA root (STORAGE)",
                            "a SETQUOTA root (STORAGE x)", "a GETQUOTA", "a CREATE a%b"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("LIST, LSUB and LIST-EXTENDED", "[imap][parser]") {
    auto simple = parse_as<ListCmd>("a LIST \"\" \"*\"");
    CHECK(simple.reference.name.empty());
    CHECK(simple.patterns == std::vector<std::string>{"*"});
    CHECK(parse_as<ListCmd>("a LIST \"\" %/Sub*").patterns == std::vector<std::string>{"%/Sub*"});
    CHECK(parse_as<ListCmd>("a LSUB \"\" *").lsub);

    auto ext = parse_as<ListCmd>(
        "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX Sent*) RETURN (CHILDREN SPECIAL-USE "
        "STATUS (MESSAGES UNSEEN))");
    CHECK(ext.selection == std::vector<std::string>{"SUBSCRIBED", "RECURSIVEMATCH"});
    CHECK(ext.patterns == std::vector<std::string>{"INBOX", "Sent*"});
    CHECK(ext.returns == std::vector<std::string>{"CHILDREN", "SPECIAL-USE", "STATUS"});
    CHECK(ext.status_items == std::vector<std::string>{"MESSAGES", "UNSEEN"});
    CHECK(parse_as<ListCmd>("a LIST () \"\" * RETURN ()").returns.empty());

    for (const char* bad : {"a LIST", "a LIST \"\"", "a LIST \"\" * RETURN", "a LIST \"\" * FOO ()",
                            "a LIST \"\" * RETURN (STATUS (BOGUS))", "a LSUB (x) \"\" *",
                            "a LIST \"\" ()", "a LIST \"\" * RETURN (STATUS ())"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("STATUS", "[imap][parser]") {
    auto st = parse_as<StatusCmd>(
        "a STATUS Drafts (messages UIDNEXT UIDVALIDITY unseen "
        "HIGHESTMODSEQ RECENT SIZE DELETED)");
    CHECK(st.mailbox.name == "Drafts");
    CHECK(st.items.size() == 8);
    CHECK(st.items.front() == "MESSAGES");
    for (const char* bad : {"a STATUS Drafts", "a STATUS Drafts ()", "a STATUS Drafts (FOO)",
                            "a STATUS (MESSAGES)", "a STATUS Drafts MESSAGES"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("APPEND with flags, date-time and literal", "[imap][parser]") {
    const std::string msg = "From: a@x.test\r\nSubject: hi\r\n\r\nbody\r\n";
    auto app = parse_as<AppendCmd>(
        "a APPEND saved-messages (\\seen $Forwarded) \"05-Jan-2024 "
        "10:00:00 +0100\" {" +
        std::to_string(msg.size()) + "}\r\n" + msg);
    CHECK(app.mailbox.name == "saved-messages");
    REQUIRE(app.messages.size() == 1);
    CHECK(app.messages[0].flags == std::vector<std::string>{"\\Seen", "$Forwarded"});
    REQUIRE(app.messages[0].internal_date);
    CHECK(app.messages[0].internal_date->date == Date{2024, 1, 5});
    CHECK(app.messages[0].message == msg);
    CHECK(app.messages[0].data == AppendData::Literal);
    auto plain = parse_as<AppendCmd>("a APPEND INBOX {3+}\r\nabc");
    REQUIRE(plain.messages.size() == 1);
    CHECK(plain.messages[0].flags.empty());
    CHECK_FALSE(plain.messages[0].internal_date);
    CHECK(parse_as<AppendCmd>("a APPEND INBOX () {0}\r\n").messages.at(0).message.empty());

    for (std::string bad : {std::string{"a APPEND INBOX \"abc\""}, std::string{"a APPEND INBOX"},
                            std::string{"a APPEND INBOX (\\Recent) {1}\r\nx"},
                            std::string{"a APPEND INBOX \"31-Feb-2024 10:00:00 +0100\" {1}\r\nx"},
                            std::string{"a APPEND INBOX {3}\r\na\0b", 20}}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("FETCH with attributes and CONDSTORE/QRESYNC modifiers", "[imap][parser]") {
    auto f = parse_as<FetchCmd>("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)");
    CHECK(f.uid);
    CHECK(f.changed_since == 5u);
    CHECK_FALSE(f.vanished);
    REQUIRE(f.attributes.size() == 1);
    CHECK(f.attributes[0].item == FetchItem::Flags);
    CHECK(parse_as<FetchCmd>("a UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)").vanished);
    CHECK_FALSE(parse_as<FetchCmd>("a FETCH 2 ALL").uid);
    CHECK(parse_as<FetchCmd>("a FETCH $ FAST").set.saved);

    for (const char* bad :
         {"a FETCH", "a FETCH 1", "a FETCH 0 FLAGS", "a FETCH 1 (FLAGS",
          "a FETCH 1 FLAGS (CHANGEDSINCE 0)", "a FETCH 1 FLAGS (FOO 1)",
          "a FETCH 1 (FLAGS) (VANISHED)", "a FETCH 1 FLAGS (CHANGEDSINCE 5 VANISHED)",
          "a UID FETCH 1 FLAGS (VANISHED)", "a FETCH 1 FLAGS ()",
          "a FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("STORE with modes, SILENT and UNCHANGEDSINCE", "[imap][parser]") {
    auto s = parse_as<StoreCmd>("a STORE 2:4 +FLAGS (\\Deleted)");
    CHECK(s.mode == StoreMode::Add);
    CHECK_FALSE(s.silent);
    CHECK(s.flags == std::vector<std::string>{"\\Deleted"});
    auto r = parse_as<StoreCmd>("a UID STORE 7 -FLAGS.SILENT \\Seen \\flagged $Junk");
    CHECK(r.uid);
    CHECK(r.mode == StoreMode::Remove);
    CHECK(r.silent);
    CHECK(r.flags == std::vector<std::string>{"\\Seen", "\\Flagged", "$Junk"});
    auto c = parse_as<StoreCmd>("a STORE 1 (UNCHANGEDSINCE 0) FLAGS ()");
    CHECK(c.mode == StoreMode::Replace);
    CHECK(c.unchanged_since == 0u);
    CHECK(c.flags.empty());
    for (const char* bad :
         {"a STORE 1 FLAGS", "a STORE 1 +FLAGZ (\\Seen)", "a STORE 1 *FLAGS x",
          "a STORE 1 FLAGS (\\Recent)", "a STORE 1 (UNCHANGEDSINCE) FLAGS x",
          "a STORE 1 (FOO 1) FLAGS x", "a STORE x FLAGS y", "a STORE 1 FLAGS (\\)"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("flag lists have a size limit", "[imap][parser]") {
    std::string flags;
    for (std::size_t i = 0; i < kMaxFlags; ++i)
        flags += (i ? " k" : "k") + std::to_string(i);
    CHECK(parse_as<StoreCmd>("a STORE 1 FLAGS (" + flags + ")").flags.size() == kMaxFlags);
    CHECK(parse_bad("a STORE 1 FLAGS (" + flags + " extra)").message.find("Too many") !=
          std::string::npos);
}

TEST_CASE("COPY, MOVE and UID variants, UID EXPUNGE", "[imap][parser]") {
    auto c = parse_as<CopyCmd>("a COPY 2:4 MEETING");
    CHECK_FALSE(c.uid);
    CHECK_FALSE(c.move);
    CHECK(c.mailbox.name == "MEETING");
    auto m = parse_as<CopyCmd>("a UID MOVE 42:69 \"Archive\"");
    CHECK(m.uid);
    CHECK(m.move);
    CHECK(parse_ok("a uid move 1 x").name == "UID MOVE");
    auto e = parse_as<ExpungeCmd>("a UID EXPUNGE 3000:3002");
    REQUIRE(e.uids);
    CHECK(format_sequence_set(*e.uids) == "3000:3002");
    for (const char* bad : {"a COPY 1", "a MOVE 1:x INBOX", "a UID EXPUNGE", "a UID", "a UID NOOP",
                            "a UID SELECT INBOX", "a COPY 0 INBOX"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("SEARCH with CHARSET and ESEARCH RETURN", "[imap][parser]") {
    auto s = parse_as<SearchCmd>("a UID SEARCH RETURN (MIN MAX COUNT) CHARSET UTF-8 UNSEEN");
    CHECK(s.uid);
    CHECK(s.returns == std::vector<std::string>{"MIN", "MAX", "COUNT"});
    CHECK(s.charset == std::string{"UTF-8"});
    REQUIRE(s.criteria.children.size() == 1);
    CHECK(s.criteria.children[0].kind == SearchKeyKind::Unseen);
    auto empty_ret = parse_as<SearchCmd>("a SEARCH RETURN () ALL");
    REQUIRE(empty_ret.returns);
    CHECK(empty_ret.returns->empty());
    CHECK_FALSE(parse_as<SearchCmd>("a SEARCH ALL").returns);
    for (const char* bad : {"a SEARCH", "a SEARCH RETURN (FOO) ALL", "a SEARCH CHARSET UTF-8",
                            "a SEARCH ALL ", "a SEARCH BOGUS"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("ENABLE and ID", "[imap][parser]") {
    CHECK(parse_as<EnableCmd>("a ENABLE condstore QRESYNC").capabilities ==
          std::vector<std::string>{"CONDSTORE", "QRESYNC"});
    auto id = parse_as<IdCmd>("a ID (\"name\" \"Thunderbird\" \"version\" \"115.0\" \"os\" NIL)");
    REQUIRE(id.fields.size() == 3);
    CHECK(id.fields[0].first == "name");
    CHECK(id.fields[1].second == std::string{"115.0"});
    CHECK_FALSE(id.fields[2].second);
    CHECK(parse_as<IdCmd>("a ID NIL").fields.empty());
    std::string many = "a ID (";
    for (std::size_t i = 0; i <= kMaxIdFields; ++i)
        many += (i ? " \"k\" NIL" : "\"k\" NIL");
    CHECK(parse_bad(many + ")").tag == "a");
    for (const char* bad : {"a ENABLE", "a ID", "a ID ()", "a ID (\"name\")", "a ID (name x)"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("lists that must be flat refuse nesting", "[imap][parser]") {
    for (const char* bad :
         {"a STORE 1 FLAGS ((\\Seen))", "a LIST ((SUBSCRIBED)) \"\" *", "a STATUS x ((MESSAGES))",
          "a FETCH 1 ((FLAGS))", "a ID ((\"name\" \"x\"))", "a SETQUOTA \"\" ((STORAGE 1))",
          "a APPEND INBOX ((\\Seen)) {1+}\r\nx", "a SELECT INBOX ((CONDSTORE))",
          "a LIST \"\" ((INBOX))", "a SEARCH RETURN ((MIN)) ALL"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}
