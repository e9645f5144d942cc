// ServerSession's message commands besides FETCH, SEARCH and APPEND: CLOSE,
// EXPUNGE / UID EXPUNGE, STORE / UID STORE, COPY / MOVE (and their UID
// forms) and the QUOTA commands.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/lexer.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/imap/store_flags.hpp"
#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::imap {

namespace {

store::FlagOp flag_op(StoreMode mode) {
    switch (mode) {
        case StoreMode::Add:
            return store::FlagOp::Add;
        case StoreMode::Remove:
            return store::FlagOp::Remove;
        case StoreMode::Replace:
            return store::FlagOp::Replace;
    }
    return store::FlagOp::Replace;
}

SequenceSet uid_set(const std::vector<store::UidMapping>& mapping, bool source) {
    std::vector<std::uint32_t> uids;
    for (const auto& m : mapping)
        uids.push_back(source ? m.source : m.destination);
    return compress_numbers(std::move(uids));
}

}  // namespace

std::optional<std::vector<std::uint32_t>> ServerSession::resolve(const std::string& tag,
                                                                 const SequenceSet& set, bool uid) {
    // "$" (RFC 5182 §2.1) names the saved UIDs whether or not the command is a UID command.
    if (set.saved) return selected_->resolve(compress_numbers(selected_->saved_search()), true);
    auto seqs = selected_->resolve(set, uid);
    if (!seqs) bad(tag, "Invalid message sequence number");
    return seqs;
}

void ServerSession::close(const std::string& tag) {
    // CLOSE expunges silently: no EXPUNGE responses (RFC 3501 §6.4.2).
    if (!selected_->read_only()) {
        std::vector<store::Uid> deleted;
        for (std::uint32_t seq = 1; seq <= selected_->exists(); ++seq) {
            const SelectedMessage& m = selected_->at(seq);
            if (m.info.flags.has(store::SystemFlag::Deleted)) deleted.push_back(m.info.uid);
        }
        if (!deleted.empty()) (void)store_->expunge(user_, selected_->name(), deleted, origin_);
    }
    deselect();
    reply(tag, Status::Ok, std::nullopt, "CLOSE completed");
}

void ServerSession::expunge(const std::string& tag, const ExpungeCmd& e) {
    if (selected_->read_only()) {
        return reply(tag, Status::No, ResponseCode{CodeKind::ReadOnly, {}},
                     "The mailbox is read-only");
    }
    flush_updates();  // tell other sessions' expunges first, so the numbers below are right
    std::optional<std::vector<std::uint32_t>> in_set;
    if (e.uids) {
        in_set = resolve(tag, *e.uids, true);
        if (!in_set) return;
    }
    std::vector<store::Uid> deleted;
    const auto consider = [&](std::uint32_t seq) {
        const SelectedMessage& m = selected_->at(seq);
        if (m.info.flags.has(store::SystemFlag::Deleted)) deleted.push_back(m.info.uid);
    };
    if (in_set) {
        std::for_each(in_set->begin(), in_set->end(), consider);
    } else {
        for (std::uint32_t seq = 1; seq <= selected_->exists(); ++seq)
            consider(seq);
    }
    const auto removed = store_->expunge(user_, selected_->name(), deleted, origin_);
    if (!removed) return store_failure(tag, removed.error());
    for (const store::Uid uid : removed.value()) {
        const auto seq = selected_->remove(uid);
        if (seq && !qresync_) data(expunge_response(*seq), "EXPUNGE");
    }
    if (qresync_ && !removed.value().empty()) {
        data(vanished_response(compress_numbers(removed.value()), false), "VANISHED");
    }
    reply(tag, Status::Ok, std::nullopt, "EXPUNGE completed");
}

void ServerSession::store_flags(const std::string& tag, const StoreCmd& sc) {
    const auto flags = to_store_flags(sc.flags);
    if (!flags) return bad(tag, "Invalid flag in STORE");
    const auto seqs = resolve(tag, sc.set, sc.uid);
    if (!seqs) return;
    if (selected_->read_only()) {
        return reply(tag, Status::No, ResponseCode{CodeKind::ReadOnly, {}},
                     "The mailbox is read-only");
    }
    std::vector<store::Uid> uids;
    for (const std::uint32_t seq : *seqs) {
        if (!selected_->at(seq).expunged) uids.push_back(selected_->at(seq).info.uid);
    }
    const store::FlagUpdate update{flag_op(sc.mode), *flags, sc.unchanged_since};
    const auto result = store_->store_flags(user_, selected_->name(), uids, update, origin_);
    if (!result) return store_failure(tag, result.error());
    for (const store::MessageInfo& info : result.value().changed)
        selected_->update(info);
    std::vector<store::Uid> failed = result.value().failed;
    std::vector<store::Uid> changed;
    for (const store::MessageInfo& info : result.value().changed)
        changed.push_back(info.uid);
    std::sort(failed.begin(), failed.end());
    std::sort(changed.begin(), changed.end());
    // Without .SILENT every message named gets its flags back (RFC 3501 §6.4.6); with
    // CONDSTORE .SILENT still reports the new MODSEQ of changed ones (RFC 7162 §3.1.3).
    for (const std::uint32_t seq : *seqs) {
        const SelectedMessage& m = selected_->at(seq);
        if (m.expunged) continue;
        if (std::binary_search(failed.begin(), failed.end(), m.info.uid)) continue;
        if (sc.silent &&
            !(condstore_ && std::binary_search(changed.begin(), changed.end(), m.info.uid))) {
            continue;
        }
        if (!sc.silent) announce_keywords(m.info.flags);
        FetchResponse fetch(seq);
        if (sc.uid || qresync_) fetch.uid(m.info.uid);
        if (!sc.silent) fetch.flags(flag_names(m.info.flags, shows_recent(m)));
        if (condstore_) fetch.modseq(m.info.modseq);
        data(fetch.str(), "FETCH");
    }
    if (!failed.empty()) {
        std::vector<std::uint32_t> numbers;
        for (const store::Uid uid : failed) {
            if (sc.uid) {
                numbers.push_back(uid);
            } else if (const auto seq = selected_->seq_of(uid)) {
                numbers.push_back(*seq);
            }
        }
        return reply(tag, Status::Ok, modified_code(compress_numbers(std::move(numbers))),
                     "Conditional STORE failed for some messages");
    }
    reply(tag, Status::Ok, std::nullopt, "STORE completed");
}

