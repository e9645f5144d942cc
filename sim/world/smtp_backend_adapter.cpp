#include "sim/world/smtp_backend_adapter.hpp"

#include <cstdio>

#include "protocols/mta/envelope.hpp"
#include "sim/world/mta_driver.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace smtp = protocols::smtp;
namespace mta = protocols::mta;

bool SmtpBackendAdapter::is_local_domain(std::string_view domain) const {
    return server_.is_local_domain(domain);
}

bool SmtpBackendAdapter::recipient_exists(std::string_view address) const {
    return server_.local_account(address).has_value();
}

bool SmtpBackendAdapter::authenticate(std::string_view user, std::string_view password) {
    return server_.accounts().authenticate(user, password);
}

bool SmtpBackendAdapter::would_exceed_quota(std::string_view address, std::size_t octets) {
    const auto account = server_.local_account(address);
    if (!account) return false;
    // A store that cannot count (a disk error) does not refuse the message here.
    const auto checked = server_.store().check_quota(*account, octets, 1);
    return !checked && checked.code() == protocols::store::StoreErrorCode::QuotaExceeded;
}

smtp::AcceptResult SmtpBackendAdapter::accept(const smtp::Envelope& envelope, std::string message) {
    // Like a Dovecot quota policy in front of Postfix: a message for a full
    // local mailbox is refused now with 552 5.2.2 rather than bounced later.
    for (const auto& r : envelope.recipients) {
        if (would_exceed_quota(r.address, message.size())) {
            return {smtp::AcceptResult::Kind::QuotaFull,
                    {},
                    {},
                    "mailbox of " + r.address + " is full"};
        }
    }
    mta::Envelope queued;
    queued.sender = envelope.mail_from;
    queued.envid = envelope.envid;
    queued.ret = envelope.ret == smtp::DsnReturn::Full      ? mta::Ret::Full
                 : envelope.ret == smtp::DsnReturn::Headers ? mta::Ret::Hdrs
                                                            : mta::Ret::Unspecified;
    queued.smtputf8 = envelope.smtputf8;
    queued.eight_bit_mime = envelope.body == smtp::BodyType::EightBitMime;
    queued.message = std::move(message);
    for (const auto& r : envelope.recipients) {
        mta::Recipient rcpt;
        rcpt.address = r.address;
        rcpt.orcpt = r.orcpt;
        if (r.notify.specified()) {
            rcpt.notify = {true, r.notify.never, r.notify.success, r.notify.failure,
                           r.notify.delay};
        }
        queued.recipients.push_back(std::move(rcpt));
    }
    const auto result = mta_.enqueue(std::move(queued));
    if (!result.ok()) {
        return {smtp::AcceptResult::Kind::TemporaryFailure, {}, {}, result.error};
    }
    return {smtp::AcceptResult::Kind::Queued, mta::format_queue_id(result.id), {}, {}};
}

smtp::EtrnResult SmtpBackendAdapter::etrn(std::string_view domain) {
    return {mta_.flush(domain) > 0 ? smtp::EtrnResult::Kind::Started
                                   : smtp::EtrnResult::Kind::NoMessages};
}

std::chrono::sys_seconds SmtpBackendAdapter::now() const {
    return std::chrono::sys_seconds{
        std::chrono::seconds{mta::kDefaultWorldEpochUnixSeconds + world_.sim().now() / 1'000'000}};
}

std::string SmtpBackendAdapter::unique_id() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08llX", static_cast<unsigned long long>(next_id_++));
    return buf;
}

}  // namespace maillab::sim
