// ChangeNotifier: tells observers what changed in the store, so that two IMAP
// sessions on one mailbox see each other's EXPUNGE/FETCH FLAGS/EXISTS
// (RFC 3501 §5.2, §7.4.1) and the simulator can trace every change.
//
// - subscribe(account, mailbox, fn): changes to that one mailbox.
// - add_trace_hook(fn): every change in the store, mailbox creation and
//   deletion included.
// Each change carries the Origin of the session that caused it (or
// kExternalOrigin for changes found on disk), so a session can tell its own
// changes from others'. Subscriptions are RAII handles: dropping one
// unsubscribes, also from inside a callback, and outliving the notifier is
// safe. Single-threaded by design, like the rest of the sans-I/O core.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "protocols/store/message_info.hpp"

namespace maillab::protocols::store {

using Origin = std::uint64_t;
inline constexpr Origin kExternalOrigin = 0;

enum class ChangeKind {
    MailboxCreated,
    MailboxDeleted,
    MailboxRenamed,  // new_name holds the new name
    Appended,        // uid
    FlagsChanged,    // uid, flags, modseq
    Expunged,        // uid
};

std::string_view to_string(ChangeKind kind);

struct Change {
    ChangeKind kind = ChangeKind::Appended;
    std::string account;
    std::string mailbox;
    Origin origin = kExternalOrigin;
    Uid uid = 0;
    Flags flags;
    ModSeq modseq = 0;
    std::string new_name;
    // Expunged: the message's octets, read before they left the disk, when another
    // session still shows the message; it may FETCH them until told of the expunge
    // (RFC 2180 §4.1.1).
    std::shared_ptr<const std::string> retained;
};

// The largest message whose octets an expunge keeps for the sessions still showing it.
inline constexpr std::size_t kMaxRetainedMessageOctets = 64 * 1024 * 1024;

using ChangeObserver = std::function<void(const Change&)>;

namespace detail {
struct ObserverRegistry;
}

class Subscription {
public:
    Subscription() = default;
    Subscription(std::weak_ptr<detail::ObserverRegistry> registry, std::uint64_t id)
        : registry_(std::move(registry)), id_(id) {}
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription() { reset(); }

    void reset();
    bool active() const;

private:
    std::weak_ptr<detail::ObserverRegistry> registry_;
    std::uint64_t id_ = 0;
};

class ChangeNotifier {
public:
    ChangeNotifier();

    // A fresh token for one session; never kExternalOrigin.
    Origin new_origin() { return ++last_origin_; }

    // `owner`: the origin of the session that watches, so that a change can tell
    // whether anyone but its own author watches (watched_by_others).
    [[nodiscard]] Subscription subscribe(std::string account, std::string mailbox,
                                         ChangeObserver observer, Origin owner = kExternalOrigin);
    [[nodiscard]] Subscription add_trace_hook(ChangeObserver observer);

    void publish(const Change& change);
    // Whether a subscription to the mailbox belongs to someone other than `origin`.
    bool watched_by_others(std::string_view account, std::string_view mailbox, Origin origin) const;
    std::size_t observer_count() const;

private:
    std::shared_ptr<detail::ObserverRegistry> registry_;
    Origin last_origin_ = kExternalOrigin;
};

}  // namespace maillab::protocols::store
