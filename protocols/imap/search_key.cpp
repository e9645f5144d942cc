#include "protocols/imap/search_key.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace maillab::protocols::imap {

namespace {

enum class Arg { None, String, Date, Number, Flag, Header, Not, Or, Uid, ModSeq, Interval };

struct KeySpec {
    std::string_view name;
    SearchKeyKind kind;
    Arg arg;
};

constexpr std::array<KeySpec, 42> kKeys = {{
    {"ALL", SearchKeyKind::All, Arg::None},
    {"ANSWERED", SearchKeyKind::Answered, Arg::None},
    {"BCC", SearchKeyKind::Bcc, Arg::String},
    {"BEFORE", SearchKeyKind::Before, Arg::Date},
    {"BODY", SearchKeyKind::Body, Arg::String},
    {"CC", SearchKeyKind::Cc, Arg::String},
    {"DELETED", SearchKeyKind::Deleted, Arg::None},
    {"DRAFT", SearchKeyKind::Draft, Arg::None},
    {"FLAGGED", SearchKeyKind::Flagged, Arg::None},
    {"FROM", SearchKeyKind::From, Arg::String},
    {"HEADER", SearchKeyKind::Header, Arg::Header},
    {"KEYWORD", SearchKeyKind::Keyword, Arg::Flag},
    {"LARGER", SearchKeyKind::Larger, Arg::Number},
    {"NEW", SearchKeyKind::New, Arg::None},
    {"NOT", SearchKeyKind::Not, Arg::Not},
    {"OLD", SearchKeyKind::Old, Arg::None},
    {"ON", SearchKeyKind::On, Arg::Date},
    {"OR", SearchKeyKind::Or, Arg::Or},
    {"RECENT", SearchKeyKind::Recent, Arg::None},
    {"SEEN", SearchKeyKind::Seen, Arg::None},
    {"SENTBEFORE", SearchKeyKind::SentBefore, Arg::Date},
    {"SENTON", SearchKeyKind::SentOn, Arg::Date},
    {"SENTSINCE", SearchKeyKind::SentSince, Arg::Date},
    {"SINCE", SearchKeyKind::Since, Arg::Date},
    {"SMALLER", SearchKeyKind::Smaller, Arg::Number},
    {"SUBJECT", SearchKeyKind::Subject, Arg::String},
    {"TEXT", SearchKeyKind::Text, Arg::String},
    {"TO", SearchKeyKind::To, Arg::String},
    {"UID", SearchKeyKind::Uid, Arg::Uid},
    {"UNANSWERED", SearchKeyKind::Unanswered, Arg::None},
    {"UNDELETED", SearchKeyKind::Undeleted, Arg::None},
    {"UNDRAFT", SearchKeyKind::Undraft, Arg::None},
    {"UNFLAGGED", SearchKeyKind::Unflagged, Arg::None},
    {"UNKEYWORD", SearchKeyKind::Unkeyword, Arg::Flag},
    {"UNSEEN", SearchKeyKind::Unseen, Arg::None},
    {"MODSEQ", SearchKeyKind::ModSeq, Arg::ModSeq},
    {"OLDER", SearchKeyKind::Older, Arg::Interval},
    {"YOUNGER", SearchKeyKind::Younger, Arg::Interval},
    {"SAVEDBEFORE", SearchKeyKind::SavedBefore, Arg::Date},
    {"SAVEDON", SearchKeyKind::SavedOn, Arg::Date},
    {"SAVEDSINCE", SearchKeyKind::SavedSince, Arg::Date},
    {"SAVEDATESUPPORTED", SearchKeyKind::SavedateSupported, Arg::None},
}};

class SearchParser {
public:
    explicit SearchParser(Lexer& lexer) : lx_(lexer) {}

    std::optional<SearchKey> key(std::size_t depth) {
        if (depth > kMaxSearchDepth) return lx_.fail("Search keys nested too deeply");
        if (++count_ > kMaxSearchKeys) return lx_.fail("Too many search keys");
        const char c = lx_.peek();
        if (c == '(') return group(depth);
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            auto set = parse_sequence_set(lx_);
            if (!set) return std::nullopt;
            SearchKey k{.kind = SearchKeyKind::SequenceSet};
            k.set = std::move(*set);
            return k;
        }
        auto name = lx_.upper_atom();
        if (!name) return lx_.fail("Expected a search key");
        for (const KeySpec& spec : kKeys) {
            if (spec.name == *name) return argument(spec, depth);
        }
        return lx_.fail("Unknown search key");
    }

private:
    std::optional<SearchKey> group(std::size_t depth) {
        lx_.consume('(');
        SearchKey k{.kind = SearchKeyKind::And};
        do {
            auto child = key(depth + 1);
            if (!child) return std::nullopt;
            k.children.push_back(std::move(*child));
        } while (lx_.consume(' '));
        if (!lx_.expect(')')) return std::nullopt;
        return k;
    }

