// SEARCH, FETCH, STORE, COPY/MOVE and UID EXPUNGE grammar.
#include <utility>

#include "protocols/imap/command_parser_detail.hpp"

namespace maillab::protocols::imap::detail {

namespace {

bool valid_search_returns(Lexer& lx, const std::vector<std::string>& opts) {
    for (const std::string& o : opts) {
        if (o != "MIN" && o != "MAX" && o != "ALL" && o != "COUNT" && o != "SAVE") {
            return lx.fail("Unknown SEARCH RETURN option");
        }
    }
    return true;
}

// The modifier "(" NAME SP mod-sequence ")" of FETCH and STORE.
std::optional<std::uint64_t> modseq_modifier(Lexer& lx, std::string_view name, bool zero_ok) {
    if (!lx.expect('(')) return std::nullopt;
    if (!lx.keyword(name)) return lx.fail("Unknown modifier");
    if (!lx.sp()) return std::nullopt;
    auto v = zero_ok ? lx.number64() : lx.nz_number64();
    if (!v) return std::nullopt;
    return v;
}

}  // namespace

// SEARCH [SP RETURN SP "(" opts ")"] [SP CHARSET SP astring] 1*(SP search-key)
std::optional<Command> parse_search(Lexer& lx, bool uid) {
    SearchCmd cmd;
    cmd.uid = uid;
    if (!lx.sp()) return std::nullopt;
    if (lx.keyword("RETURN")) {
        if (!lx.sp()) return std::nullopt;
        auto opts = atom_list(lx, true);
        if (!opts || !valid_search_returns(lx, *opts) || !lx.sp()) return std::nullopt;
        cmd.returns = std::move(*opts);
    }
    if (lx.keyword("CHARSET")) {
        if (!lx.sp()) return std::nullopt;
        auto charset = lx.astring();
        if (!charset || !lx.sp()) return std::nullopt;
        cmd.charset = std::move(*charset);
    }
    auto criteria = parse_search_program(lx);
    if (!criteria) return std::nullopt;
    cmd.criteria = std::move(*criteria);
    return cmd;
}

// FETCH SP sequence-set SP fetch-atts [SP "(" modifiers ")"]   (RFC 7162 §3.1.4, §3.2.6)
std::optional<Command> parse_fetch(Lexer& lx, bool uid) {
    FetchCmd cmd;
    cmd.uid = uid;
    if (!lx.sp()) return std::nullopt;
    auto set = parse_sequence_set(lx);
    if (!set || !lx.sp()) return std::nullopt;
    cmd.set = std::move(*set);
    auto atts = parse_fetch_attributes(lx);
    if (!atts) return std::nullopt;
    cmd.attributes = std::move(*atts);
    if (!lx.consume(' ')) return cmd;
    if (!lx.expect('(')) return std::nullopt;
    do {
        if (lx.keyword("CHANGEDSINCE") && !cmd.changed_since) {
            if (!lx.sp()) return std::nullopt;
            auto v = lx.nz_number64();
            if (!v) return std::nullopt;
            cmd.changed_since = *v;
        } else if (lx.keyword("VANISHED") && !cmd.vanished) {
            cmd.vanished = true;
        } else {
            return lx.fail("Unknown FETCH modifier");
        }
    } while (lx.consume(' '));
    if (!lx.expect(')')) return std::nullopt;
    // VANISHED only makes sense with UID FETCH ... CHANGEDSINCE (RFC 7162 §3.2.6).
    if (cmd.vanished && (!uid || !cmd.changed_since)) {
        return lx.fail("VANISHED needs UID FETCH with CHANGEDSINCE");
    }
    return cmd;
}

// STORE SP sequence-set [SP "(" UNCHANGEDSINCE SP n ")"] SP ["+"/"-"] FLAGS[.SILENT] SP flags
std::optional<Command> parse_store(Lexer& lx, bool uid) {
    StoreCmd cmd;
    cmd.uid = uid;
    if (!lx.sp()) return std::nullopt;
    auto set = parse_sequence_set(lx);
    if (!set || !lx.sp()) return std::nullopt;
    cmd.set = std::move(*set);
    if (lx.peek() == '(') {
        auto v = modseq_modifier(lx, "UNCHANGEDSINCE", true);
        if (!v || !lx.expect(')') || !lx.sp()) return std::nullopt;
        cmd.unchanged_since = *v;
    }
    if (lx.consume('+')) {
        cmd.mode = StoreMode::Add;
    } else if (lx.consume('-')) {
        cmd.mode = StoreMode::Remove;
    }
    auto item = lx.upper_atom();
    if (!item) return std::nullopt;
    if (*item == "FLAGS.SILENT") {
        cmd.silent = true;
    } else if (*item != "FLAGS") {
        return lx.fail("Expected FLAGS, +FLAGS or -FLAGS");
    }
    if (!lx.sp()) return std::nullopt;
    if (lx.peek() == '(') {
        auto flags = flag_list(lx);
        if (!flags) return std::nullopt;
        cmd.flags = std::move(*flags);
        return cmd;
    }
    const bool ok = lx.separated(kMaxFlags, [&] {
        auto f = flag(lx);
        if (f) cmd.flags.push_back(std::move(*f));
        return f.has_value();
    });
    if (!ok) return std::nullopt;
    return cmd;
}

std::optional<Command> parse_copy(Lexer& lx, bool uid, bool move) {
    if (!lx.sp()) return std::nullopt;
    auto set = parse_sequence_set(lx);
    if (!set || !lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb) return std::nullopt;
    return CopyCmd{uid, move, std::move(*set), std::move(*mb)};
}

std::optional<Command> parse_uid_expunge(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto set = parse_sequence_set(lx);
    if (!set) return std::nullopt;
    return ExpungeCmd{std::move(*set)};
}

}  // namespace maillab::protocols::imap::detail
