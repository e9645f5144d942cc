// StoreBase: the message operations (status, append, flags, expunge, copy,
// move, quota). The mailbox operations are in store_base.cpp.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "protocols/store/store_base.hpp"

namespace maillab::protocols::store {
namespace {

std::vector<Uid> sorted_unique(std::vector<Uid> uids) {
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    return uids;
}

}  // namespace

Result<MailboxStatus> StoreBase::status(std::string_view account, std::string_view mailbox) {
    PublishOnExit publish(*this);
    auto box = mailbox_state(account, mailbox);
    if (!box) return box.error();
    const MailboxState& state = *box.value();
    MailboxStatus result{.uidvalidity = state.uidvalidity,
                         .uidnext = state.uidnext,
                         .highest_modseq = state.highest_modseq,
                         .messages = static_cast<std::uint32_t>(state.messages.size()),
                         .keywords = state.keywords};
    result.unseen = static_cast<std::uint32_t>(
        std::count_if(state.messages.begin(), state.messages.end(),
                      [](const StoredMessage& m) { return !m.info.flags.has(SystemFlag::Seen); }));
    return result;
}

Status StoreBase::refresh(std::string_view account, std::string_view mailbox) {
    PublishOnExit publish(*this);
    auto box = mailbox_state(account, mailbox);
    if (!box) return box.error();
    return ok_status();
}

Result<std::vector<MessageInfo>> StoreBase::messages(std::string_view account,
                                                     std::string_view mailbox) {
    PublishOnExit publish(*this);
    auto box = mailbox_state(account, mailbox);
    if (!box) return box.error();
    std::vector<MessageInfo> result;
    result.reserve(box.value()->messages.size());
    for (const auto& message : box.value()->messages)
        result.push_back(message.info);
    return result;
}

Result<std::string> StoreBase::read_message(std::string_view account, std::string_view mailbox,
                                            Uid uid) {
    PublishOnExit publish(*this);
    // No rescan first: the bytes of a known UID are where the last scan saw them, and a
    // FETCH of 20 bodies need not list the mailbox 20 times. A file that moved or a UID
    // not seen yet sends us to a rescan below.
    auto box = mailbox_state(account, mailbox, Refresh::No);
    if (!box) return box.error();
    auto find = [&box, uid]() -> const StoredMessage* {
        const auto& list = box.value()->messages;
        const auto found = std::lower_bound(
            list.begin(), list.end(), uid,
            [](const StoredMessage& message, Uid wanted) { return message.info.uid < wanted; });
        return found == list.end() || found->info.uid != uid ? nullptr : &*found;
    };
    const StoredMessage* message = find();
    if (message != nullptr) {
        auto bytes = read_bytes(std::string(account), *box.value(), *message);
        if (bytes.ok() || bytes.code() != StoreErrorCode::NoSuchMessage) return bytes;
    }
    // Another program may have renamed the file (a flag change) since the scan: look again.
    if (auto refreshed = refresh_mailbox(std::string(account), *box.value()); !refreshed) {
        return refreshed.error();
    }
    message = find();
    if (message == nullptr) {
        return store_error(StoreErrorCode::NoSuchMessage,
                           "no message with UID " + std::to_string(uid));
    }
    return read_bytes(std::string(account), *box.value(), *message);
}

Status StoreBase::check_quota(std::string_view account, std::uint64_t add_octets,
                              std::uint64_t add_messages) {
    // Without limits there is nothing to count: totalling every mailbox for each
    // delivery would list them all.
    const auto limits = accounts_.quota(account);
    if (!limits || !limits->limits_anything()) return ok_status();
    auto usage = quota(account);
    if (!usage) return usage.error();
    const QuotaUsage& now = usage.value();
    if (now.limits.storage_octets && now.storage_octets + add_octets > *now.limits.storage_octets) {
        return store_error(StoreErrorCode::QuotaExceeded,
                           "the mailbox storage quota of " +
                               std::to_string(*now.limits.storage_octets) +
                               " octets would be exceeded");
    }
    if (now.limits.messages && now.messages + add_messages > *now.limits.messages) {
        return store_error(
            StoreErrorCode::QuotaExceeded,
            "the quota of " + std::to_string(*now.limits.messages) + " messages would be exceeded");
    }
    return ok_status();
}

Result<QuotaUsage> StoreBase::quota(std::string_view account) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    QuotaUsage usage;
    usage.limits = accounts_.quota(account).value_or(QuotaLimits{});
    for (auto& [name, box] : state.value()->mailboxes) {
        if (auto refreshed = refresh_mailbox(std::string(account), box); !refreshed) {
            return refreshed.error();
        }
        for (const auto& message : box.messages)
            usage.storage_octets += message.info.size;
        usage.messages += box.messages.size();
    }
    return usage;
}

