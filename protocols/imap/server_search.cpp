// ServerSession's SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8) with
// CHARSET, the MODSEQ key (RFC 7162 §3.1.5), ESEARCH RETURN options
// (RFC 4731) and WITHIN's OLDER/YOUNGER against the configured clock
// (RFC 5032), "$" and RETURN (SAVE) of SEARCHRES (RFC 5182, search_save.hpp);
// search_messages() also serves SORT and THREAD. Flag, size, date and UID keys use what
// the session knows; header and text keys read the message, only when the program has them.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/lexer.hpp"
#include "protocols/imap/message_view.hpp"
#include "protocols/imap/search_save.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/imap/unix_time.hpp"

namespace maillab::protocols::imap {

namespace {

struct KeyUse {
    bool text = false;    // header, body or text keys
    bool sent = false;    // SENTBEFORE SENTON SENTSINCE
    bool modseq = false;  // MODSEQ
    bool dates = false;   // sizes or internal dates
    bool within = false;  // OLDER YOUNGER (RFC 5032)
};

void collect(const SearchKey& key, KeyUse& use, std::size_t depth) {
    if (depth > kMaxSearchDepth) return;
    switch (key.kind) {
        case SearchKeyKind::Bcc:
        case SearchKeyKind::Body:
        case SearchKeyKind::Cc:
        case SearchKeyKind::From:
        case SearchKeyKind::Header:
        case SearchKeyKind::Subject:
        case SearchKeyKind::Text:
        case SearchKeyKind::To:
            use.text = true;
            break;
        case SearchKeyKind::SentBefore:
        case SearchKeyKind::SentOn:
        case SearchKeyKind::SentSince:
            use.sent = true;
            break;
        case SearchKeyKind::ModSeq:
            use.modseq = true;
            break;
        case SearchKeyKind::Before:
        case SearchKeyKind::On:
        case SearchKeyKind::Since:
        case SearchKeyKind::SavedBefore:
        case SearchKeyKind::SavedOn:
        case SearchKeyKind::SavedSince:
        case SearchKeyKind::Larger:
        case SearchKeyKind::Smaller:
            use.dates = true;
            break;
        case SearchKeyKind::Older:
        case SearchKeyKind::Younger:
            use.dates = true;
            use.within = true;
            break;
        default:
            break;
    }
    for (const SearchKey& child : key.children)
        collect(child, use, depth + 1);
}

// A message's bytes and view, read on first use.
struct LazyMessage {
    std::string bytes;
    std::unique_ptr<MessageView> view;
};

}  // namespace

std::optional<ServerSession::SearchMatches> ServerSession::search_messages(
    const std::string& tag, const std::optional<std::string>& charset, const SearchKey& criteria) {
    // RFC 3501 §6.4.4: US-ASCII must be supported; UTF-8 is what clients send today.
    if (charset && !iequals(*charset, "US-ASCII") && !iequals(*charset, "UTF-8")) {
        reply(tag, Status::No, ResponseCode{CodeKind::BadCharset, "(US-ASCII UTF-8)"},
              "Unsupported charset");
        return std::nullopt;
    }
    KeyUse use;
    collect(criteria, use, 0);
    if (use.dates && selected_->needs_details()) {
        if (auto infos = store_->messages(user_, selected_->name())) {
            selected_->fill_details(infos.value());
        }
    }
    SearchContext context{selected_->exists(), selected_->largest_uid(),
                          &selected_->saved_search()};
    // WITHIN (RFC 5032) counts back from now, which only the owner's clock can tell.
    if (use.within) context.now = config_.now();
    SearchMatches matches;
    matches.modseq = use.modseq;
    for (std::uint32_t seq = 1; seq <= selected_->exists(); ++seq) {
        const SelectedMessage& m = selected_->at(seq);
        LazyMessage lazy;
        const auto view = [&]() -> const MessageView& {
            if (!lazy.view) {
                if (auto read = store_->read_message(user_, selected_->name(), m.info.uid)) {
                    lazy.bytes = std::move(read.value());
                }
                lazy.view = std::make_unique<MessageView>(lazy.bytes);
            }
            return *lazy.view;
        };
        MessageFacts facts;
        facts.seq = seq;
        facts.uid = m.info.uid;
        facts.flags = flag_names(m.info.flags, false);
        facts.recent = m.recent;
        facts.size = m.info.size;
        facts.internal_date = utc_date_time(m.info.internal_date).date;
        facts.internal_time = m.info.internal_date;
        facts.saved_date = utc_date_time(m.info.saved_at).date;
        facts.modseq = m.info.modseq;
        if (use.sent) facts.sent_date = view().sent_date();
        if (use.text) {
            facts.header = [&](std::string_view field) { return view().header_values(field); };
            facts.body_text = [&] { return view().body_text(); };
            facts.full_text = [&] { return view().full_text(); };
        }
        if (!search_matches(criteria, facts, context)) continue;
        matches.seqs.push_back(seq);
        matches.highest_modseq = std::max(matches.highest_modseq, m.info.modseq);
    }
    return matches;
}

void ServerSession::search(const std::string& tag, const SearchCmd& sc) {
    const bool save = sc.returns && has_return_option(*sc.returns, "SAVE");
    // RFC 6855 §3: after ENABLE UTF8=ACCEPT a client must not name a charset.
    if (utf8_accept_ && sc.charset) {
        if (save) selected_->save_search({});
        return bad(tag, "No CHARSET after ENABLE UTF8=ACCEPT");
    }
    const std::optional<SearchMatches> matches = search_messages(tag, sc.charset, sc.criteria);
    if (!matches) {
        if (save) selected_->save_search({});  // a failed SAVE empties "$" (RFC 5182 §2.1)
        return;
    }
    std::vector<std::uint32_t> found;
    for (std::uint32_t seq : matches->seqs)
        found.push_back(sc.uid ? selected_->at(seq).info.uid : seq);
    const std::uint64_t highest = matches->highest_modseq;
    if (save) {
        std::vector<std::uint32_t> uids;
        for (std::uint32_t seq : matches->seqs)
            uids.push_back(selected_->at(seq).info.uid);
        selected_->save_search(saved_result(uids, *sc.returns));
    }
    // IMAP4rev2 answers every SEARCH in ESEARCH form, as if RETURN () (RFC 9051 §6.4.4).
    const std::vector<std::string> returns = sc.returns.value_or(std::vector<std::string>{});
    if (sc.returns && save_only(*sc.returns)) {
        // RETURN (SAVE) alone: no ESEARCH answer (RFC 5182 §2.4).
    } else if (sc.returns || rev2_) {
        // RFC 4731 §3.1: "RETURN ()" means ALL.
        const auto wants = [&](std::string_view option) {
            if (returns.empty()) return option == "ALL";
            return std::find(returns.begin(), returns.end(), option) != returns.end();
        };
        EsearchResult result;
        if (!found.empty() && wants("MIN")) result.min = found.front();
        if (!found.empty() && wants("MAX")) result.max = found.back();
        if (wants("COUNT")) result.count = static_cast<std::uint32_t>(found.size());
        if (wants("ALL")) result.all = compress_numbers(found);
        // RFC 4731 §3.2: MODSEQ of the messages returned; MIN or MAX alone return one.
        if (matches->modseq && !found.empty()) {
            std::uint64_t reported = wants("ALL") || wants("COUNT") ? highest : 0;
            const auto modseq_at = [&](std::uint32_t seq) {
                return selected_->at(seq).info.modseq;
            };
            if (wants("MIN")) reported = std::max(reported, modseq_at(matches->seqs.front()));
            if (wants("MAX")) reported = std::max(reported, modseq_at(matches->seqs.back()));
            result.modseq = reported;
        }
        data(esearch_response(tag, sc.uid, result), "ESEARCH");
    } else {
        // RFC 7162 §3.1.5: a search with MODSEQ reports the highest mod-sequence found.
        data(search_response(found, matches->modseq && !found.empty()
                                        ? std::optional<std::uint64_t>{highest}
                                        : std::nullopt),
             "SEARCH");
    }
    reply(tag, Status::Ok, std::nullopt, sc.uid ? "UID SEARCH completed" : "SEARCH completed");
}

}  // namespace maillab::protocols::imap
