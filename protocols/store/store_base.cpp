#include "protocols/store/store_base.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::store {
namespace {

Result<std::string> checked_name(std::string_view name) {
    return canonical_mailbox_name(name);
}

}  // namespace

void StoreBase::record(Change change) {
    pending_.push_back(std::move(change));
}

void StoreBase::record_message(ChangeKind kind, const std::string& account, const MailboxState& box,
                               const MessageInfo& info, Origin origin) {
    record(Change{.kind = kind,
                  .account = account,
                  .mailbox = box.name,
                  .origin = origin,
                  .uid = info.uid,
                  .flags = info.flags,
                  .modseq = info.modseq});
}

void StoreBase::publish_pending() {
    if (publishing_) return;  // an observer called back into the store: the outer loop goes on
    publishing_ = true;
    while (!pending_.empty()) {
        std::vector<Change> batch;
        batch.swap(pending_);
        for (const Change& change : batch)
            notifier().publish(change);
    }
    publishing_ = false;
}

Status StoreBase::save_changes(const std::string& account, const MailboxState& box,
                               const MailboxChanges&) {
    return save_mailbox(account, box);
}

Status StoreBase::register_keywords(MailboxState& box, const Flags& flags) {
    std::vector<std::string> missing;
    for (const auto& keyword : flags.keywords) {
        if (!is_valid_keyword(keyword)) {
            return store_error(StoreErrorCode::InvalidName, "\"" + keyword + "\" is not a keyword");
        }
        if (std::find(box.keywords.begin(), box.keywords.end(), keyword) == box.keywords.end()) {
            missing.push_back(keyword);
        }
    }
    if (box.keywords.size() + missing.size() > kMaxKeywordsPerMailbox) {
        return store_error(StoreErrorCode::LimitExceeded,
                           "a mailbox holds at most " + std::to_string(kMaxKeywordsPerMailbox) +
                               " different keywords");
    }
    box.keywords.insert(box.keywords.end(), missing.begin(), missing.end());
    return ok_status();
}

Result<StoreBase::AccountState*> StoreBase::account_state(std::string_view account) {
    if (!accounts_.exists(account)) {
        return store_error(StoreErrorCode::NoSuchAccount,
                           "no account \"" + std::string(account) + "\"");
    }
    if (const auto found = states_.find(account); found != states_.end()) return &found->second;
    const std::string name(account);
    AccountState state;
    if (auto loaded = load_account(name, state); !loaded) return loaded.error();
    auto& stored = states_.emplace(name, std::move(state)).first->second;
    if (auto made = create_default_tree(name, stored); !made) {
        states_.erase(name);
        return made.error();
    }
    return &stored;
}

Status StoreBase::create_default_tree(const std::string& account, AccountState& state) {
    const bool fresh = state.mailboxes.empty();
    if (!state.mailboxes.contains(std::string(kInbox))) {
        if (auto made = add_mailbox(account, state, std::string(kInbox), SpecialUse::None, {});
            !made) {
            return made;
        }
    }
    if (!fresh) return ok_status();
    // A new account gets the RFC 6154 folders mail clients look for, subscribed.
    state.subscriptions.insert(std::string(kInbox));
    for (const auto& [name, use] : kDefaultMailboxes) {
        if (auto made = add_mailbox(account, state, std::string(name), use, {}); !made) return made;
        state.subscriptions.insert(std::string(name));
    }
    return save_subscriptions(account, state);
}

Status StoreBase::add_mailbox(const std::string& account, AccountState& state,
                              const std::string& name, SpecialUse use, Origin origin) {
    auto uidvalidity = new_uidvalidity(account);
    if (!uidvalidity) return uidvalidity.error();
    MailboxState box;
    box.name = name;
    box.special_use = use;
    box.uidvalidity = uidvalidity.value();
    if (auto made = create_storage(account, box); !made) return made;
    state.mailboxes.emplace(name, std::move(box));
    record(Change{
        .kind = ChangeKind::MailboxCreated, .account = account, .mailbox = name, .origin = origin});
    return ok_status();
}

