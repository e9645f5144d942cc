#include <catch2/catch.hpp>
#include <string>
#include <variant>
#include <vector>

#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/command_reader.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols::imap;
using maillab::test::Feeder;

namespace {

// What a server would see: parsed commands, BADs and continuation requests.
struct Seen {
    std::vector<ParseResult> commands;
    std::vector<std::string> lines;
    int continuations = 0;
    bool operator==(const Seen&) const = default;
};

Seen drive(const std::function<void(const Feeder&)>& feed_with) {
    CommandReader reader;
    Seen seen;
    feed_with([&](std::string_view chunk) {
        reader.feed(chunk);
        while (auto r = reader.next()) {
            if (r->kind == ReadKind::Continue) ++seen.continuations;
            if (r->kind == ReadKind::Line) seen.lines.push_back(r->text);
            if (r->kind != ReadKind::Complete) continue;
            seen.commands.push_back(parse_command(r->text));
            const auto* tc = std::get_if<TaggedCommand>(&seen.commands.back());
            if (tc && std::holds_alternative<IdleCmd>(tc->command)) reader.expect_line();
        }
    });
    return seen;
}

}  // namespace

TEST_CASE("a Thunderbird-like session parses the same under every chunking",
          "[imap][reader][chunking]") {
    const std::string message = "From: alice@x.test\r\nSubject: Lunch\r\n\r\nNoon?\r\n";
    const std::string session =
        "1 capability\r\n"
        "2 ID (\"name\" \"Thunderbird\" \"version\" \"115.6.0\")\r\n"
        "3 authenticate PLAIN AGFsaWNlAHNlY3JldA==\r\n"
        "4 ENABLE CONDSTORE\r\n"
        "5 list (subscribed) \"\" \"*\" return (special-use)\r\n"
        "6 select \"INBOX\" (CONDSTORE)\r\n"
        "7 UID fetch 1:* (FLAGS) (CHANGEDSINCE 5)\r\n"
        "8 UID fetch 3 (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (From Subject)])\r\n"
        "9 append \"Sent\" (\\Seen) {" +
        std::to_string(message.size()) + "}\r\n" + message +
        "\r\n"
        "10 UID SEARCH UNSEEN\r\n"
        "11 IDLE\r\nDONE\r\n"
        "12 logout\r\n";
    const auto results = maillab::test::under_all_chunkings<Seen>(session, drive);
    const Seen& first = results.front();
    for (const auto& r : results)
        CHECK(r == first);

    REQUIRE(first.commands.size() == 12);
    for (const auto& c : first.commands) {
        INFO((std::holds_alternative<ParseError>(c) ? std::get<ParseError>(c).message : ""));
        CHECK(std::holds_alternative<TaggedCommand>(c));
    }
    CHECK(first.continuations == 1);
    CHECK(first.lines == std::vector<std::string>{"DONE"});
    const auto& append = std::get<AppendCmd>(std::get<TaggedCommand>(first.commands[8]).command);
    REQUIRE(append.messages.size() == 1);
    CHECK(append.messages[0].message == message);
    CHECK(append.mailbox.name == "Sent");
}

TEST_CASE("bad commands in a stream give tagged or untagged BAD and the stream goes on",
          "[imap][reader][chunking]") {
    const std::string session =
        "a1 FETCH 0 FLAGS\r\n"
        "+bad NOOP\r\n"
        "a3 SEARCH " +
        std::string(200, '(') +
        "SEEN\r\n"
        "a4 NOOP\r\n";
    const auto results = maillab::test::under_all_chunkings<Seen>(session, drive);
    for (const auto& r : results)
        CHECK(r == results.front());
    const auto& cmds = results.front().commands;
    REQUIRE(cmds.size() == 4);
    CHECK(std::get<ParseError>(cmds[0]).tag == "a1");
    CHECK(std::get<ParseError>(cmds[1]).tag.empty());
    CHECK(std::get<ParseError>(cmds[2]).tag == "a3");
    CHECK(std::get<TaggedCommand>(cmds[3]).tag == "a4");
}