    std::optional<SearchKey> argument(const KeySpec& spec, std::size_t depth) {
        SearchKey k{.kind = spec.kind};
        if (spec.arg == Arg::None) return k;
        if (!lx_.sp()) return std::nullopt;
        switch (spec.arg) {
            case Arg::None:
                break;
            case Arg::String:
            case Arg::Flag: {
                auto s = spec.arg == Arg::Flag ? flag_keyword() : lx_.astring();
                if (!s) return std::nullopt;
                k.text = std::move(*s);
                break;
            }
            case Arg::Header: {
                auto field = lx_.astring();
                if (!field || !lx_.sp()) return std::nullopt;
                auto value = lx_.astring();
                if (!value) return std::nullopt;
                k.text = std::move(*field);
                k.value = std::move(*value);
                break;
            }
            case Arg::Date: {
                auto d = date();
                if (!d) return std::nullopt;
                k.date = *d;
                break;
            }
            case Arg::Number: {
                auto n = lx_.number();
                if (!n) return std::nullopt;
                k.number = *n;
                break;
            }
            case Arg::Interval: {
                auto n = lx_.nz_number();
                if (!n) return std::nullopt;
                k.number = *n;
                break;
            }
            case Arg::Uid: {
                auto set = parse_sequence_set(lx_);
                if (!set) return std::nullopt;
                k.set = std::move(*set);
                break;
            }
            case Arg::Not:
            case Arg::Or: {
                auto a = key(depth + 1);
                if (!a) return std::nullopt;
                k.children.push_back(std::move(*a));
                if (spec.arg == Arg::Or) {
                    if (!lx_.sp()) return std::nullopt;
                    auto b = key(depth + 1);
                    if (!b) return std::nullopt;
                    k.children.push_back(std::move(*b));
                }
                break;
            }
            case Arg::ModSeq:
                return modseq(std::move(k));
        }
        return k;
    }

    // search-modsequence = "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer
    std::optional<SearchKey> modseq(SearchKey k) {
        if (lx_.peek() == '"') {
            auto entry = lx_.quoted();
            if (!entry || !lx_.sp()) return std::nullopt;
            auto type = lx_.upper_atom();
            if (!type) return std::nullopt;
            if (*type != "PRIV" && *type != "SHARED" && *type != "ALL") {
                return lx_.fail("Invalid MODSEQ entry type");
            }
            if (!lx_.sp()) return std::nullopt;
            k.value = std::move(*entry);
            k.entry_type = to_lower(*type);
        }
        auto n = lx_.number64();
        if (!n) return std::nullopt;
        k.number = *n;
        return k;
    }

    std::optional<std::string> flag_keyword() {
        auto a = lx_.atom();
        if (!a) return std::nullopt;
        return std::string{*a};
    }

    std::optional<Date> date() {
        std::optional<std::string> text;
        if (lx_.peek() == '"') {
            text = lx_.quoted();
        } else if (auto a = lx_.atom()) {
            text = std::string{*a};
        }
        if (!text) return lx_.fail("Expected a date");
        auto d = parse_date_text(*text);
        if (!d) return lx_.fail("Invalid date");
        return d;
    }

    static std::string to_lower(std::string s) {
        for (char& c : s) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return s;
    }

    Lexer& lx_;
    std::size_t count_ = 0;
};

}  // namespace

std::optional<SearchKey> parse_search_key(Lexer& lexer) {
    return SearchParser{lexer}.key(1);
}

std::optional<SearchKey> parse_search_program(Lexer& lexer) {
    SearchParser parser{lexer};
    SearchKey all{.kind = SearchKeyKind::And};
    do {
        auto k = parser.key(1);
        if (!k) return std::nullopt;
        all.children.push_back(std::move(*k));
    } while (lexer.consume(' '));
    if (!lexer.end()) return std::nullopt;
    return all;
}

std::string_view search_key_name(SearchKeyKind kind) {
    if (kind == SearchKeyKind::And) return "(...)";
    if (kind == SearchKeyKind::SequenceSet) return "sequence-set";
    for (const KeySpec& spec : kKeys) {
        if (spec.kind == kind) return spec.name;
    }
    return "?";
}

bool mentions_modseq(const SearchKey& key) {
    // Parsed trees are at most kMaxSearchDepth deep, so the recursion is bounded.
    return key.kind == SearchKeyKind::ModSeq ||
           std::any_of(key.children.begin(), key.children.end(), mentions_modseq);
}

}  // namespace maillab::protocols::imap
