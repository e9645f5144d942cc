// Errors as values for the mail store: every user-facing condition (no such
// mailbox, name taken, invalid name, quota exceeded, I/O failure) comes back
// as a StoreError inside a Result, never as an exception, so that SMTP, POP3
// and IMAP can map each code to their own reply (552 5.2.2, -ERR, NO [...]).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace maillab::protocols::store {

enum class StoreErrorCode {
    NoSuchAccount,  // the account directory does not know the name
    NoSuchMailbox,  // IMAP: NO [NONEXISTENT]
    NoSuchMessage,  // the UID is not (or no longer) in the mailbox
    AlreadyExists,  // IMAP: NO [ALREADYEXISTS]
    InvalidName,    // IMAP: NO [CANNOT]
    NotAllowed,     // e.g. deleting INBOX, renaming a mailbox into itself
    HasChildren,    // deleting a \Noselect name that still has children
    QuotaExceeded,  // SMTP: 552 5.2.2, IMAP: NO [OVERQUOTA]
    LimitExceeded,  // a named store limit (message size, keywords per mailbox)
    IoError,        // the disk said no; IMAP: NO [SERVERBUG] / SMTP 451
};

std::string_view to_string(StoreErrorCode code);

struct StoreError {
    StoreErrorCode code;
    std::string detail;  // one plain sentence for logs and NO responses
};

inline StoreError store_error(StoreErrorCode code, std::string detail) {
    return StoreError{code, std::move(detail)};
}

// The value of a Status that succeeded.
struct Done {};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(StoreError error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() { return std::get<0>(state_); }
    const T& value() const { return std::get<0>(state_); }
    const StoreError& error() const { return std::get<1>(state_); }
    StoreErrorCode code() const { return std::get<1>(state_).code; }

private:
    std::variant<T, StoreError> state_;
};

using Status = Result<Done>;

inline Status ok_status() {
    return Done{};
}

}  // namespace maillab::protocols::store
