// ServerSession's mailbox commands over the store: SELECT/EXAMINE (with
// CONDSTORE and QRESYNC), STATUS, CREATE/DELETE/RENAME/(UN)SUBSCRIBE, and the
// mapping of store errors to response codes.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::imap {

namespace {

using store::StoreErrorCode;

CodeKind code_for(StoreErrorCode code) {
    switch (code) {
        case StoreErrorCode::NoSuchAccount:
        case StoreErrorCode::NoSuchMailbox:
            return CodeKind::NonExistent;
        case StoreErrorCode::NoSuchMessage:
            return CodeKind::ExpungeIssued;
        case StoreErrorCode::AlreadyExists:
            return CodeKind::AlreadyExists;
        case StoreErrorCode::InvalidName:
        case StoreErrorCode::NotAllowed:
        case StoreErrorCode::HasChildren:
            return CodeKind::Cannot;
        case StoreErrorCode::QuotaExceeded:
            return CodeKind::OverQuota;
        case StoreErrorCode::LimitExceeded:
            return CodeKind::Limit;
        case StoreErrorCode::IoError:
            return CodeKind::ServerBug;
    }
    return CodeKind::ServerBug;
}

}  // namespace

void ServerSession::store_failure(const std::string& tag, const store::StoreError& error) {
    reply(tag, Status::No, ResponseCode{code_for(error.code), {}}, error.detail);
}

void ServerSession::deselect() {
    subscription_.reset();
    selected_.reset();
    if (state_ == ServerState::Selected) set_state(ServerState::Authenticated);
}

void ServerSession::select(const std::string& tag, const SelectCmd& s) {
    const std::string_view verb = s.read_only ? "EXAMINE" : "SELECT";
    // QRESYNC parameters need ENABLE QRESYNC first (RFC 7162 §3.2.5).
    if (s.qresync && !qresync_) {
        bad(tag, "QRESYNC is not enabled");
        return;
    }
    // Selecting closes the mailbox selected before, even if this SELECT fails (RFC 3501 §6.3.1).
    if (selected_) {
        deselect();
        // QRESYNC and IMAP4rev2 mark where the old mailbox's responses end (RFC 9051 §7.1).
        if (qresync_ || rev2_)
            reply("", Status::Ok, ResponseCode{CodeKind::Closed, {}}, "Previous closed");
    }
    const auto name = store::canonical_mailbox_name(s.mailbox.name);
    if (!name)
        return store_failure(tag,
                             store::store_error(StoreErrorCode::NoSuchMailbox, "No such mailbox"));
    const auto st = store_->status(user_, name.value());
    if (!st) return store_failure(tag, st.error());
    auto messages = store_->messages(user_, name.value());
    if (!messages) return store_failure(tag, messages.error());
    const store::MailboxStatus& info = st.value();
    if (s.condstore) condstore_ = true;  // SELECT (CONDSTORE) enables it (RFC 7162 §3.1.8)

    selected_ = std::make_unique<SelectedMailbox>(
        user_, name.value(), info.uidvalidity, s.read_only, std::move(messages.value()),
        info.highest_modseq, config_.recent.get(), info.keywords);
    subscription_ = store_->notifier().subscribe(
        user_, name.value(), [this](const store::Change& change) { on_change(change); }, origin_);

    std::vector<UntaggedLine> flags = flags_announcement(info.keywords, s.read_only);
    data(std::move(flags[0].text), flags[0].name);
    data(exists_response(selected_->exists()), "EXISTS");
    // IMAP4rev2 sends neither RECENT nor UNSEEN at SELECT (RFC 9051 Appendix E).
    if (!rev2_) data(recent_response(selected_->recent_count()), "RECENT");
    if (const auto unseen = rev2_ ? std::nullopt : selected_->first_unseen()) {
        reply("", Status::Ok, unseen_code(*unseen), "First unseen message");
    }
    reply("", Status::Ok, uidvalidity_code(info.uidvalidity), "UIDs valid");
    reply("", Status::Ok, uidnext_code(info.uidnext), "Predicted next UID");
    data(std::move(flags[1].text), flags[1].name);
    // IMAP4rev2 names the opened mailbox, with its attributes, in a LIST (RFC 9051 §6.3.2).
    if (rev2_) selected_list_response(name.value());
    if (condstore_) {
        reply("", Status::Ok, highestmodseq_code(info.highest_modseq), "Highest");
    }
    if (s.qresync && s.qresync->uidvalidity == info.uidvalidity) {
        select_qresync(*s.qresync, info.uidnext);
    }
    set_state(ServerState::Selected);
    reply(tag, Status::Ok, ResponseCode{s.read_only ? CodeKind::ReadOnly : CodeKind::ReadWrite, {}},
          std::string{verb} + " completed");
}

