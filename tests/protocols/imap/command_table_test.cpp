// The IMAP command table walked: every row explained, every state and every
// Command alternative covered, each row's parser making the alternative it
// names, and the flags where Dovecot's imap-commands.c puts them.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <variant>

#include "protocols/imap/command_table.hpp"
#include "protocols/imap/explanations.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"

using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;

namespace {

// One command line per row.
const char* const kSamples[] = {"a CAPABILITY",
                                "a NOOP",
                                "a LOGOUT",
                                "a STARTTLS",
                                "a AUTHENTICATE PLAIN",
                                "a LOGIN u p",
                                "a SELECT INBOX",
                                "a EXAMINE INBOX",
                                "a CREATE x",
                                "a DELETE x",
                                "a RENAME x y",
                                "a SUBSCRIBE x",
                                "a UNSUBSCRIBE x",
                                "a LIST \"\" *",
                                "a LSUB \"\" *",
                                "a STATUS x (MESSAGES)",
                                "a APPEND x {1+}\r\nm",
                                "a CHECK",
                                "a CLOSE",
                                "a UNSELECT",
                                "a EXPUNGE",
                                "a UID EXPUNGE 1",
                                "a SEARCH ALL",
                                "a UID SEARCH ALL",
                                "a FETCH 1 UID",
                                "a UID FETCH 1 UID",
                                "a STORE 1 FLAGS ()",
                                "a UID STORE 1 FLAGS ()",
                                "a COPY 1 x",
                                "a UID COPY 1 x",
                                "a MOVE 1 x",
                                "a UID MOVE 1 x",
                                "a IDLE",
                                "a ENABLE X",
                                "a ID NIL",
                                "a NAMESPACE",
                                "a GETQUOTA \"\"",
                                "a GETQUOTAROOT x",
                                "a SETQUOTA \"\" ()",
                                "a SORT (DATE) UTF-8 ALL",
                                "a UID SORT RETURN (MIN) (SIZE) UTF-8 ALL",
                                "a THREAD REFERENCES UTF-8 ALL",
                                "a UID THREAD ORDEREDSUBJECT UTF-8 ALL"};

std::set<std::string> rows_with(CommandFlag flag) {
    std::set<std::string> names;
    for (const CommandRow& row : command_table())
        if (row.has(flag)) names.insert(std::string{row.name});
    return names;
}

}  // namespace

TEST_CASE("every row of the IMAP command table is explained with an RFC section",
          "[imap][command_table][explain]") {
    std::set<std::string_view> names;
    for (const CommandRow& row : command_table()) {
        INFO(std::string{row.name});
        CHECK(names.insert(row.name).second);
        CHECK_FALSE(row.meaning.empty());
        CHECK(row.reference.rfind("RFC ", 0) == 0);
        CHECK(find_command_explanation(row.name) == row.explanation());
        CHECK(find_command(row.name) == &row);
    }
}

TEST_CASE(
    "the IMAP command table covers every Command alternative, each row's parser making "
    "the one it names",
    "[imap][command_table]") {
    std::set<std::size_t> kinds;
    for (const CommandRow& row : command_table())
        kinds.insert(row.parse.alternative);
    CHECK(kinds.size() == std::variant_size_v<Command>);
    CHECK(*kinds.rbegin() == std::variant_size_v<Command> - 1);

    std::set<std::string> sampled;
    for (const char* text : kSamples) {
        INFO(text);
        const TaggedCommand parsed = parse_ok(text);
        const CommandRow* row = find_command(parsed.name);
        REQUIRE(row != nullptr);
        CHECK(parsed.command.index() == row->parse.alternative);
        CHECK(explain_command(parsed) == row->explanation());
        sampled.insert(parsed.name);
    }
    CHECK(sampled.size() == kCommandRows);
}

TEST_CASE("every IMAP state is covered by the table, none allows a command in Logout",
          "[imap][command_table]") {
    std::set<std::string> in_state[3];
    for (const CommandRow& row : command_table()) {
        INFO(std::string{row.name});
        CHECK_FALSE(row.states == maillab::protocols::core::EnumSet<ServerState>{});
        CHECK_FALSE(row.states.contains(ServerState::Logout));
        for (ServerState s :
             {ServerState::NotAuthenticated, ServerState::Authenticated, ServerState::Selected})
            if (row.states.contains(s))
                in_state[static_cast<std::size_t>(s)].insert(std::string{row.name});
    }
    CHECK(in_state[0] == std::set<std::string>{"CAPABILITY", "NOOP", "LOGOUT", "ID", "STARTTLS",
                                               "AUTHENTICATE", "LOGIN"});
    CHECK(in_state[1].size() == 21);  // the any-state commands, RFC 3501 §6.3 and the extensions
    CHECK(in_state[1].count("ENABLE") == 1);
    CHECK(in_state[1].count("FETCH") == 0);
    CHECK(in_state[2].size() == 39);          // all but STARTTLS AUTHENTICATE LOGIN and ENABLE
    CHECK(in_state[2].count("ENABLE") == 0);  // RFC 5161 §3.1
}

TEST_CASE("IMAP command flags: sequence numbers and held EXPUNGEs as Dovecot has them",
          "[imap][command_table]") {
    CHECK(rows_with(CommandFlag::UsesSeqs) ==
          std::set<std::string>{"SEARCH", "FETCH", "STORE", "COPY", "MOVE", "SORT", "THREAD"});
    // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH (the UID forms may).
    CHECK(rows_with(CommandFlag::HoldsExpunges) ==
          std::set<std::string>{"SEARCH", "FETCH", "STORE", "SORT", "THREAD"});
    std::set<std::string> without_store;
    for (const CommandRow& row : command_table())
        if (!row.has(CommandFlag::NeedsStore)) without_store.insert(std::string{row.name});
    CHECK(without_store == std::set<std::string>{"CAPABILITY", "NOOP", "LOGOUT", "STARTTLS",
                                                 "AUTHENTICATE", "LOGIN", "IDLE", "ENABLE", "ID",
                                                 "NAMESPACE"});
}