Result<Uid> StoreBase::append(std::string_view account, std::string_view mailbox,
                              std::string_view bytes, const Flags& flags, MessageDates dates,
                              Origin origin) {
    PublishOnExit publish(*this);
    auto box_result = mailbox_state(account, mailbox);
    if (!box_result) return box_result.error();
    MailboxState& box = *box_result.value();
    const std::string owner(account);
    if (bytes.size() > kMaxMessageOctets) {
        return store_error(
            StoreErrorCode::LimitExceeded,
            "messages are limited to " + std::to_string(kMaxMessageOctets) + " octets");
    }
    if (auto allowed = check_quota(owner, bytes.size(), 1); !allowed) return allowed.error();
    if (auto known = register_keywords(box, flags); !known) return known.error();
    StoredMessage message{.info = {.uid = box.uidnext,
                                   .modseq = box.highest_modseq + 1,
                                   .flags = flags,
                                   .internal_date = dates.internal_date,
                                   .saved_at = dates.saved_at,
                                   .size = bytes.size()}};
    if (auto written = write_message(owner, box, message, bytes); !written) return written.error();
    box.highest_modseq = message.info.modseq;
    box.uidnext = message.info.uid + 1;
    box.messages.push_back(message);
    if (auto saved = save_changes(owner, box, {.written = {message.info.uid}}); !saved) {
        return saved.error();
    }
    record_message(ChangeKind::Appended, owner, box, message.info, origin);
    return message.info.uid;
}

Result<FlagUpdateResult> StoreBase::store_flags(std::string_view account, std::string_view mailbox,
                                                const std::vector<Uid>& uids,
                                                const FlagUpdate& update, Origin origin) {
    PublishOnExit publish(*this);
    auto box_result = mailbox_state(account, mailbox);
    if (!box_result) return box_result.error();
    MailboxState& box = *box_result.value();
    const std::string owner(account);
    if (update.op != FlagOp::Remove) {
        if (auto known = register_keywords(box, update.flags); !known) return known.error();
    }
    FlagUpdateResult result;
    const std::vector<Uid> wanted = sorted_unique(uids);
    for (auto& message : box.messages) {
        if (!std::binary_search(wanted.begin(), wanted.end(), message.info.uid)) continue;
        if (update.unchanged_since && message.info.modseq > *update.unchanged_since) {
            result.failed.push_back(message.info.uid);
            continue;
        }
        Flags next = apply_flag_op(message.info.flags, update.op, update.flags);
        if (next == message.info.flags) continue;
        const MessageInfo before = message.info;
        message.info.flags = std::move(next);
        message.info.modseq = box.highest_modseq + 1;
        if (auto written = write_flags(owner, box, message); !written) {
            message.info = before;
            return written.error();
        }
        box.highest_modseq = message.info.modseq;
        result.changed.push_back(message.info);
        record_message(ChangeKind::FlagsChanged, owner, box, message.info, origin);
    }
    if (!result.changed.empty()) {
        MailboxChanges changes;
        for (const auto& info : result.changed)
            changes.written.push_back(info.uid);
        if (auto saved = save_changes(owner, box, changes); !saved) return saved.error();
    }
    return result;
}

Result<std::vector<Uid>> StoreBase::expunge(std::string_view account, std::string_view mailbox,
                                            const std::vector<Uid>& uids, Origin origin) {
    PublishOnExit publish(*this);
    auto box = mailbox_state(account, mailbox);
    if (!box) return box.error();
    return expunge_messages(std::string(account), *box.value(), uids, origin);
}

Result<std::vector<Uid>> StoreBase::expunge_messages(const std::string& account, MailboxState& box,
                                                     const std::vector<Uid>& uids, Origin origin) {
    const std::vector<Uid> wanted = sorted_unique(uids);
    const bool others_watch = notifier().watched_by_others(account, box.name, origin);
    std::vector<Uid> removed;
    std::vector<std::shared_ptr<const std::string>> retained;
    std::vector<StoredMessage> kept;
    kept.reserve(box.messages.size());
    Status failure = ok_status();
    for (auto& message : box.messages) {
        const bool drop =
            failure.ok() && std::binary_search(wanted.begin(), wanted.end(), message.info.uid);
        std::shared_ptr<const std::string> octets;
        if (drop && others_watch && message.info.size <= kMaxRetainedMessageOctets) {
            if (auto bytes = read_bytes(account, box, message))
                octets = std::make_shared<const std::string>(std::move(bytes.value()));
        }
        if (drop) failure = remove_message(account, box, message);
        if (drop && failure.ok()) {
            removed.push_back(message.info.uid);
            retained.push_back(std::move(octets));
        } else {
            kept.push_back(std::move(message));
        }
    }
    box.messages = std::move(kept);
    if (!removed.empty()) {
        // RFC 7162 §3.2.10: an expunge is a change too, HIGHESTMODSEQ grows.
        ++box.highest_modseq;
        for (std::size_t i = 0; i < removed.size(); ++i) {
            record(Change{.kind = ChangeKind::Expunged,
                          .account = account,
                          .mailbox = box.name,
                          .origin = origin,
                          .uid = removed[i],
                          .modseq = box.highest_modseq,
                          .retained = std::move(retained[i])});
        }
        if (auto saved = save_changes(account, box, {.removed = removed}); !saved) {
            return saved.error();
        }
    }
    if (!failure) return failure.error();
    return removed;
}

