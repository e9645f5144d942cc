#include "protocols/store/change_notifier.hpp"

#include <optional>
#include <vector>

namespace maillab::protocols::store {
namespace detail {

struct ObserverRegistry {
    struct Entry {
        std::optional<std::pair<std::string, std::string>> target;  // empty: trace hook
        ChangeObserver observer;
        Origin owner = kExternalOrigin;
    };
    std::map<std::uint64_t, Entry> entries;
    std::uint64_t last_id = 0;
};

}  // namespace detail

std::string_view to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::MailboxCreated:
            return "mailbox-created";
        case ChangeKind::MailboxDeleted:
            return "mailbox-deleted";
        case ChangeKind::MailboxRenamed:
            return "mailbox-renamed";
        case ChangeKind::Appended:
            return "appended";
        case ChangeKind::FlagsChanged:
            return "flags-changed";
        case ChangeKind::Expunged:
            return "expunged";
    }
    return "unknown";
}

Subscription::Subscription(Subscription&& other) noexcept
    : registry_(std::move(other.registry_)), id_(other.id_) {
    other.id_ = 0;
}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        reset();
        registry_ = std::move(other.registry_);
        id_ = other.id_;
        other.id_ = 0;
    }
    return *this;
}

void Subscription::reset() {
    if (auto registry = registry_.lock()) registry->entries.erase(id_);
    registry_.reset();
    id_ = 0;
}

bool Subscription::active() const {
    const auto registry = registry_.lock();
    return registry && registry->entries.contains(id_);
}

ChangeNotifier::ChangeNotifier() : registry_(std::make_shared<detail::ObserverRegistry>()) {}

Subscription ChangeNotifier::subscribe(std::string account, std::string mailbox,
                                       ChangeObserver observer, Origin owner) {
    const std::uint64_t id = ++registry_->last_id;
    registry_->entries.emplace(
        id, detail::ObserverRegistry::Entry{std::make_pair(std::move(account), std::move(mailbox)),
                                            std::move(observer), owner});
    return Subscription(registry_, id);
}

Subscription ChangeNotifier::add_trace_hook(ChangeObserver observer) {
    const std::uint64_t id = ++registry_->last_id;
    registry_->entries.emplace(id,
                               detail::ObserverRegistry::Entry{std::nullopt, std::move(observer)});
    return Subscription(registry_, id);
}

void ChangeNotifier::publish(const Change& change) {
    // Observers may unsubscribe (themselves or others) while being called:
    // walk a snapshot of ids and skip the ones that are gone.
    std::vector<std::uint64_t> ids;
    ids.reserve(registry_->entries.size());
    for (const auto& [id, entry] : registry_->entries)
        ids.push_back(id);
    const auto registry = registry_;
    for (const std::uint64_t id : ids) {
        const auto found = registry->entries.find(id);
        if (found == registry->entries.end()) continue;
        const auto& target = found->second.target;
        if (target && (target->first != change.account || target->second != change.mailbox)) {
            continue;
        }
        const ChangeObserver observer = found->second.observer;
        observer(change);
    }
}

bool ChangeNotifier::watched_by_others(std::string_view account, std::string_view mailbox,
                                       Origin origin) const {
    for (const auto& [id, entry] : registry_->entries) {
        if (entry.target && entry.target->first == account && entry.target->second == mailbox &&
            (entry.owner != origin || origin == kExternalOrigin)) {
            return true;
        }
    }
    return false;
}

std::size_t ChangeNotifier::observer_count() const {
    return registry_->entries.size();
}

}  // namespace maillab::protocols::store
