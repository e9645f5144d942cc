#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/lexer.hpp"
#include "protocols/imap/response_writer.hpp"

using namespace maillab::protocols::imap;

namespace {

std::string str(std::string_view v) {
    std::string out;
    write_string(out, v);
    return out;
}

std::string astr(std::string_view v) {
    std::string out;
    write_astring(out, v);
    return out;
}

}  // namespace

TEST_CASE("strings are quoted or sent as literals", "[imap][writer]") {
    CHECK(str("hello world") == "\"hello world\"");
    CHECK(str("") == "\"\"");
    CHECK(str("say \"hi\" \\o/") == R"("say \"hi\" \\o/")");
    CHECK(str("line1\r\nline2") == "{12}\r\nline1\r\nline2");
    CHECK(str("caf\xc3\xa9") == "{5}\r\ncaf\xc3\xa9");
    const std::string long_text(kMaxQuotedOctets + 1, 'a');
    CHECK(str(long_text) == "{" + std::to_string(long_text.size()) + "}\r\n" + long_text);
    CHECK(str(std::string(kMaxQuotedOctets, 'a')).front() == '"');
}

TEST_CASE("written strings read back through the lexer", "[imap][writer]") {
    for (std::string v : {std::string{"plain"}, std::string{"a \"q\" \\ b"}, std::string{"x\r\ny"},
                          std::string{"\xff\xfe"}, std::string{}}) {
        const std::string written = str(v);
        Lexer lx{written};
        CHECK(lx.string() == v);
        CHECK(lx.at_end());
    }
}

TEST_CASE("astring, nstring, lists and flag lists", "[imap][writer]") {
    CHECK(astr("INBOX") == "INBOX");
    CHECK(astr("Sent Items") == "\"Sent Items\"");
    CHECK(astr("") == "\"\"");
    CHECK(astr("NIL") == "\"NIL\"");
    CHECK(astr("a(b") == "\"a(b\"");
    CHECK(astr("Lists]x") == "Lists]x");
    std::string out;
    write_nstring(out, std::nullopt);
    out += ' ';
    write_nstring(out, std::string{"x"});
    CHECK(out == "NIL \"x\"");
    out.clear();
    write_flag_list(out, {"\\Seen", "\\Answered", "$Forwarded"});
    CHECK(out == "(\\Seen \\Answered $Forwarded)");
    out.clear();
    write_list(out, {});
    CHECK(out == "()");
}

TEST_CASE("status responses with response codes", "[imap][writer]") {
    CHECK(status_response("a1", Status::Ok, std::nullopt, "LOGIN completed") ==
          "a1 OK LOGIN completed\r\n");
    CHECK(status_response("", Status::Ok, uidvalidity_code(3857529045u), "UIDs valid") ==
          "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
    CHECK(status_response("", Status::Ok, uidnext_code(4392), "Predicted next UID") ==
          "* OK [UIDNEXT 4392] Predicted next UID\r\n");
    CHECK(status_response("", Status::Ok, highestmodseq_code(715194045007ULL), "Highest") ==
          "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n");
    CHECK(status_response("A003", Status::Ok, appenduid_code(38505, 3955), "APPEND completed") ==
          "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n");
    CHECK(status_response("A004", Status::Ok,
                          copyuid_code(38505, compress_numbers({304, 319, 320, 321}),
                                       compress_numbers({3956, 3957, 3958, 3959})),
                          "Done") == "A004 OK [COPYUID 38505 304,319:321 3956:3959] Done\r\n");
    CHECK(status_response("a", Status::No, ResponseCode{CodeKind::TryCreate, {}},
                          "No such mailbox") == "a NO [TRYCREATE] No such mailbox\r\n");
    CHECK(status_response("a", Status::No, ResponseCode{CodeKind::OverQuota, {}}, "") ==
          "a NO [OVERQUOTA] done\r\n");
    CHECK(status_response("", Status::Ok, permanentflags_code({"\\Deleted", "\\Seen", "\\*"}),
                          "L") == "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] L\r\n");
    CHECK(status_response("a", Status::Ok, modified_code(compress_numbers({7, 9})), "x") ==
          "a OK [MODIFIED 7,9] x\r\n");
    CHECK(status_response("", Status::Ok, capability_code({"IMAP4rev1", "IDLE"}), "hi") ==
          "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n");
    CHECK(status_response("a", Status::Ok, ResponseCode{CodeKind::ReadWrite, {}}, "SELECT done") ==
          "a OK [READ-WRITE] SELECT done\r\n");
    CHECK(status_response("", Status::Bye, std::nullopt, "Logging out") == "* BYE Logging out\r\n");
    CHECK(continuation("") == "+ OK\r\n");
    CHECK(continuation("Ready") == "+ Ready\r\n");
    for (CodeKind k :
         {CodeKind::Alert, CodeKind::Cannot, CodeKind::NonExistent, CodeKind::AlreadyExists,
          CodeKind::TooBig, CodeKind::Limit, CodeKind::AuthenticationFailed, CodeKind::Unseen}) {
        CHECK(code_name(k) != "?");
    }
}

TEST_CASE("reader errors map to BAD, NO [TOOBIG] or BYE", "[imap][writer]") {
    ReadResult e;
    e.kind = ReadKind::Error;
    e.error = ReadError::LineTooLong;
    e.tag = "a1";
    CHECK(reader_error_response(e) == "a1 BAD [TOOBIG] Command line too long\r\n");
    e.tag.clear();
    CHECK(reader_error_response(e) == "* BAD [TOOBIG] Command line too long\r\n");
    e.error = ReadError::LiteralTooBig;
    e.tag = "t";
    e.synchronising = true;
    CHECK(reader_error_response(e) == "t NO [TOOBIG] Literal too big\r\n");
    e.synchronising = false;
    CHECK(reader_error_response(e) == "t BAD [TOOBIG] Literal too big\r\n");
    e.error = ReadError::LiteralTooBigClose;
    CHECK(reader_error_response(e) == "* BYE [TOOBIG] Literal too big, closing\r\n");
}
