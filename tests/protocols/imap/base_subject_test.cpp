#include "protocols/imap/base_subject.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "protocols/imap/collation.hpp"

using namespace maillab::protocols::imap;

namespace {

std::string base(std::string_view subject) {
    return base_subject(subject).text;
}

bool reply(std::string_view subject) {
    return base_subject(subject).reply_or_forward;
}

}  // namespace

TEST_CASE("base subject: reply and forward leaders and trailers (RFC 5256 §2.1)",
          "[imap][sort][base_subject]") {
    CHECK(base("lunch") == "lunch");
    CHECK(base("Re: lunch") == "lunch");
    CHECK(base("RE: re: Fwd: FW: lunch") == "lunch");
    CHECK(base("Re[2]: lunch") == "lunch");    // subj-refwd with a blob before ":"
    CHECK(base("Re [2] : lunch") == "lunch");  // WSP allowed before the blob
    CHECK(base("lunch (fwd)") == "lunch");
    CHECK(base("lunch (FWD) (fwd)  ") == "lunch");
    CHECK(base("[list] Re: lunch") == "lunch");
    CHECK(base("[list] lunch") == "lunch");   // a blob alone is removed (step 4)
    CHECK(base("[a] [b] lunch") == "lunch");  // ... repeatedly (step 5)
    CHECK(base("[xyz]") == "[xyz]");          // but not when nothing would be left
    CHECK(base("[a] [xyz]") == "[xyz]");
    CHECK(base("Re: [list]") == "[list]");
    CHECK(base("[fwd: lunch]") == "lunch");  // step 6
    CHECK(base("Re: [FWD: c]") == "c");
    CHECK(base("re: [fwd: [fwd: re: [fwd: babylon]]]") == "babylon");
    CHECK(base("Ad: Re: Ad: x") == "Ad: Re: Ad: x");  // "Ad:" is no subj-refwd
    CHECK(base("Rebus") == "Rebus");                  // "re" must be followed by ":"
    CHECK(base("Fwd lunch") == "Fwd lunch");
    CHECK(base("Re: Re:") == "");
    CHECK(base("") == "");
    CHECK(base("   ") == "");
}

TEST_CASE("base subject: imaptest's sort-subject subjects", "[imap][sort][base_subject]") {
    CHECK(base("[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)") == "b");
    CHECK(base("=?iso-8859-1?q?_?=") == "");
    CHECK(base("Re: =?utf-8?q?b?=") == "b");
    CHECK(base("=?iso-8859-1?q?RE:_C?=") == "C");
    CHECK(base("=?us-ascii?b?UmU6IGM=?=") == "c");
    CHECK(base("b (a)") == "b (a)");
    CHECK(base("_") == "_");
}

TEST_CASE("base subject: step 1 decodes words and folds white space",
          "[imap][sort][base_subject]") {
    CHECK(base("Re:\tlunch\t \t at  noon") == "lunch at noon");
    CHECK(base("Re: =?utf-8?q?caf=C3=A9?= time") == "caf\xC3\xA9 time");
    CHECK(base("Re:\r\n lunch") == "lunch");
}

TEST_CASE("base subject: which subjects were replies or forwards", "[imap][sort][base_subject]") {
    CHECK_FALSE(reply("lunch"));
    CHECK_FALSE(reply("[list] lunch"));
    CHECK_FALSE(reply("  lunch  "));
    CHECK(reply("Re: lunch"));
    CHECK(reply("[list] Fwd: lunch"));
    CHECK(reply("lunch (fwd)"));
    CHECK(reply("[Fwd: lunch]"));
}

TEST_CASE("base subject: hostile subjects cost time in proportion to their length",
          "[imap][sort][base_subject]") {
    std::string blobs;
    for (int i = 0; i < 20000; ++i)
        blobs += "[a]";
    std::string nested;
    for (int i = 0; i < 8000; ++i)
        nested += "[fwd: re: ";
    nested += "x";
    nested += std::string(8000, ']');
    std::string refs;
    for (int i = 0; i < 20000; ++i)
        refs += "Re: ";
    refs += "x";
    const auto start = std::chrono::steady_clock::now();
    CHECK(base(blobs) == "[a]");
    CHECK(base(refs) == "x");
    const auto linear = std::chrono::steady_clock::now() - start;
    CHECK(linear < std::chrono::seconds{1});
    // Each "[fwd:" level is unwrapped in turn: bounded by the field's size limit (64 KiB).
    CHECK(base(nested) == "x");
}

TEST_CASE("collation keys: i,unicode-casemap titlecase and decomposition", "[imap][sort]") {
    CHECK(casemap_key("abc XYZ [_]") == "ABC XYZ [_]");
    CHECK(casemap_key("caf\xC3\xA9") == "CAFE\xCC\x81");  // é -> E + U+0301
    CHECK(casemap_key("CAF\xC3\x89") == casemap_key("caf\xC3\xA9"));
    CHECK(casemap_key("\xC3\xBF") == "Y\xCC\x88");                 // ÿ -> Ÿ -> Y + U+0308
    CHECK(casemap_key("\xCE\xB1\xCF\x82") == "\xCE\x91\xCE\xA3");  // ας -> ΑΣ
    CHECK(casemap_key("\xD0\xB4\xD1\x91") == "\xD0\x94\xD0\x81");  // дё -> ДЁ
    CHECK(casemap_key("\xC5\x82") == "\xC5\x81");                  // ł -> Ł
    CHECK(casemap_key("a\xC2\xA0"
                      "b") == "A B");                              // NO-BREAK SPACE
    CHECK(casemap_key("\xFF") == "\xEF\xBF\xBD");                  // invalid -> U+FFFD
    CHECK(casemap_key("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated sequence
    // Accented letters sort beside their base letter, before the next one.
    CHECK(casemap_key("\xC3\xA9t\xC3\xA9") > casemap_key("ete"));
    CHECK(casemap_key("\xC3\xA9t\xC3\xA9") < casemap_key("f"));
}
