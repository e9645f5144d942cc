// ServerSession's APPEND (RFC 3501 §6.3.11) with MULTIAPPEND (RFC 3502): every
// message of the command is stored or none is. The flags and the binary form of
// every message are checked first, the quota for all of them together; should
// the store still refuse one, the messages already stored are expunged again
// (RFC 3502 §6.3.11: "the server MUST NOT append any of the messages"), so
// another session may see them come and go. APPENDUID names every new UID
// (RFC 4315 §3). Literal8 messages with NUL octets are stored base64-encoded
// (binary_append.hpp); a normal literal never carries NUL (the lexer refuses it).
#include <string>
#include <vector>

#include "protocols/imap/binary_append.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/imap/store_flags.hpp"
#include "protocols/imap/unix_time.hpp"
#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::imap {

namespace {

struct Prepared {
    std::string bytes;
    store::Flags flags;
    store::MessageDates dates;
};

}  // namespace

void ServerSession::append(const std::string& tag, const AppendCmd& a) {
    const auto name = store::canonical_mailbox_name(a.mailbox.name);
    if (!name) return reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}}, "Invalid name");
    // Without a date a message is dated now, by the owner's clock (RFC 3501 §6.3.11).
    const std::int64_t now = config_.now();
    std::vector<Prepared> prepared;
    std::uint64_t octets = 0;
    for (const AppendMessage& m : a.messages) {
        const auto flags = to_store_flags(m.flags);
        if (!flags) return bad(tag, "Invalid flag in APPEND");
        auto bytes = binary_store_form(m.message);
        if (!bytes) {
            return reply(tag, Status::No, ResponseCode{CodeKind::UnknownCte, {}},
                         "NUL outside a body part cannot be stored");
        }
        octets += bytes->size();
        // A given date-time dates the message; it is saved now either way (RFC 8514).
        const std::int64_t date = m.internal_date ? to_unix_seconds(*m.internal_date) : now;
        prepared.push_back(Prepared{std::move(*bytes), *flags, {date, now}});
    }
    if (prepared.size() > 1) {
        const store::Status fits = store_->check_quota(user_, octets, prepared.size());
        if (!fits) return store_failure(tag, fits.error());
    }
    std::vector<store::Uid> uids;
    for (const Prepared& p : prepared) {
        const auto uid = store_->append(user_, name.value(), p.bytes, p.flags, p.dates, origin_);
        if (uid) {
            uids.push_back(uid.value());
            continue;
        }
        if (!uids.empty()) (void)store_->expunge(user_, name.value(), uids, origin_);
        // RFC 3501 §6.3.11: TRYCREATE tells the client that CREATE would help.
        if (uid.code() == store::StoreErrorCode::NoSuchMailbox) {
            return reply(tag, Status::No, ResponseCode{CodeKind::TryCreate, {}},
                         "No such mailbox; create it first");
        }
        return store_failure(tag, uid.error());
    }
    const auto st = store_->status(user_, name.value());
    if (!st) return reply(tag, Status::Ok, std::nullopt, "APPEND completed");
    const ResponseCode code{CodeKind::AppendUid, std::to_string(st.value().uidvalidity) + " " +
                                                     format_sequence_set(compress_numbers(uids))};
    reply(tag, Status::Ok, code, "APPEND completed");
}

}  // namespace maillab::protocols::imap
