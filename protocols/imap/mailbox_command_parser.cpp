// SELECT/EXAMINE, RENAME, LIST/LSUB, STATUS and SETQUOTA grammar (APPEND's is in
// append_command_parser.cpp).
#include <algorithm>
#include <array>
#include <utility>

#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/command_parser_detail.hpp"

namespace maillab::protocols::imap::detail {

namespace {

constexpr std::array<std::string_view, 8> kStatusItems = {
    "MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "SIZE", "DELETED"};

bool valid_status_items(Lexer& lx, const std::vector<std::string>& items) {
    for (const std::string& item : items) {
        if (std::find(kStatusItems.begin(), kStatusItems.end(), item) == kStatusItems.end()) {
            return lx.fail("Unknown STATUS item");
        }
    }
    return true;
}

// QRESYNC SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
std::optional<QresyncParams> qresync(Lexer& lx) {
    if (!lx.sp() || !lx.expect('(')) return std::nullopt;
    QresyncParams p;
    auto validity = lx.nz_number();
    if (!validity || !lx.sp()) return std::nullopt;
    auto modseq = lx.nz_number64();
    if (!modseq) return std::nullopt;
    p.uidvalidity = *validity;
    p.modseq = *modseq;
    if (lx.consume(' ') && lx.peek() != '(') {
        auto known = parse_sequence_set(lx);
        if (!known) return std::nullopt;
        p.known_uids = std::move(*known);
        if (lx.peek() == ' ') lx.consume(' ');
    }
    if (lx.consume('(')) {
        auto seqs = parse_sequence_set(lx);
        if (!seqs || !lx.sp()) return std::nullopt;
        auto uids = parse_sequence_set(lx);
        if (!uids || !lx.expect(')')) return std::nullopt;
        p.seq_match = std::pair{std::move(*seqs), std::move(*uids)};
    }
    if (!lx.expect(')')) return std::nullopt;
    return p;
}

}  // namespace

std::optional<Command> parse_select(Lexer& lx, bool examine) {
    if (!lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb) return std::nullopt;
    SelectCmd cmd{std::move(*mb), examine, false, std::nullopt};
    if (!lx.consume(' ')) return cmd;
    if (!lx.expect('(')) return std::nullopt;
    do {
        if (lx.keyword("CONDSTORE")) {
            cmd.condstore = true;
        } else if (lx.keyword("QRESYNC") && !cmd.qresync) {
            auto p = qresync(lx);
            if (!p) return std::nullopt;
            cmd.qresync = std::move(*p);
        } else {
            return lx.fail("Unknown SELECT parameter");
        }
    } while (lx.consume(' '));
    if (!lx.expect(')')) return std::nullopt;
    return cmd;
}

std::optional<Command> parse_rename(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto from = mailbox(lx);
    if (!from || !lx.sp()) return std::nullopt;
    auto to = mailbox(lx);
    if (!to) return std::nullopt;
    return RenameCmd{std::move(*from), std::move(*to)};
}

constexpr std::string_view kListSelectionOptions[] = {"SUBSCRIBED", "REMOTE", "RECURSIVEMATCH",
                                                      "SPECIAL-USE"};
constexpr std::string_view kListReturnOptions[] = {"SUBSCRIBED", "CHILDREN", "SPECIAL-USE",
                                                   "STATUS"};

template <std::size_t N>
bool known_option(const std::string_view (&known)[N], std::string_view option) {
    return std::find(std::begin(known), std::end(known), option) != std::end(known);
}

// LIST [SP "(" select-opts ")"] SP mailbox SP (list-mailbox / "(" patterns ")")
//      [SP RETURN SP "(" return-opts ")"]     (RFC 5258 §6)
std::optional<Command> parse_list(Lexer& lx, bool lsub) {
    ListCmd cmd;
    cmd.lsub = lsub;
    if (!lx.sp()) return std::nullopt;
    if (!lsub && lx.peek() == '(') {
        auto sel = atom_list(lx, true);
        if (!sel || !lx.sp()) return std::nullopt;
        // RFC 5258 §3: an option the server does not know is a syntax error.
        for (const std::string& option : *sel) {
            if (!known_option(kListSelectionOptions, option))
                return lx.fail("Unknown LIST selection option " + option);
        }
        cmd.selection = std::move(*sel);
    }
    auto ref = mailbox(lx);
    if (!ref || !lx.sp()) return std::nullopt;
    cmd.reference = std::move(*ref);
    const auto pattern = [&] {
        auto pat = lx.list_mailbox();
        if (pat) cmd.patterns.push_back(std::move(*pat));
        return pat.has_value();
    };
    const bool several = !lsub && lx.peek() == '(';
    if (!(several ? lx.parenthesised(kMaxFlags, false, pattern) : pattern())) return std::nullopt;
    if (lsub || !lx.consume(' ')) return cmd;
    if (!lx.keyword("RETURN") || !lx.sp()) return lx.fail("Expected RETURN options");
    const bool ok = lx.parenthesised(kMaxFlags, true, [&] {
        auto opt = lx.upper_atom();
        if (!opt) return false;
        if (!known_option(kListReturnOptions, *opt)) {
            (void)lx.fail("Unknown LIST return option " + *opt);
            return false;
        }
        if (*opt == "STATUS") {
            if (!lx.sp()) return false;
            auto items = atom_list(lx, false);
            if (!items || !valid_status_items(lx, *items)) return false;
            cmd.status_items = std::move(*items);
        }
        cmd.returns.push_back(std::move(*opt));
        return true;
    });
    if (!ok) return std::nullopt;
    return cmd;
}

std::optional<Command> parse_status(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb || !lx.sp()) return std::nullopt;
    auto items = atom_list(lx, false);
    if (!items || !valid_status_items(lx, *items)) return std::nullopt;
    return StatusCmd{std::move(*mb), std::move(*items)};
}

// SETQUOTA SP quota-root SP "(" [resource SP number64 *(SP resource SP number64)] ")"
std::optional<Command> parse_setquota(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto root = lx.astring();
    if (!root || !lx.sp()) return std::nullopt;
    SetQuotaCmd cmd{std::move(*root), {}};
    const bool ok = lx.parenthesised(kMaxFlags, true, [&] {
        auto resource = lx.upper_atom();
        if (!resource || !lx.sp()) return false;
        auto limit = lx.number64();
        if (limit) cmd.limits.emplace_back(std::move(*resource), *limit);
        return limit.has_value();
    });
    if (!ok) return std::nullopt;
    return cmd;
}

}  // namespace maillab::protocols::imap::detail
