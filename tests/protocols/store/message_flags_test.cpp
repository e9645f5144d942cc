#include "protocols/store/message_flags.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::store;

TEST_CASE("flag operations add, remove and replace", "[store][flags]") {
    Flags current;
    current.set(SystemFlag::Seen).add_keyword("b").add_keyword("a").add_keyword("b");
    CHECK(current.keywords == std::vector<std::string>{"a", "b"});

    Flags operand;
    operand.set(SystemFlag::Flagged).add_keyword("c").add_keyword("a");
    const Flags added = apply_flag_op(current, FlagOp::Add, operand);
    CHECK(added.has(SystemFlag::Seen));
    CHECK(added.has(SystemFlag::Flagged));
    CHECK(added.keywords == std::vector<std::string>{"a", "b", "c"});

    const Flags removed = apply_flag_op(added, FlagOp::Remove, operand);
    CHECK(removed.has(SystemFlag::Seen));
    CHECK_FALSE(removed.has(SystemFlag::Flagged));
    CHECK(removed.keywords == std::vector<std::string>{"b"});

    CHECK(apply_flag_op(added, FlagOp::Replace, operand) == operand);
}

TEST_CASE("flags print in IMAP spelling", "[store][flags]") {
    Flags flags;
    flags.set(SystemFlag::Draft).set(SystemFlag::Seen).add_keyword("$Forwarded");
    CHECK(to_string(flags) == "\\Seen \\Draft $Forwarded");
    SystemFlag parsed{};
    CHECK(parse_system_flag("\\ANSWERED", parsed));
    CHECK(parsed == SystemFlag::Answered);
    CHECK_FALSE(parse_system_flag("\\Recent", parsed));  // session state, not stored
}

TEST_CASE("keywords are atoms up to kMaxKeywordOctets", "[store][flags]") {
    CHECK(is_valid_keyword("$Junk"));
    CHECK(is_valid_keyword(std::string(kMaxKeywordOctets, 'k')));
    CHECK_FALSE(is_valid_keyword(std::string(kMaxKeywordOctets + 1, 'k')));
    for (const char* bad : {"", "\\Seen", "two words", "a(b", "a]", "a%", "a*", "a\"", "a{"}) {
        INFO(bad);
        CHECK_FALSE(is_valid_keyword(bad));
    }
}