Result<StoreBase::MailboxState*> StoreBase::mailbox_state(std::string_view account,
                                                          std::string_view name, Refresh refresh) {
    auto state = account_state(account);
    if (!state) return state.error();
    auto canonical = checked_name(name);
    if (!canonical) return canonical.error();
    const auto found = state.value()->mailboxes.find(canonical.value());
    if (found == state.value()->mailboxes.end()) {
        return store_error(StoreErrorCode::NoSuchMailbox,
                           "no mailbox \"" + canonical.value() + "\"");
    }
    if (refresh == Refresh::No) return &found->second;
    if (auto refreshed = refresh_mailbox(std::string(account), found->second); !refreshed) {
        return refreshed.error();
    }
    return &found->second;
}

Result<std::vector<MailboxInfo>> StoreBase::list_mailboxes(std::string_view account) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    AccountState& accounts = *state.value();
    if (auto refreshed = refresh_account(std::string(account), accounts); !refreshed) {
        return refreshed.error();
    }
    std::map<std::string, MailboxInfo> listed;
    for (const auto& [name, box] : accounts.mailboxes) {
        listed[name] = MailboxInfo{.name = name, .special_use = box.special_use};
        for (const auto& superior : superior_mailbox_names(name)) {
            if (!accounts.mailboxes.contains(superior)) {
                listed[superior] = MailboxInfo{.name = superior, .selectable = false};
            }
        }
    }
    std::vector<MailboxInfo> result;
    for (auto& [name, info] : listed) {
        const auto next = listed.lower_bound(name + kHierarchyDelimiter);
        info.has_children = next != listed.end() && is_below(next->first, name);
        info.subscribed = accounts.subscriptions.contains(name);
        if (is_inbox(name)) {
            result.insert(result.begin(), info);
        } else {
            result.push_back(info);
        }
    }
    return result;
}

Result<std::vector<std::string>> StoreBase::subscriptions(std::string_view account) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    const auto& names = state.value()->subscriptions;
    return std::vector<std::string>(names.begin(), names.end());
}

Status StoreBase::create_mailbox(std::string_view account, std::string_view name, SpecialUse use,
                                 Origin origin) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    auto canonical = checked_name(name);
    if (!canonical) return canonical.error();
    if (state.value()->mailboxes.contains(canonical.value())) {
        return store_error(StoreErrorCode::AlreadyExists,
                           "mailbox \"" + canonical.value() + "\" already exists");
    }
    return add_mailbox(std::string(account), *state.value(), canonical.value(), use, origin);
}

Status StoreBase::delete_mailbox(std::string_view account, std::string_view name, Origin origin) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    auto canonical = checked_name(name);
    if (!canonical) return canonical.error();
    const std::string& target = canonical.value();
    if (is_inbox(target)) return store_error(StoreErrorCode::NotAllowed, "INBOX cannot be deleted");
    auto& boxes = state.value()->mailboxes;
    const auto found = boxes.find(target);
    if (found == boxes.end()) {
        const auto next = boxes.lower_bound(target + kHierarchyDelimiter);
        if (next != boxes.end() && is_below(next->first, target)) {
            // RFC 3501 §6.3.4: a \Noselect name with inferiors cannot be deleted.
            return store_error(StoreErrorCode::HasChildren,
                               "\"" + target + "\" has children and holds no messages");
        }
        return store_error(StoreErrorCode::NoSuchMailbox, "no mailbox \"" + target + "\"");
    }
    // With children the name stays, derived as \Noselect from them (RFC 3501 §6.3.4).
    if (auto removed = delete_storage(std::string(account), found->second); !removed) {
        return removed;
    }
    boxes.erase(found);
    record(Change{.kind = ChangeKind::MailboxDeleted,
                  .account = std::string(account),
                  .mailbox = target,
                  .origin = origin});
    return ok_status();
}

