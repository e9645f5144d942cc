#include "protocols/imap/search_evaluator.hpp"

#include <algorithm>

#include "protocols/imap/lexer.hpp"
#include "protocols/mime/address.hpp"

namespace maillab::protocols::imap {

namespace {

char fold(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return fold(a) == fold(b); });
    return it != haystack.end();
}

bool has_flag(const MessageFacts& m, std::string_view flag) {
    return std::any_of(m.flags.begin(), m.flags.end(),
                       [&](const std::string& f) { return iequals(f, flag); });
}

bool header_contains(const MessageFacts& m, std::string_view field, std::string_view value) {
    if (!m.header) return false;
    const auto values = m.header(field);
    // HEADER field "" matches every message that has the field (RFC 3501 §6.4.4).
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return contains_folded(v, value); });
}

// FROM, TO, CC and BCC also match an address written with comments or quoting
// ("<user (c)@ (c) example.org>") by its plain form, as Dovecot's search does.
bool address_contains(const MessageFacts& m, std::string_view field, std::string_view value) {
    if (!m.header) return false;
    if (header_contains(m, field, value)) return true;
    for (const std::string& raw : m.header(field)) {
        const mime::AddressList list = mime::parse_address_list(raw);
        for (const mime::Address* a : list.mailboxes()) {
            const std::string spec = a->addr_spec();
            if (contains_folded(spec, value) || contains_folded(a->display_name, value) ||
                contains_folded(a->display_name + " <" + spec + ">", value)) {
                return true;
            }
        }
    }
    return false;
}

bool in_set(const SequenceSet& set, std::uint32_t n, std::uint32_t largest, std::uint32_t uid,
            const SearchContext& ctx) {
    if (set.saved) {
        if (ctx.saved_uids == nullptr) return false;
        return std::find(ctx.saved_uids->begin(), ctx.saved_uids->end(), uid) !=
               ctx.saved_uids->end();
    }
    return sequence_set_contains(set, n, largest);
}

bool matches(const SearchKey& k, const MessageFacts& m, const SearchContext& ctx,
             std::size_t depth) {
    // Parsed trees never exceed the limit; hand-built ones are refused, not recursed into.
    if (depth > kMaxSearchDepth) return false;
    const auto child = [&](std::size_t i) {
        return i < k.children.size() && matches(k.children[i], m, ctx, depth + 1);
    };
    switch (k.kind) {
        case SearchKeyKind::And:
            return std::all_of(k.children.begin(), k.children.end(),
                               [&](const SearchKey& c) { return matches(c, m, ctx, depth + 1); });
        case SearchKeyKind::Not:
            return k.children.size() == 1 && !child(0);
        case SearchKeyKind::Or:
            return child(0) || child(1);
        case SearchKeyKind::All:
            return true;
        case SearchKeyKind::Answered:
            return has_flag(m, "\\Answered");
        case SearchKeyKind::Deleted:
            return has_flag(m, "\\Deleted");
        case SearchKeyKind::Draft:
            return has_flag(m, "\\Draft");
        case SearchKeyKind::Flagged:
            return has_flag(m, "\\Flagged");
        case SearchKeyKind::Seen:
            return has_flag(m, "\\Seen");
        case SearchKeyKind::Unanswered:
            return !has_flag(m, "\\Answered");
        case SearchKeyKind::Undeleted:
            return !has_flag(m, "\\Deleted");
        case SearchKeyKind::Undraft:
            return !has_flag(m, "\\Draft");
        case SearchKeyKind::Unflagged:
            return !has_flag(m, "\\Flagged");
        case SearchKeyKind::Unseen:
            return !has_flag(m, "\\Seen");
        case SearchKeyKind::Keyword:
            return has_flag(m, k.text);
        case SearchKeyKind::Unkeyword:
            return !has_flag(m, k.text);
        case SearchKeyKind::Recent:
            return m.recent;
        case SearchKeyKind::New:
            return m.recent && !has_flag(m, "\\Seen");
        case SearchKeyKind::Old:
            return !m.recent;
        case SearchKeyKind::Before:
            return m.internal_date < k.date;
        case SearchKeyKind::On:
            return m.internal_date == k.date;
        case SearchKeyKind::Since:
            return m.internal_date >= k.date;
        case SearchKeyKind::SavedBefore:
            return m.saved_date < k.date;
        case SearchKeyKind::SavedOn:
            return m.saved_date == k.date;
        case SearchKeyKind::SavedSince:
            return m.saved_date >= k.date;
        case SearchKeyKind::SavedateSupported:
            return true;
        case SearchKeyKind::SentBefore:
            return m.sent_date && *m.sent_date < k.date;
        case SearchKeyKind::SentOn:
            return m.sent_date && *m.sent_date == k.date;
        case SearchKeyKind::SentSince:
            return m.sent_date && *m.sent_date >= k.date;
        case SearchKeyKind::Larger:
            return m.size > k.number;
        case SearchKeyKind::Smaller:
            return m.size < k.number;
        case SearchKeyKind::Bcc:
            return address_contains(m, "Bcc", k.text);
        case SearchKeyKind::Cc:
            return address_contains(m, "Cc", k.text);
        case SearchKeyKind::From:
            return address_contains(m, "From", k.text);
        case SearchKeyKind::To:
            return address_contains(m, "To", k.text);
        case SearchKeyKind::Subject:
            return header_contains(m, "Subject", k.text);
        case SearchKeyKind::Header:
            return header_contains(m, k.text, k.value);
        case SearchKeyKind::Body:
            return m.body_text && contains_folded(m.body_text(), k.text);
        case SearchKeyKind::Text:
            return m.full_text && contains_folded(m.full_text(), k.text);
        case SearchKeyKind::Uid:
            return in_set(k.set, m.uid, ctx.largest_uid, m.uid, ctx);
        case SearchKeyKind::SequenceSet:
            return in_set(k.set, m.seq, ctx.largest_seq, m.uid, ctx);
        case SearchKeyKind::ModSeq:
            return m.modseq >= k.number;
        case SearchKeyKind::Older:
            return m.internal_time < ctx.now - static_cast<std::int64_t>(k.number);
        case SearchKeyKind::Younger:
            return m.internal_time >= ctx.now - static_cast<std::int64_t>(k.number);
    }
    return false;
}

}  // namespace

bool search_matches(const SearchKey& key, const MessageFacts& message,
                    const SearchContext& context) {
    return matches(key, message, context, 0);  // the root list is not a nesting level
}

}  // namespace maillab::protocols::imap
