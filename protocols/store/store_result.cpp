#include "protocols/store/store_result.hpp"

namespace maillab::protocols::store {

std::string_view to_string(StoreErrorCode code) {
    switch (code) {
        case StoreErrorCode::NoSuchAccount:
            return "no-such-account";
        case StoreErrorCode::NoSuchMailbox:
            return "no-such-mailbox";
        case StoreErrorCode::NoSuchMessage:
            return "no-such-message";
        case StoreErrorCode::AlreadyExists:
            return "already-exists";
        case StoreErrorCode::InvalidName:
            return "invalid-name";
        case StoreErrorCode::NotAllowed:
            return "not-allowed";
        case StoreErrorCode::HasChildren:
            return "has-children";
        case StoreErrorCode::QuotaExceeded:
            return "quota-exceeded";
        case StoreErrorCode::LimitExceeded:
            return "limit-exceeded";
        case StoreErrorCode::IoError:
            return "io-error";
    }
    return "unknown";
}

}  // namespace maillab::protocols::store