Status StoreBase::rename_mailbox(std::string_view account, std::string_view from,
                                 std::string_view to, Origin origin) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    auto source = checked_name(from);
    if (!source) return source.error();
    auto target = checked_name(to);
    if (!target) return target.error();
    AccountState& accounts = *state.value();
    const std::string& old_name = source.value();
    const std::string& new_name = target.value();
    if (!accounts.mailboxes.contains(old_name)) {
        return store_error(StoreErrorCode::NoSuchMailbox, "no mailbox \"" + old_name + "\"");
    }
    if (accounts.mailboxes.contains(new_name)) {
        return store_error(StoreErrorCode::AlreadyExists, "\"" + new_name + "\" already exists");
    }
    if (is_below(new_name, old_name)) {
        return store_error(StoreErrorCode::NotAllowed, "a mailbox cannot move below itself");
    }
    if (is_inbox(old_name)) return rename_inbox(std::string(account), accounts, new_name, origin);

    std::vector<std::string> moving;
    for (const auto& [name, box] : accounts.mailboxes) {
        if (name == old_name || is_below(name, old_name)) moving.push_back(name);
    }
    for (const auto& name : moving) {
        const std::string renamed = new_name + name.substr(old_name.size());
        if (accounts.mailboxes.contains(renamed)) {
            return store_error(StoreErrorCode::AlreadyExists, "\"" + renamed + "\" already exists");
        }
        if (!canonical_mailbox_name(renamed)) {
            return store_error(StoreErrorCode::InvalidName,
                               "\"" + renamed + "\" would break the name limits");
        }
    }
    for (const auto& name : moving) {
        const std::string renamed = new_name + name.substr(old_name.size());
        auto node = accounts.mailboxes.extract(name);
        node.mapped().name = renamed;
        if (auto moved = rename_storage(std::string(account), name, node.mapped()); !moved) {
            node.mapped().name = name;
            accounts.mailboxes.insert(std::move(node));
            return moved;
        }
        node.key() = renamed;
        accounts.mailboxes.insert(std::move(node));
        if (accounts.subscriptions.erase(name) > 0) accounts.subscriptions.insert(renamed);
        record(Change{.kind = ChangeKind::MailboxRenamed,
                      .account = std::string(account),
                      .mailbox = name,
                      .origin = origin,
                      .new_name = renamed});
    }
    return save_subscriptions(std::string(account), accounts);
}

Status StoreBase::rename_inbox(const std::string& account, AccountState& state,
                               const std::string& to, Origin origin) {
    // RFC 3501 §6.3.5: INBOX's messages move to the new name, INBOX stays (empty)
    // and its inferiors keep their names.
    if (auto made = add_mailbox(account, state, to, SpecialUse::None, origin); !made) return made;
    MailboxState& inbox = state.mailboxes.at(std::string(kInbox));
    std::vector<Uid> uids;
    for (const auto& message : inbox.messages)
        uids.push_back(message.info.uid);
    // Renamed, not saved anew: the messages keep their save dates.
    auto copied =
        copy_messages(account, inbox, uids, state.mailboxes.at(to), std::nullopt, origin, false);
    if (!copied) return copied.error();
    auto expunged = expunge_messages(account, inbox, uids, origin);
    if (!expunged) return expunged.error();
    return ok_status();
}

Status StoreBase::set_subscribed(std::string_view account, std::string_view name, bool subscribed) {
    PublishOnExit publish(*this);
    auto state = account_state(account);
    if (!state) return state.error();
    auto canonical = checked_name(name);
    if (!canonical) return canonical.error();
    auto& names = state.value()->subscriptions;
    const bool changed =
        subscribed ? names.insert(canonical.value()).second : names.erase(canonical.value()) > 0;
    if (!changed) return ok_status();
    return save_subscriptions(std::string(account), *state.value());
}

}  // namespace maillab::protocols::store
