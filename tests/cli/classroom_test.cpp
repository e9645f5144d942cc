#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "cli/account_sheet.hpp"
#include "cli/classroom_accounts.hpp"
#include "cli/listen_addresses.hpp"
#include "tests/support/temp_dir.hpp"

using namespace maillab::cli;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

SheetServer lab_server() {
    return {.address = "192.168.1.20",
            .domain = "maillab.test",
            .ports = {.submission = 2587,
                      .submissions = 2465,
                      .imap = 2143,
                      .imaps = 2993,
                      .pop3 = 2110,
                      .pop3s = 2995},
            .fingerprint_sha256 = "AB:CD:EF",
            .plaintext_allowed = false};
}

}  // namespace

TEST_CASE("student names have two digits, three in a class of more than 99") {
    CHECK(student_name(1, 30) == "student01");
    CHECK(student_name(30, 30) == "student30");
    CHECK(student_name(7, 150) == "student007");
    CHECK(student_name(150, 150) == "student150");
}

TEST_CASE("classroom passwords are two words and two digits, and differ") {
    const std::regex shape{"[a-z]{3,6}-[a-z]{3,6}-[0-9]{2}"};
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string password = random_classroom_password();
        CHECK(std::regex_match(password, shape));
        seen.insert(password);
    }
    // 64 * 64 * 100 combinations: 200 draws repeat a few at most.
    CHECK(seen.size() > 190);
}

TEST_CASE("the classroom's accounts are created once, kept with mode 0600, and grow") {
    maillab::test::TempDir dir{"maillab-class"};
    const auto first = load_or_create_classroom(dir.path(), 3);
    REQUIRE(first.size() == 4);
    CHECK(first[0].user == "student01");
    CHECK(first[2].user == "student03");
    CHECK(first[3].user == kTeacherAccount);
    const auto file = classroom_accounts_file(dir.path());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    const auto again = load_or_create_classroom(dir.path(), 3);
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(again[i].user == first[i].user);
        CHECK(again[i].password == first[i].password);
    }
    const auto larger = load_or_create_classroom(dir.path(), 5);
    REQUIRE(larger.size() == 6);
    CHECK(larger[0].password == first[0].password);
    CHECK(larger[4].user == "student05");
    CHECK(larger[5].password == first[3].password);  // the teacher's is kept too
}

TEST_CASE("a class size outside 1 to 200 is refused with the range in the message") {
    maillab::test::TempDir dir{"maillab-class"};
    CHECK_THROWS_WITH(load_or_create_classroom(dir.path(), 0),
                      Catch::Contains("1 to 200") && Catch::Contains("got 0"));
    CHECK_THROWS_WITH(load_or_create_classroom(dir.path(), 201), Catch::Contains("got 201"));
    CHECK_FALSE(std::filesystem::exists(classroom_accounts_file(dir.path())));
}

TEST_CASE("a damaged accounts file is an error naming the line") {
    maillab::test::TempDir dir{"maillab-class"};
    std::filesystem::create_directories(classroom_accounts_file(dir.path()).parent_path());
    std::ofstream{classroom_accounts_file(dir.path())} << "# header\nstudent01\n";
    CHECK_THROWS_WITH(load_or_create_classroom(dir.path(), 1),
                      Catch::Contains("accounts.txt:2") && Catch::Contains("NAME PASSWORD"));
}

TEST_CASE("the account sheet gives each account its address, password, ports and fingerprint") {
    const std::vector<ClassroomAccount> accounts{{"student01", "maple-otter-42"},
                                                 {"teacher", "lemon-wave-07"}};
    const std::string text = account_sheet_text(lab_server(), accounts);
    CHECK(count_of(text, "student01@maillab.test") >= 3);
    CHECK(count_of(text, "maple-otter-42") == 3);  // the password line and mutt's two
    CHECK(count_of(text, "lemon-wave-07") == 3);
    CHECK(count_of(text, "AB:CD:EF") == 2);
    CHECK(count_of(text, "\f") == 2);  // one page each
    CHECK(text.find("2993 with SSL/TLS, or 2143 with STARTTLS") != std::string::npos);
    CHECK(text.find("2995 with SSL/TLS, or 2110 with STARTTLS") != std::string::npos);
    CHECK(text.find("2465 with SSL/TLS, or 2587 with STARTTLS") != std::string::npos);
    CHECK(text.find("imaps://student01@192.168.1.20:2993/") != std::string::npos);
    CHECK(text.find("smtps://teacher@192.168.1.20:2465/") != std::string::npos);
    CHECK(text.find("refuses the password") != std::string::npos);

    SheetServer open = lab_server();
    open.plaintext_allowed = true;
    CHECK(account_sheet_text(open, accounts).find("without encryption (\"None\")") !=
          std::string::npos);
}

TEST_CASE("the HTML sheet has one page-breaking section per account and escapes text") {
    const std::vector<ClassroomAccount> accounts{{"student01", "a<b&c"}, {"student02", "x"}};
    const std::string html = account_sheet_html(lab_server(), accounts);
    CHECK(count_of(html, "<section>") == 2);
    CHECK(html.find("break-after: page") != std::string::npos);
    CHECK(html.find("a&lt;b&amp;c") != std::string::npos);
    CHECK(html.find("a<b&c") == std::string::npos);
}

TEST_CASE("loopback addresses are told apart from the others") {
    CHECK(is_loopback_address("127.0.0.1"));
    CHECK(is_loopback_address("127.0.0.2"));
    CHECK(is_loopback_address("::1"));
    CHECK_FALSE(is_loopback_address("0.0.0.0"));
    CHECK_FALSE(is_loopback_address("192.168.1.20"));
    CHECK_FALSE(is_loopback_address("not an address"));
}

TEST_CASE("reachable addresses: the one listened on, or every interface's for the wildcard") {
    CHECK(reachable_addresses("192.168.1.20") == std::vector<std::string>{"192.168.1.20"});
    const auto all = reachable_addresses("0.0.0.0");
    CHECK(std::find(all.begin(), all.end(), "127.0.0.1") != all.end());
    CHECK(is_loopback_address(all.back()));  // loopback ones last
    CHECK_THROWS_AS(reachable_addresses("mail.example"), std::invalid_argument);
    CHECK(address_for_students({"127.0.0.1"}) == "127.0.0.1");
    CHECK(address_for_students({"10.1.2.3", "127.0.0.1"}) == "10.1.2.3");
}