Result<std::pair<StoreBase::MailboxState*, StoreBase::MailboxState*>> StoreBase::mailbox_pair(
    std::string_view account, std::string_view from, std::string_view to) {
    auto source = mailbox_state(account, from);
    if (!source) return source.error();
    auto target = mailbox_state(account, to);
    if (!target) return target.error();
    return std::make_pair(source.value(), target.value());
}

Result<CopyResult> StoreBase::copy(std::string_view account, std::string_view from,
                                   const std::vector<Uid>& uids, std::string_view to,
                                   std::int64_t now, Origin origin) {
    PublishOnExit publish(*this);
    auto boxes = mailbox_pair(account, from, to);
    if (!boxes) return boxes.error();
    return copy_messages(std::string(account), *boxes.value().first, uids, *boxes.value().second,
                         now, origin, true);
}

Result<CopyResult> StoreBase::move(std::string_view account, std::string_view from,
                                   const std::vector<Uid>& uids, std::string_view to,
                                   std::int64_t now, Origin origin) {
    PublishOnExit publish(*this);
    auto boxes = mailbox_pair(account, from, to);
    if (!boxes) return boxes.error();
    MailboxState& source = *boxes.value().first;
    // A move inside one account does not grow its usage: no quota check (RFC 6851 §4.4).
    auto copied = copy_messages(std::string(account), source, uids, *boxes.value().second, now,
                                origin, false);
    if (!copied) return copied;
    std::vector<Uid> moved;
    for (const auto& pair : copied.value().mapping)
        moved.push_back(pair.source);
    if (auto expunged = expunge_messages(std::string(account), source, moved, origin); !expunged) {
        return expunged.error();
    }
    return copied;
}

Result<CopyResult> StoreBase::copy_messages(const std::string& account, MailboxState& source,
                                            const std::vector<Uid>& uids, MailboxState& target,
                                            std::optional<std::int64_t> saved_at, Origin origin,
                                            bool check_quota_first) {
    const std::vector<Uid> wanted = sorted_unique(uids);
    std::vector<StoredMessage> chosen;  // copies: source and target may be one mailbox
    std::uint64_t octets = 0;
    for (const auto& message : source.messages) {
        if (!std::binary_search(wanted.begin(), wanted.end(), message.info.uid)) continue;
        chosen.push_back(message);
        octets += message.info.size;
    }
    if (check_quota_first) {
        if (auto allowed = check_quota(account, octets, chosen.size()); !allowed) {
            return allowed.error();
        }
    }
    CopyResult result{.destination_uidvalidity = target.uidvalidity};
    for (const auto& original : chosen) {
        if (auto known = register_keywords(target, original.info.flags); !known) {
            return known.error();
        }
        auto bytes = read_bytes(account, source, original);
        if (!bytes) return bytes.error();
        // RFC 3501 §6.4.7: the copy keeps flags and internal date; its save date is
        // when it entered the target (RFC 8514), unless the caller keeps the original's.
        StoredMessage copy{.info = original.info};
        if (saved_at) copy.info.saved_at = *saved_at;
        copy.info.uid = target.uidnext;
        copy.info.modseq = target.highest_modseq + 1;
        if (auto written = write_message(account, target, copy, bytes.value()); !written) {
            return written.error();
        }
        target.uidnext = copy.info.uid + 1;
        target.highest_modseq = copy.info.modseq;
        target.messages.push_back(copy);
        result.mapping.push_back(UidMapping{original.info.uid, copy.info.uid});
        record_message(ChangeKind::Appended, account, target, copy.info, origin);
    }
    if (!chosen.empty()) {
        MailboxChanges changes;
        for (const auto& pair : result.mapping)
            changes.written.push_back(pair.destination);
        if (auto saved = save_changes(account, target, changes); !saved) return saved.error();
    }
    return result;
}

}  // namespace maillab::protocols::store
