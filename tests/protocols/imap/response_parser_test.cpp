#include "protocols/imap/response_parser.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/support/chunking.hpp"

using namespace maillab::protocols::imap;

namespace {

ServerResponse parsed(std::string_view text) {
    std::string error;
    auto r = parse_response(text, &error);
    INFO(error);
    REQUIRE(r);
    return *r;
}

}  // namespace

TEST_CASE("response parser: tagged status with a response code", "[imap][client][parser]") {
    const auto r = parsed("A7 OK [COPYUID 38505 304,319:320 3956:3958] Done");
    CHECK(r.kind == ServerResponse::Kind::Tagged);
    CHECK(r.tag == "A7");
    CHECK(r.status == Status::Ok);
    REQUIRE(r.code);
    CHECK(r.code->name == "COPYUID");
    CHECK(r.code->raw == "38505 304,319:320 3956:3958");
    CHECK(r.text == "Done");
    auto copied = copy_uid(*r.code);
    REQUIRE(copied);
    CHECK(copied->uidvalidity == 38505);
    CHECK(copied->source == std::vector<std::uint32_t>{304, 319, 320});
    CHECK(copied->destination == std::vector<std::uint32_t>{3956, 3957, 3958});
}

TEST_CASE("response parser: untagged status, codes with lists and without text",
          "[imap][client][parser]") {
    const auto a = parsed("* OK [HIGHESTMODSEQ 9]");
    CHECK(a.kind == ServerResponse::Kind::Untagged);
    REQUIRE(a.code);
    CHECK(a.code->name == "HIGHESTMODSEQ");
    CHECK(a.code->args[0].number64() == 9u);
    CHECK(a.text.empty());

    const auto b = parsed("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited");
    REQUIRE(b.code);
    REQUIRE(b.code->args.size() == 1);
    CHECK(b.code->args[0].items.size() == 3);
    CHECK(b.code->args[0].items[2].text == "\\*");

    const auto c = parsed("a1 NO [MODIFIED 7,9] Conditional STORE failed");
    CHECK(c.status == Status::No);
    CHECK(c.code->name == "MODIFIED");
    CHECK(expand_uid_set(c.code->args[0].text) == std::vector<std::uint32_t>{7, 9});

    const auto d = parsed("* BYE Autologout; idle for too long");
    CHECK(d.status == Status::Bye);
    CHECK(d.text == "Autologout; idle for too long");

    const auto e = parsed("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] Dovecot ready.");
    REQUIRE(e.code);
    CHECK(e.code->args.size() == 3);
    CHECK(e.code->args[2].text == "AUTH=PLAIN");

    // A code whose arguments are not values is kept as sent.
    const auto f = parsed("* NO [BADCHARSET \"x] y");
    REQUIRE(f.code);
    CHECK(f.code->raw == "\"x");
    CHECK(f.text == "y");
}

TEST_CASE("response parser: FETCH with a literal body, flags and modseq",
          "[imap][client][parser]") {
    const std::string body = "Subject: Hi\r\n\r\n(not a list) {3}\r\n";
    const std::string text = "* 3 FETCH (UID 7 FLAGS (\\Seen $Junk) MODSEQ (12) BODY[] {" +
                             std::to_string(body.size()) + "}\r\n" + body + ")";
    const auto r = parsed(text);
    CHECK(r.number == 3u);
    CHECK(r.name == "FETCH");
    const FetchData data = fetch_data(r);
    CHECK(data.uid == 7u);
    CHECK(data.flags == std::vector<std::string>{"\\Seen", "$Junk"});
    CHECK(data.modseq == 12u);
    CHECK(data.body == body);

    const auto header =
        parsed("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)]<0> \"Subject: x\" UID 4 RFC822.SIZE 10)");
    REQUIRE(header.data[0].items.size() == 6);
    CHECK(header.data[0].items[0].text == "BODY[HEADER.FIELDS (SUBJECT)]<0>");
    CHECK(fetch_data(header).uid == 4u);
    CHECK_FALSE(fetch_data(header).body);

    const auto nil = parsed("* 2 FETCH (UID 9 BODY[] NIL)");
    CHECK(nil.data[0].items[3].type == Value::Type::Nil);
}

TEST_CASE("response parser: SEARCH, ESEARCH, VANISHED, LIST, EXISTS, continuation",
          "[imap][client][parser]") {
    const auto s = parsed("* SEARCH 1 2 84");
    CHECK(s.name == "SEARCH");
    CHECK(s.data.size() == 3);
    CHECK(parsed("* SEARCH").data.empty());

    const auto es = parsed("* ESEARCH (TAG \"A5\") UID ALL 2,10:11");
    CHECK(es.data[0].items[1].text == "A5");
    CHECK(es.data.back().text == "2,10:11");

    const auto v = parsed("* VANISHED (EARLIER) 4:6");
    CHECK(v.data[0].items[0].is_atom("EARLIER"));
    CHECK(expand_uid_set(v.data[1].text) == std::vector<std::uint32_t>{4, 5, 6});

    const auto l = parsed("* LIST (\\HasNoChildren) \"/\" \"Sent Items\"");
    CHECK(l.data[2].text == "Sent Items");
    CHECK(parsed("* LIST () NIL INBOX").data[1].type == Value::Type::Nil);

    const auto e = parsed("* 23 EXISTS");
    CHECK(e.number == 23u);
    CHECK(e.name == "EXISTS");

    const auto c = parsed("+ Ready for literal data");
    CHECK(c.kind == ServerResponse::Kind::Continuation);
    CHECK(c.text == "Ready for literal data");
    CHECK(parsed("+").text.empty());
}