void ServerSession::copy(const std::string& tag, const CopyCmd& c) {
    const std::string_view verb = c.move ? "MOVE" : "COPY";
    const auto seqs = resolve(tag, c.set, c.uid);
    if (!seqs) return;
    if (c.move && selected_->read_only()) {
        return reply(tag, Status::No, ResponseCode{CodeKind::ReadOnly, {}},
                     "The mailbox is read-only");
    }
    const auto target = store::canonical_mailbox_name(c.mailbox.name);
    if (!target) return reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}}, "Invalid name");
    std::vector<store::Uid> uids;
    for (const std::uint32_t seq : *seqs) {
        if (!selected_->at(seq).expunged) uids.push_back(selected_->at(seq).info.uid);
    }
    const std::string source = selected_->name();
    const std::int64_t now = config_.now();  // the copies' save date (RFC 8514)
    auto result = c.move ? store_->move(user_, source, uids, target.value(), now, origin_)
                         : store_->copy(user_, source, uids, target.value(), now, origin_);
    if (!result) {
        if (result.code() == store::StoreErrorCode::NoSuchMailbox) {
            return reply(tag, Status::No, ResponseCode{CodeKind::TryCreate, {}},
                         "No such mailbox; create it first");
        }
        return store_failure(tag, result.error());
    }
    const store::CopyResult& done = result.value();
    std::optional<ResponseCode> code;
    if (!done.mapping.empty()) {
        code = copyuid_code(done.destination_uidvalidity, uid_set(done.mapping, true),
                            uid_set(done.mapping, false));
    }
    if (!c.move) return reply(tag, Status::Ok, code, "COPY completed");
    // RFC 6851 §4.3: COPYUID goes in an untagged OK before the expunges.
    if (code) reply("", Status::Ok, code, "Moved");
    std::vector<std::uint32_t> gone;
    for (const store::UidMapping& m : done.mapping) {
        const auto seq = selected_->remove(m.source);
        if (seq && !qresync_) data(expunge_response(*seq), "EXPUNGE");
        gone.push_back(m.source);
    }
    if (qresync_ && !gone.empty()) {
        data(vanished_response(compress_numbers(std::move(gone)), false), "VANISHED");
    }
    reply(tag, Status::Ok, std::nullopt, std::string{verb} + " completed");
}

void ServerSession::handle(const std::string& tag, const SetQuotaCmd&) {
    reply(tag, Status::No, ResponseCode{CodeKind::NoPerm, {}},
          "Only the administrator sets quotas");
}

// One quota root per account, named "" (RFC 9208 §3.2 allows any naming).
void ServerSession::handle(const std::string& tag, const GetQuotaRootCmd& root) {
    const auto name = store::canonical_mailbox_name(root.mailbox.name);
    const auto st = name ? store_->status(user_, name.value())
                         : store::Result<store::MailboxStatus>{store::store_error(
                               store::StoreErrorCode::NoSuchMailbox, "No such mailbox")};
    if (!st) return store_failure(tag, st.error());
    data(quotaroot_response(client_name(root.mailbox.name), {""}, rev2_), "QUOTAROOT");
    quota_usage(tag, "GETQUOTAROOT completed");
}

void ServerSession::handle(const std::string& tag, const GetQuotaCmd& quota) {
    if (quota.root != "") {
        return reply(tag, Status::No, ResponseCode{CodeKind::NonExistent, {}},
                     "No such quota root");
    }
    quota_usage(tag, "GETQUOTA completed");
}

void ServerSession::quota_usage(const std::string& tag, std::string_view done) {
    const auto usage = store_->quota(user_);
    if (!usage) return store_failure(tag, usage.error());
    const store::QuotaUsage& u = usage.value();
    std::vector<std::pair<std::string, std::pair<std::uint64_t, std::uint64_t>>> resources;
    // STORAGE counts units of 1024 octets (RFC 9208 §5.1).
    if (u.limits.storage_octets) {
        resources.push_back(
            {"STORAGE", {(u.storage_octets + 1023) / 1024, *u.limits.storage_octets / 1024}});
    }
    if (u.limits.messages) resources.push_back({"MESSAGE", {u.messages, *u.limits.messages}});
    data(quota_response("", resources), "QUOTA");
    reply(tag, Status::Ok, std::nullopt, done);
}

}  // namespace maillab::protocols::imap
