// ServerSession's SORT / UID SORT (RFC 5256 §3; SORT=DISPLAY, RFC 5957; ESORT's
// RETURN, RFC 5267 §3, with SEARCHRES's SAVE, RFC 5182) and THREAD / UID THREAD (RFC 5256 §3). The
// messages are those search_messages() finds; the keys come from each message's header section
// (sort_keys.hpp), read only when the program needs one; what to do with them is message_sort.hpp's
// and thread.hpp's.
#include <algorithm>
#include <string>
#include <vector>

#include "protocols/imap/base_subject.hpp"
#include "protocols/imap/collation.hpp"
#include "protocols/imap/data_response.hpp"
#include "protocols/imap/message_ids.hpp"
#include "protocols/imap/message_sort.hpp"
#include "protocols/imap/search_save.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/imap/sort_keys.hpp"
#include "protocols/imap/thread.hpp"
#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::imap {

namespace {

bool needs_header(const std::vector<SortCriterion>& program) {
    return std::any_of(program.begin(), program.end(), [](const SortCriterion& c) {
        return c.key != SortKey::Arrival && c.key != SortKey::Size;
    });
}

// The message's header section; empty when the store cannot read it.
mime::HeaderBlock read_header(store::MailStore& store, const std::string& user,
                              const std::string& mailbox, store::Uid uid) {
    auto bytes = store.read_message(user, mailbox, uid);
    if (!bytes) return {};
    return mime::parse_header_block(bytes.value());
}

void fill_keys(SortRecord& record, const std::vector<SortCriterion>& program,
               const mime::HeaderBlock& header) {
    for (const SortCriterion& c : program) {
        switch (c.key) {
            case SortKey::Arrival:
            case SortKey::Size:
                break;
            case SortKey::Date:
                record.sent = sent_time(header, record.arrival);
                break;
            case SortKey::Subject:
                record.subject = subject_sort_key(header);
                break;
            case SortKey::From:
                record.from = address_sort_key(header, "From");
                break;
            case SortKey::To:
                record.to = address_sort_key(header, "To");
                break;
            case SortKey::Cc:
                record.cc = address_sort_key(header, "Cc");
                break;
            case SortKey::DisplayFrom:
                record.display_from = display_sort_key(header, "From");
                break;
            case SortKey::DisplayTo:
                record.display_to = display_sort_key(header, "To");
                break;
        }
    }
}

}  // namespace

void ServerSession::sort(const std::string& tag, const SortCmd& sc) {
    const bool save = sc.returns && has_return_option(*sc.returns, "SAVE");
    const std::optional<SearchMatches> matches = search_messages(tag, sc.charset, sc.criteria);
    if (!matches) {
        if (save) selected_->save_search({});  // a failed SAVE empties "$" (RFC 5182 §2.1)
        return;
    }
    // ARRIVAL, SIZE and DATE (whose fallback is INTERNALDATE) need what an APPEND since
    // SELECT did not tell yet.
    if (selected_->needs_details()) {
        if (auto infos = store_->messages(user_, selected_->name())) {
            selected_->fill_details(infos.value());
        }
    }
    const bool header = needs_header(sc.program);
    std::vector<SortRecord> records;
    records.reserve(matches->seqs.size());
    for (std::uint32_t seq : matches->seqs) {
        const SelectedMessage& m = selected_->at(seq);
        SortRecord record;
        record.seq = seq;
        record.id = sc.uid ? m.info.uid : seq;
        record.size = m.info.size;
        record.arrival = m.info.internal_date;
        if (header) {
            fill_keys(record, sc.program,
                      read_header(*store_, user_, selected_->name(), m.info.uid));
        }
        records.push_back(std::move(record));
    }
    sort_records(records, sc.program);
    const std::vector<std::uint32_t> ids = sorted_ids(records);
    if (save) {
        std::vector<std::uint32_t> uids;
        for (const SortRecord& r : records)
            uids.push_back(selected_->at(r.seq).info.uid);
        selected_->save_search(saved_result(uids, *sc.returns));
    }
    if (sc.returns && save_only(*sc.returns)) {
        // RETURN (SAVE) alone: no ESEARCH answer (RFC 5182 §2.4).
    } else if (sc.returns) {
        data(esearch_response(tag, sc.uid, esort_result(ids, *sc.returns)), "ESEARCH");
    } else {
        data(sort_response(ids), "SORT");
    }
    reply(tag, Status::Ok, std::nullopt, sc.uid ? "UID SORT completed" : "SORT completed");
}

void ServerSession::thread(const std::string& tag, const ThreadCmd& tc) {
    const std::optional<SearchMatches> matches = search_messages(tag, tc.charset, tc.criteria);
    if (!matches) return;
    if (selected_->needs_details()) {  // the sent date falls back to INTERNALDATE
        if (auto infos = store_->messages(user_, selected_->name())) {
            selected_->fill_details(infos.value());
        }
    }
    std::vector<ThreadRecord> records;
    records.reserve(matches->seqs.size());
    for (std::uint32_t seq : matches->seqs) {
        const SelectedMessage& m = selected_->at(seq);
        const mime::HeaderBlock header = read_header(*store_, user_, selected_->name(), m.info.uid);
        ThreadRecord record;
        record.seq = seq;
        record.id = tc.uid ? m.info.uid : seq;
        record.sent = sent_time(header, m.info.internal_date);
        if (const mime::HeaderField* subject = header.find("Subject")) {
            BaseSubject base = base_subject(subject->value);
            record.subject = casemap_key(base.text);
            record.reply_or_forward = base.reply_or_forward;
        }
        if (tc.algorithm == ThreadAlgorithm::References) {
            ThreadHeaders ids = thread_headers(header);
            record.message_id = std::move(ids.message_id);
            record.references = std::move(ids.references);
        }
        records.push_back(std::move(record));
    }
    data(thread_response(thread_messages(tc.algorithm, std::move(records))), "THREAD");
    reply(tag, Status::Ok, std::nullopt, tc.uid ? "UID THREAD completed" : "THREAD completed");
}

}  // namespace maillab::protocols::imap
