// The mail transaction of ServerSession: MAIL, RCPT, DATA, BDAT and the
// hand-over of a finished message to the backend (RFC 5321 §3.3, RFC 3030).
#include <algorithm>

#include "protocols/smtp/ascii.hpp"
#include "protocols/smtp/explanations.hpp"
#include "protocols/smtp/headers.hpp"
#include "protocols/smtp/reply.hpp"
#include "protocols/smtp/server_session.hpp"

namespace maillab::protocols::smtp {

bool ServerSession::parameters_allowed(const PathCommand& command) {
    // After HELO the client promised plain RFC 821 SMTP: no ESMTP parameters.
    if (esmtp_ || command.parameters.empty()) return true;
    reply(555, "5.5.4", "Unsupported option: " + command.parameters.front().keyword);
    return false;
}

void ServerSession::handle(const MailCommand& command) {
    if (config_.role != ServerRole::Mx && !authenticated()) {
        reply(530, "5.7.0", "Authentication required");
        return;
    }
    auto parsed = parse_mail_argument(command.argument);
    if (!parsed.ok()) return reply_error(parsed.error);
    const PathCommand& mail = *parsed.value;
    if (!parameters_allowed(mail)) return;
    auto params = interpret_mail_parameters(mail.parameters);
    if (!params.ok()) return reply_error(params.error);
    if (params.value->size && *params.value->size > config_.limits.max_message_octets) {
        reply(552, "5.3.4", "Message size exceeds fixed limit");
        return;
    }
    if (mail.path.non_ascii && !params.value->smtputf8) {
        reply(553, "5.6.7", "Non-ASCII sender address requires SMTPUTF8");
        return;
    }
    Envelope e;
    e.mail_from = mail.path.address();
    e.declared_size = params.value->size;
    e.body = params.value->body;
    e.smtputf8 = params.value->smtputf8;
    e.ret = params.value->ret;
    e.envid = params.value->envid;
    transaction_ = std::move(e);
    reply(250, "2.1.0", "Ok");
    enter(State::Mail);
}

void ServerSession::handle(const RcptCommand& command) {
    auto parsed = parse_rcpt_argument(command.argument);
    if (!parsed.ok()) return reply_error(parsed.error);
    const PathCommand& rcpt = *parsed.value;
    if (!parameters_allowed(rcpt)) return;
    auto params = interpret_rcpt_parameters(rcpt.parameters);
    if (!params.ok()) return reply_error(params.error);
    const std::string address = rcpt.path.address();
    if (rcpt.path.non_ascii && !transaction_->smtputf8) {
        reply(553, "5.6.7", "<" + address + ">: Non-ASCII recipient address requires SMTPUTF8");
        return;
    }
    if (transaction_->recipients.size() >= config_.limits.max_recipients) {
        reply(452, "4.5.3", "Error: too many recipients");
        return;
    }
    // <postmaster> without a domain must always be accepted (RFC 5321 §4.5.1).
    if (!rcpt.path.domain.empty()) {
        if (backend_.is_local_domain(to_lower(rcpt.path.domain))) {
            if (!backend_.recipient_exists(address)) {
                reply(550, "5.1.1",
                      "<" + address +
                          ">: Recipient address rejected: User unknown in local recipient table");
                return;
            }
        } else if (config_.role == ServerRole::Mx) {
            reply(554, "5.7.1", "<" + address + ">: Relay access denied");
            return;
        }
    }
    transaction_->recipients.push_back(
        EnvelopeRecipient{address, params.value->notify, params.value->orcpt});
    reply(250, "2.1.5", "Ok");
    if (state_ == State::Mail) enter(State::Rcpt);
}

void ServerSession::handle(const DataCommand&) {
    reply(354, "", "End data with <CR><LF>.<CR><LF>");
    data_.emplace(config_.limits.max_message_octets);
    input_ = Input::Data;
    enter(State::Data);
}

void ServerSession::feed_data() {
    const std::string bytes = framer_.take_raw(framer_.buffered());
    const std::size_t used = data_->feed(bytes);
    if (!data_->done()) return;
    // Whatever follows the final dot is the next pipelined command.
    framer_.feed(std::string_view{bytes}.substr(used));
    finish_data();
}

void ServerSession::finish_data() {
    input_ = Input::Commands;
    emit(core::EventKind::Note,
         "message text received: " + std::to_string(data_->message_octets()) + " octets",
         core::Explanation{"The message text ended with a line holding a single dot.",
                           "RFC 5321 §4.1.1.4"});
    switch (data_->outcome()) {
        case DataReader::Outcome::TooBig:
            reply(552, "5.3.4", "Error: message file too big");
            break;
        case DataReader::Outcome::LineTooLong:
            reply(554, "5.6.0",
                  "Error: message line longer than " + std::to_string(kMaxDataLineOctets) +
                      " octets");
            break;
        case DataReader::Outcome::BareLineEnding:
            reply(550, "5.5.2", "Error: bare <CR> or <LF> received in message");
            break;
        case DataReader::Outcome::Ok:
            deliver(data_->take_message());
            break;
    }
    reset_transaction();
    enter(State::Ready);
}

void ServerSession::handle(const BdatChunk& command) {
    // RFC 3030 §2: even a BDAT that will fail has its chunk read first.
    // (Without a size the chunk could not be skipped: the parser refused it.)
    bdat_out_of_sequence_ = state_ != State::Rcpt && state_ != State::Bdat;
    if (!bdat_) bdat_.emplace(config_.limits.max_message_octets);
    bdat_->begin_chunk(command.chunk.size);
    bdat_last_ = command.chunk.last;
    input_ = Input::Bdat;
}

void ServerSession::feed_bdat() {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(
        bdat_->remaining_in_chunk(), static_cast<std::uint64_t>(framer_.buffered())));
    bdat_->feed(framer_.take_raw(n));
}

