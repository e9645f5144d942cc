#include <catch2/catch.hpp>
#include <string>

#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

namespace {

SearchKey criteria(const std::string& keys) {
    return parse_as<SearchCmd>("a SEARCH " + keys).criteria;
}

SearchKey only(const std::string& keys) {
    SearchKey all = criteria(keys);
    REQUIRE(all.children.size() == 1);
    return all.children[0];
}

}  // namespace

TEST_CASE("every search key without arguments", "[imap][search]") {
    const std::vector<std::pair<const char*, SearchKeyKind>> keys = {
        {"ALL", SearchKeyKind::All},
        {"ANSWERED", SearchKeyKind::Answered},
        {"DELETED", SearchKeyKind::Deleted},
        {"DRAFT", SearchKeyKind::Draft},
        {"FLAGGED", SearchKeyKind::Flagged},
        {"NEW", SearchKeyKind::New},
        {"OLD", SearchKeyKind::Old},
        {"RECENT", SearchKeyKind::Recent},
        {"SEEN", SearchKeyKind::Seen},
        {"UNANSWERED", SearchKeyKind::Unanswered},
        {"UNDELETED", SearchKeyKind::Undeleted},
        {"UNDRAFT", SearchKeyKind::Undraft},
        {"UNFLAGGED", SearchKeyKind::Unflagged},
        {"UNSEEN", SearchKeyKind::Unseen},
    };
    for (const auto& [name, kind] : keys) {
        INFO(name);
        CHECK(only(name).kind == kind);
        CHECK(search_key_name(kind) == name);
        std::string lower{name};
        for (char& c : lower)
            c = static_cast<char>(c - 'A' + 'a');
        CHECK(only(lower).kind == kind);
    }
}

TEST_CASE("search keys with string, date, number and flag arguments", "[imap][search]") {
    const std::vector<std::pair<const char*, SearchKeyKind>> strings = {
        {"BCC", SearchKeyKind::Bcc},         {"BODY", SearchKeyKind::Body},
        {"CC", SearchKeyKind::Cc},           {"FROM", SearchKeyKind::From},
        {"SUBJECT", SearchKeyKind::Subject}, {"TEXT", SearchKeyKind::Text},
        {"TO", SearchKeyKind::To},
    };
    for (const auto& [name, kind] : strings) {
        auto k = only(std::string{name} + " \"hello world\"");
        CHECK(k.kind == kind);
        CHECK(k.text == "hello world");
        CHECK(only(std::string{name} + " {3}\r\nabc").text == "abc");
        parse_bad(std::string{"a SEARCH "} + name);
    }
    const std::vector<std::pair<const char*, SearchKeyKind>> dates = {
        {"BEFORE", SearchKeyKind::Before}, {"ON", SearchKeyKind::On},
        {"SINCE", SearchKeyKind::Since},   {"SENTBEFORE", SearchKeyKind::SentBefore},
        {"SENTON", SearchKeyKind::SentOn}, {"SENTSINCE", SearchKeyKind::SentSince},
    };
    for (const auto& [name, kind] : dates) {
        auto k = only(std::string{name} + " 1-Feb-1994");
        CHECK(k.kind == kind);
        CHECK(k.date == Date{1994, 2, 1});
        CHECK(only(std::string{name} + " \"1-Feb-1994\"").date == Date{1994, 2, 1});
        parse_bad(std::string{"a SEARCH "} + name + " 1994-02-01");
    }
    CHECK(only("LARGER 1024").number == 1024u);
    CHECK(only("SMALLER 4294967295").number == 4294967295u);
    parse_bad("a SEARCH LARGER 4294967296");
    parse_bad("a SEARCH SMALLER x");
    auto hdr = only("HEADER List-Id \"<dev.x.test>\"");
    CHECK(hdr.kind == SearchKeyKind::Header);
    CHECK(hdr.text == "List-Id");
    CHECK(hdr.value == "<dev.x.test>");
    CHECK(only("HEADER X-Spam \"\"").value.empty());
    parse_bad("a SEARCH HEADER X-Spam");
    CHECK(only("KEYWORD $Junk").text == "$Junk");
    CHECK(only("UNKEYWORD $Junk").kind == SearchKeyKind::Unkeyword);
    parse_bad("a SEARCH KEYWORD \\Seen");
}