// The store keeps no history of expunged UIDs, so VANISHED (EARLIER) names every
// UID the client may know (its known-uids, or all below UIDNEXT) that is gone now.
// RFC 7162 §3.2.5.2 allows reporting UIDs the client never saw; the client ignores them.
void ServerSession::select_qresync(const QresyncParams& params, std::uint32_t uidnext) {
    const SequenceSet known =
        params.known_uids ? *params.known_uids : SequenceSet{{{1, kStar}}, false};
    const SequenceSet gone = selected_->missing(known, uidnext);
    if (!gone.ranges.empty()) data(vanished_response(gone, true), "VANISHED");
    for (std::uint32_t seq = 1; seq <= selected_->exists(); ++seq) {
        const SelectedMessage& m = selected_->at(seq);
        if (m.info.modseq <= params.modseq) continue;
        if (params.known_uids &&
            !sequence_set_contains(*params.known_uids, m.info.uid, selected_->largest_uid())) {
            continue;
        }
        data(FetchResponse(seq)
                 .uid(m.info.uid)
                 .flags(flag_names(m.info.flags, shows_recent(m)))
                 .modseq(m.info.modseq)
                 .str(),
             "FETCH");
    }
}

std::optional<std::vector<std::pair<std::string, std::uint64_t>>> ServerSession::status_items(
    std::string_view mailbox, const std::vector<std::string>& items) {
    const auto st = store_->status(user_, mailbox);
    if (!st) return std::nullopt;
    std::optional<std::vector<store::MessageInfo>> messages;
    const auto all = [&]() -> const std::vector<store::MessageInfo>& {
        if (!messages) {
            auto m = store_->messages(user_, mailbox);
            messages = m ? std::move(m.value()) : std::vector<store::MessageInfo>{};
        }
        return *messages;
    };
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const std::string& item : items) {
        std::uint64_t value = 0;
        if (item == "MESSAGES") {
            value = st.value().messages;
        } else if (item == "RECENT") {
            // Recent for the next session to select: UIDs no session has claimed yet.
            const std::uint32_t claimed =
                config_.recent->claimed(user_, mailbox, st.value().uidvalidity);
            value = static_cast<std::uint64_t>(
                std::count_if(all().begin(), all().end(),
                              [&](const store::MessageInfo& m) { return m.uid > claimed; }));
        } else if (item == "UIDNEXT") {
            value = st.value().uidnext;
        } else if (item == "UIDVALIDITY") {
            value = st.value().uidvalidity;
        } else if (item == "UNSEEN") {
            value = st.value().unseen;
        } else if (item == "HIGHESTMODSEQ") {
            value = st.value().highest_modseq;
            condstore_ = true;        // a CONDSTORE enabling command (RFC 7162 §3.1)
        } else if (item == "SIZE") {  // RFC 8438
            for (const auto& m : all())
                value += m.size;
        } else if (item == "DELETED") {  // RFC 9051 §6.3.11
            value = static_cast<std::uint64_t>(
                std::count_if(all().begin(), all().end(), [](const store::MessageInfo& m) {
                    return m.flags.has(store::SystemFlag::Deleted);
                }));
        } else {
            continue;  // the parser accepts only known items
        }
        out.emplace_back(item, value);
    }
    return out;
}

void ServerSession::status(const std::string& tag, const StatusCmd& st) {
    const auto name = store::canonical_mailbox_name(st.mailbox.name);
    const auto items = name ? status_items(name.value(), st.items) : std::nullopt;
    if (!items) {
        reply(tag, Status::No, ResponseCode{CodeKind::NonExistent, {}}, "No such mailbox");
        return;
    }
    data(status_data_response(client_name(st.mailbox.name), *items, rev2_), "STATUS");
    reply(tag, Status::Ok, std::nullopt, "STATUS completed");
}

void ServerSession::handle(const std::string& tag, const CreateCmd& c) {
    constexpr char d = store::kHierarchyDelimiter;
    // A trailing delimiter only says "this will have children" (RFC 3501 §6.3.3).
    std::string_view name = c.mailbox.name;
    if (name.size() > 1 && name.back() == d) name.remove_suffix(1);
    if (name == "INBOX")
        return reply(tag, Status::No, ResponseCode{CodeKind::AlreadyExists, {}},
                     "INBOX always exists");
    if (!valid_new_mailbox_name(name, d))
        return reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}}, "Invalid name");
    answer(tag, store_->create_mailbox(user_, name, store::SpecialUse::None, origin_),
           "CREATE completed");
}

void ServerSession::handle(const std::string& tag, const DeleteCmd& del) {
    if (del.mailbox.name == "INBOX")
        return reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}},
                     "INBOX cannot be deleted");
    answer(tag, store_->delete_mailbox(user_, del.mailbox.name, origin_), "DELETE completed");
}

void ServerSession::handle(const std::string& tag, const RenameCmd& r) {
    if (r.to.name == "INBOX")
        return reply(tag, Status::No, ResponseCode{CodeKind::AlreadyExists, {}},
                     "INBOX always exists");
    if (!valid_new_mailbox_name(r.to.name, store::kHierarchyDelimiter))
        return reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}}, "Invalid name");
    answer(tag, store_->rename_mailbox(user_, r.from.name, r.to.name, origin_), "RENAME completed");
}

void ServerSession::handle(const std::string& tag, const SubscribeCmd& s) {
    answer(tag, store_->set_subscribed(user_, s.mailbox.name, s.subscribe),
           s.subscribe ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
}

void ServerSession::answer(const std::string& tag, const store::Status& result,
                           std::string_view done) {
    if (!result) return store_failure(tag, result.error());
    reply(tag, Status::Ok, std::nullopt, done);
}

}  // namespace maillab::protocols::imap