void ServerSession::finish_bdat_chunk() {
    input_ = Input::Commands;
    if (bdat_out_of_sequence_) {
        const bool had_mail = transaction_.has_value();
        bdat_.reset();
        bdat_out_of_sequence_ = false;
        if (had_mail) {
            reply(554, "5.5.1", "Error: no valid recipients");
        } else {
            reply(503, "5.5.1", "Error: need RCPT command");
        }
        return;
    }
    if (!bdat_last_) {
        reply(250, "2.0.0", "Ok: " + std::to_string(bdat_->octets()) + " octets received");
        enter(State::Bdat);
        return;
    }
    emit(core::EventKind::Note,
         "message text received: " + std::to_string(bdat_->octets()) + " octets",
         core::Explanation{"The BDAT chunk marked LAST completes the message.", "RFC 3030 §2"});
    if (bdat_->too_big()) {
        reply(552, "5.3.4", "Error: message file too big");
    } else {
        deliver(bdat_->take_message());
    }
    reset_transaction();
    enter(State::Ready);
}

void ServerSession::deliver(std::string message) {
    Envelope envelope = std::move(*transaction_);
    envelope.helo_name = helo_name_;
    envelope.esmtp = esmtp_;
    envelope.auth_identity = auth_user_;
    envelope.secure = tls_active_;
    envelope.transaction_id = backend_.unique_id();
    const auto now = backend_.now();

    std::string headers = received_header(ReceivedInfo{
        helo_name_, config_.peer_name, config_.peer_address, config_.hostname,
        received_protocol(esmtp_, tls_active_, authenticated(), envelope.smtputf8),
        envelope.transaction_id,
        envelope.recipients.size() == 1 ? envelope.recipients.front().address : std::string{},
        now});
    if (config_.role != ServerRole::Mx) {
        if (!has_header(message, "Date")) headers += date_header(now);
        if (!has_header(message, "Message-ID"))
            headers += message_id_header(envelope.transaction_id, config_.hostname);
    }
    const AcceptResult result = backend_.accept(envelope, headers + message);
    const std::string detail = result.text.empty() ? std::string{} : ": " + result.text;
    switch (result.kind) {
        case AcceptResult::Kind::Queued:
            reply(250, "2.0.0", "Ok: queued as " + result.queue_id);
            emit(core::EventKind::Note, "queued as " + result.queue_id,
                 core::Explanation{"The server now owns the message and must deliver it or "
                                   "bounce it.",
                                   "RFC 5321 §6.1"});
            break;
        case AcceptResult::Kind::TemporaryFailure:
            reply(451, "4.3.0", "Error: queue file write error" + detail);
            break;
        case AcceptResult::Kind::PermanentFailure:
            reply(554, result.enhanced.empty() ? "5.3.0" : result.enhanced,
                  "Error: message refused" + detail);
            break;
        case AcceptResult::Kind::QuotaFull:
            reply(552, "5.2.2", "Mailbox full" + detail);
            break;
    }
}

}  // namespace maillab::protocols::smtp