TEST_CASE("sequence sets, UID and MODSEQ keys", "[imap][search]") {
    auto set = only("1:5,7");
    CHECK(set.kind == SearchKeyKind::SequenceSet);
    CHECK(format_sequence_set(set.set) == "1:5,7");
    CHECK(only("*").kind == SearchKeyKind::SequenceSet);
    CHECK(only("$").set.saved);
    auto uid = only("UID 100:*");
    CHECK(uid.kind == SearchKeyKind::Uid);
    CHECK(format_sequence_set(uid.set) == "100:*");
    parse_bad("a SEARCH UID 0");
    auto ms = only("MODSEQ 620162338");
    CHECK(ms.kind == SearchKeyKind::ModSeq);
    CHECK(ms.number == 620162338u);
    auto entry = only("MODSEQ \"/flags/\\\\draft\" all 620162338");
    CHECK(entry.value == "/flags/\\draft");
    CHECK(entry.entry_type == "all");
    parse_bad("a SEARCH MODSEQ \"/flags/\\\\draft\" other 1");
    parse_bad("a SEARCH MODSEQ 9223372036854775808");
}

TEST_CASE("NOT, OR and parenthesised groups build a tree", "[imap][search]") {
    auto all = criteria("OR (FROM alice SINCE 1-Jan-2024) NOT SEEN UNDELETED");
    REQUIRE(all.children.size() == 2);
    const SearchKey& orkey = all.children[0];
    CHECK(orkey.kind == SearchKeyKind::Or);
    REQUIRE(orkey.children.size() == 2);
    CHECK(orkey.children[0].kind == SearchKeyKind::And);
    CHECK(orkey.children[0].children.size() == 2);
    CHECK(orkey.children[0].children[0].text == "alice");
    CHECK(orkey.children[1].kind == SearchKeyKind::Not);
    CHECK(orkey.children[1].children.at(0).kind == SearchKeyKind::Seen);
    CHECK(all.children[1].kind == SearchKeyKind::Undeleted);
    for (const char* bad : {"a SEARCH OR SEEN", "a SEARCH NOT", "a SEARCH ()", "a SEARCH (SEEN",
                            "a SEARCH SEEN)", "a SEARCH ( SEEN)", "a SEARCH OR SEEN  DRAFT"}) {
        CHECK(parse_bad(bad).tag == "a");
    }
}

TEST_CASE("search nesting bombs give BAD at kMaxSearchDepth", "[imap][search]") {
    auto repeat = [](const std::string& s, std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i)
            out += s;
        return out;
    };
    // Depth counts the top-level key as 1.
    CHECK(only(repeat("NOT ", kMaxSearchDepth - 1) + "SEEN").kind == SearchKeyKind::Not);
    CHECK(parse_bad("a SEARCH " + repeat("NOT ", kMaxSearchDepth) + "SEEN")
              .message.find("nested too deeply") != std::string::npos);
    CHECK(only(repeat("(", kMaxSearchDepth - 1) + "SEEN" + repeat(")", kMaxSearchDepth - 1)).kind ==
          SearchKeyKind::And);
    parse_bad("a SEARCH " + repeat("(", kMaxSearchDepth) + "SEEN" + repeat(")", kMaxSearchDepth));
    parse_bad("a SEARCH " + repeat("OR SEEN ", kMaxSearchDepth) + "SEEN");
    // Far beyond the limit: still a BAD, never a deep recursion.
    parse_bad("a SEARCH " + repeat("NOT ", 20000) + "SEEN");
    parse_bad("a SEARCH " + repeat("(", 30000));
    parse_bad("a SEARCH " + repeat("OR ", 20000));
}

TEST_CASE("a search program has a key count limit", "[imap][search]") {
    std::string keys = "SEEN";
    for (std::size_t i = 1; i < kMaxSearchKeys; ++i)
        keys += " SEEN";
    CHECK(criteria(keys).children.size() == kMaxSearchKeys);
    CHECK(parse_bad("a SEARCH " + keys + " SEEN").message.find("Too many") != std::string::npos);
}