TEST_CASE("response parser: malformed responses are refused, never thrown",
          "[imap][client][parser]") {
    for (std::string_view bad :
         {"", "*", "A1", "A1 FETCH (UID 1)", "A1 BYE x", "* 1", "* 3 FETCH (UID 7",
          "* 3 FETCH (UID \"7)", "* SEARCH )", "* 3 FETCH (BODY[] {5}\r\nab)",
          "* 3 FETCH (BODY[ 1)", "* 3 FETCH (BODY[] {99999999999999999999}\r\n)", " OK x"}) {
        INFO(bad);
        CHECK_FALSE(parse_response(bad));
    }
}

TEST_CASE("response parser: nesting and value limits", "[imap][client][parser][limits]") {
    std::string ok = "* X ";
    ok += std::string(kMaxResponseNesting, '(') + std::string(kMaxResponseNesting, ')');
    CHECK(parse_response(ok));
    std::string deep = "* X ";
    deep += std::string(kMaxResponseNesting + 1, '(') + std::string(kMaxResponseNesting + 1, ')');
    std::string error;
    CHECK_FALSE(parse_response(deep, &error));
    CHECK(error == "lists nested too deep");

    std::string many = "* SEARCH";
    for (std::size_t i = 0; i < kMaxResponseValues; ++i)
        many += " 1";
    CHECK(parse_response(many));
    many += " 1";
    CHECK_FALSE(parse_response(many, &error));
    CHECK(error == "too many values");
}

TEST_CASE("response parser: UID sets expand within kMaxExpandedUids", "[imap][client][limits]") {
    CHECK(expand_uid_set("7:5,9") == std::vector<std::uint32_t>{5, 6, 7, 9});
    CHECK(expand_uid_set("1:" + std::to_string(kMaxExpandedUids))->size() == kMaxExpandedUids);
    CHECK_FALSE(expand_uid_set("1:" + std::to_string(kMaxExpandedUids + 1)));
    CHECK_FALSE(expand_uid_set("1:4294967295"));
    CHECK_FALSE(expand_uid_set("1:*"));
    CHECK_FALSE(expand_uid_set("x"));
    ParsedCode uneven{"COPYUID", {}, ""};
    uneven.args = parsed("* OK [COPYUID 1 1:2 5] x").code->args;
    CHECK_FALSE(copy_uid(uneven));
}

TEST_CASE("response reader: literals across any chunking", "[imap][client][reader]") {
    const std::string bytes =
        "* OK ready\r\n* 1 FETCH (UID 4 BODY[] {13}\r\nline\r\n{3}\r\nab)\r\n"
        "* 2 FETCH (BODY[HEADER] {0}\r\n UID 5)\nA1 OK done\r\n";
    const auto results = maillab::test::under_all_chunkings<std::vector<std::string>>(
        bytes, [](const std::function<void(const maillab::test::Feeder&)>& feed) {
            ResponseReader reader;
            std::vector<std::string> out;
            feed([&](std::string_view chunk) {
                reader.feed(chunk);
                while (reader.next() == ResponseReadStatus::Complete)
                    out.push_back(reader.response());
            });
            return out;
        });
    const std::vector<std::string> expected = {
        "* OK ready", "* 1 FETCH (UID 4 BODY[] {13}\r\nline\r\n{3}\r\nab)",
        "* 2 FETCH (BODY[HEADER] {0}\r\n UID 5)", "A1 OK done"};
    for (const auto& r : results)
        CHECK(r == expected);
    CHECK(fetch_data(*parse_response(expected[1])).body == "line\r\n{3}\r\nab");
}

TEST_CASE("response reader: limits on line length and literal size", "[imap][client][limits]") {
    ResponseReader big;
    big.feed("* 1 FETCH (BODY[] {" + std::to_string(kMaxResponseLiteralOctets + 1) + "}\r\n");
    CHECK(big.next() == ResponseReadStatus::LiteralTooBig);
    CHECK(big.next() == ResponseReadStatus::LiteralTooBig);

    ResponseReader fits;
    fits.feed("* 1 FETCH (BODY[] {" + std::to_string(kMaxResponseLiteralOctets) + "}\r\n");
    CHECK(fits.next() == ResponseReadStatus::NeedMore);

    ResponseReader overflow;
    overflow.feed("* 1 FETCH (BODY[] {99999999999999999999999}\r\n");
    CHECK(overflow.next() == ResponseReadStatus::LiteralTooBig);

    ResponseReader longline;
    longline.feed("* SEARCH " + std::string(kMaxResponseLineOctets, '1') + "\r\n");
    CHECK(longline.next() == ResponseReadStatus::LineTooLong);

    // The limit counts every line of one response, literal octets excluded.
    ResponseReader split;
    const std::string half(kMaxResponseLineOctets / 2, 'a');
    split.feed("* X " + half + " {1}\r\nz " + half + "\r\n");
    CHECK(split.next() == ResponseReadStatus::LineTooLong);

    ResponseReader at_limit;
    at_limit.feed(std::string(kMaxResponseLineOctets, 'a') + "\r\n");
    CHECK(at_limit.next() == ResponseReadStatus::Complete);
}

TEST_CASE("response parser: at most kMaxFetchFlags flags per message", "[imap][client][limits]") {
    std::string text = "* 1 FETCH (UID 3 FLAGS (";
    for (std::size_t i = 0; i <= kMaxFetchFlags; ++i)
        text += (i ? " $k" : "$k") + std::to_string(i);
    text += "))";
    const auto flags = fetch_data(parsed(text)).flags;
    REQUIRE(flags);
    CHECK(flags->size() == kMaxFetchFlags);
    CHECK(flags->back() == "$k" + std::to_string(kMaxFetchFlags - 1));
}
