#include "protocols/imap/server_session.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <variant>

#include "protocols/core/base64.hpp"
#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/data_response.hpp"
#include "protocols/imap/explanations.hpp"
#include "protocols/imap/rev2_refusals.hpp"
#include "protocols/imap/rfc9051_sections.hpp"
#include "protocols/imap/utf8_mailbox_names.hpp"

namespace maillab::protocols::imap {

namespace {

// FETCH MODSEQ or CHANGEDSINCE, STORE UNCHANGEDSINCE and a MODSEQ search key turn
// CONDSTORE on for the session (RFC 7162 §3.1).
bool enables_condstore(const Command& command) {
    if (const auto* f = std::get_if<FetchCmd>(&command)) {
        return f->changed_since ||
               std::any_of(f->attributes.begin(), f->attributes.end(),
                           [](const FetchAttribute& a) { return a.item == FetchItem::ModSeq; });
    }
    if (const auto* s = std::get_if<StoreCmd>(&command)) return s->unchanged_since.has_value();
    if (const auto* s = std::get_if<SearchCmd>(&command)) return mentions_modseq(s->criteria);
    if (const auto* s = std::get_if<SortCmd>(&command)) return mentions_modseq(s->criteria);
    if (const auto* t = std::get_if<ThreadCmd>(&command)) return mentions_modseq(t->criteria);
    return false;
}

std::string first_line(std::string_view text) {
    return std::string{text.substr(0, text.find('\r'))};
}

// The trace may be exported, so it never shows a password, not even as base64.
std::string shown(const TaggedCommand& tc, std::string_view text) {
    if (const auto* login = std::get_if<LoginCmd>(&tc.command)) {
        return tc.tag + " LOGIN " + login->user + " ********";
    }
    if (const auto* auth = std::get_if<AuthenticateCmd>(&tc.command)) {
        if (auth->initial_response)
            return tc.tag + " AUTHENTICATE " + auth->mechanism + " ********";
    }
    return first_line(text);
}

}  // namespace

ServerSession::ServerSession(ServerConfig config, const CredentialCheck& credentials,
                             store::MailStore* store)
    : config_(std::move(config)),
      credentials_(credentials),
      store_(store),
      origin_(store != nullptr ? store->notifier().new_origin() : store::kExternalOrigin) {
    // The engine has no clock of its own: APPEND and WITHIN take "now" from the owner.
    if (store_ != nullptr && !config_.now)
        throw std::invalid_argument("an IMAP session with a mail store needs ServerConfig::now");
}

std::string ServerSession::selected() const {
    return selected_ ? selected_->name() : std::string{};
}

std::string ServerSession::capabilities() const {
    std::string caps = "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE";
    if (store_ != nullptr) {
        caps +=
            " UNSELECT CHILDREN UIDPLUS MOVE SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH "
            "CONDSTORE QRESYNC QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE STATUS=SIZE "
            "SORT SORT=DISPLAY ESORT THREAD=ORDEREDSUBJECT THREAD=REFERENCES SEARCHRES";
        caps += " WITHIN";  // OLDER/YOUNGER count back from the owner's clock
        caps += " MULTIAPPEND BINARY UTF8=ACCEPT PREVIEW SAVEDATE";
    }
    if (state_ == ServerState::NotAuthenticated) {
        if (config_.starttls_available && !config_.tls_active) caps += " STARTTLS";
        caps += auth_allowed() ? " AUTH=PLAIN" : " LOGINDISABLED";
    }
    return caps;
}

void ServerSession::start() {
    reply("", Status::Ok, ResponseCode{CodeKind::Capability, capabilities()},
          config_.host + " IMAP4rev1 ready");
}

std::optional<std::chrono::milliseconds> ServerSession::timeout() const {
    if (closed()) return std::nullopt;
    if (idling() && selected_ && config_.external_change_poll) {
        return std::min(*config_.external_change_poll, kAutologout - idle_polled_);
    }
    return kAutologout;
}

void ServerSession::on_timeout() {
    if (closed()) return;
    if (idling() && selected_ && config_.external_change_poll) {
        idle_polled_ += std::min(*config_.external_change_poll, kAutologout - idle_polled_);
        if (idle_polled_ < kAutologout) return look_for_external_changes();
    }
    reply("", Status::Bye, std::nullopt, "Autologout; idle for too long");
    mark_closed("autologout",
                {"The client was silent too long, so the server logged it out.", "RFC 3501 §5.4"});
}

void ServerSession::on_peer_closed() {
    mark_closed(
        "peer closed the connection",
        {"The client went away without LOGOUT; nothing is lost on the server.", "RFC 3501 §3.4"});
}

void ServerSession::on_tls_established() {
    config_.tls_active = true;
    emit(core::EventKind::Note, "TLS established",
         {"From now on the conversation is encrypted; passwords may be sent.", "RFC 3501 §6.2.1"});
}

void ServerSession::receive(std::string_view bytes) {
    answer_delay_ = std::chrono::milliseconds{0};
    idle_polled_ = std::chrono::milliseconds{0};
    if (closed()) return;
    reader_.feed(bytes);
    process();
}

void ServerSession::process() {
    while (!closed()) {
        auto r = reader_.next();
        if (!r) return;
        switch (r->kind) {
            case ReadKind::Continue:
                send(continuation("OK"));
                emit(core::EventKind::Reply, "+ OK", explain_response("+"));
                break;
            case ReadKind::Line:
                on_line(r->text);
                break;
            case ReadKind::Error:
                send(reader_error_response(*r));
                emit(core::EventKind::Reply, first_line(reader_error_response(*r)),
                     explain_read_error(r->error));
                if (r->error == ReadError::LiteralTooBigClose) {
                    mark_closed("literal too big", explain_read_error(r->error));
                }
                break;
            case ReadKind::Complete: {
                const ParseResult parsed = parse_command(r->text, {utf8_accept_ || rev2_});
                if (const auto* e = std::get_if<ParseError>(&parsed)) {
                    expunge_allowed_ = false;  // it may have been a FETCH, STORE or SEARCH
                    emit(core::EventKind::Command, first_line(r->text),
                         explain_status(Status::Bad));
                    bad(e->tag, e->message);
                } else {
                    const auto& tc = std::get<TaggedCommand>(parsed);
                    emit(core::EventKind::Command, shown(tc, r->text), explain_command(tc));
                    on_command(tc);
                }
                break;
            }
        }
    }
}

void ServerSession::on_line(const std::string& line) {
    if (!idle_tag_.empty()) {
        emit(core::EventKind::Command, line, explain_command("DONE"));
        const std::string tag = std::exchange(idle_tag_, {});
        if (iequals(line, "DONE")) {
            reply(tag, Status::Ok, std::nullopt, "IDLE terminated");
        } else {
            bad(tag, "Expected DONE");
        }
        return;
    }
    if (!auth_tag_.empty()) {
        emit(core::EventKind::Command, "(SASL response)", explain_command("AUTHENTICATE"));
        const std::string tag = std::exchange(auth_tag_, {});
        // RFC 3501 §6.2.2: a "*" line cancels the exchange with a BAD.
        if (line == "*") {
            bad(tag, "AUTHENTICATE cancelled");
        } else {
            finish_plain(tag, line);
        }
    }
}

void ServerSession::on_command(const TaggedCommand& tc) {
    if (!rev2_) return run(tc);
    // IMAP4rev2 names mailboxes in UTF-8; the store keeps modified UTF-7 (RFC 9051 §5.1).
    TaggedCommand in_store_names = tc;
    if (!names_to_modified_utf7(in_store_names.command)) {
        expunge_allowed_ = false;
        return bad(tc.tag, "Mailbox names are UTF-8 in IMAP4rev2");
    }
    if (const auto refusal = rev2_refusal(tc.command)) {
        expunge_allowed_ = false;
        // A failed SEARCH or SORT with SAVE empties "$" (RFC 5182 §2.1).
        if (selected_ && saves_result(tc.command)) selected_->save_search({});
        return bad(tc.tag, *refusal);
    }
    run(in_store_names);
}

void ServerSession::run(const TaggedCommand& tc) {
    // parse_command made the command from its row, so the row is there.
    const CommandRow& row = *find_command(tc.name);
    expunge_allowed_ = !row.has(CommandFlag::HoldsExpunges);
    if (!row.states.contains(state_)) {
        bad(tc.tag,
            tc.name + " is not allowed in the " + std::string{state_name(state_)} + " state");
        return;
    }
    // A command that may be answered with EXPUNGE (NOOP and CHECK above all) also tells
    // what other programs changed on disk, as Dovecot does.
    if (expunge_allowed_) look_for_external_changes();
    if (state_ == ServerState::Selected && enables_condstore(tc.command)) {
        enable_condstore_by_command();
    }
    // Other sessions' changes are told before this command's answers, so that these
    // never show flags older than the store's (expunges wait if they must).
    flush_updates();
    if (row.has(CommandFlag::NeedsStore) && store_ == nullptr) {
        reply(tc.tag, Status::No, ResponseCode{CodeKind::Unavailable, {}},
              tc.name + " needs the mailbox store, which is not attached");
        return;
    }
    std::visit([&](const auto& command) { handle(tc.tag, command); }, tc.command);
}

void ServerSession::handle(const std::string& tag, const CapabilityCmd&) {
    untagged("CAPABILITY " + capabilities(), "CAPABILITY");
    reply(tag, Status::Ok, std::nullopt, "CAPABILITY completed");
}

void ServerSession::handle(const std::string& tag, const NoopCmd&) {
    reply(tag, Status::Ok, std::nullopt, "NOOP completed");
}

void ServerSession::handle(const std::string& tag, const LogoutCmd&) {
    reply("", Status::Bye, std::nullopt, "Logging out");
    set_state(ServerState::Logout);
    deselect();
    reply(tag, Status::Ok, std::nullopt, "LOGOUT completed");
    mark_closed("logout", explain_command("LOGOUT"));
}

void ServerSession::handle(const std::string& tag, const StartTlsCmd&) {
    if (config_.tls_active || !config_.starttls_available) {
        bad(tag, "TLS is not available on this connection");
        return;
    }
    reply(tag, Status::Ok, std::nullopt, "Begin TLS negotiation now");
    // Plaintext pipelined behind STARTTLS could be an injection (RFC 3501 §6.2.1).
    reader_.discard_buffered();
    emit(core::EventKind::StartTls, "STARTTLS", explain_command("STARTTLS"));
}

void ServerSession::handle(const std::string& tag, const LoginCmd& l) {
    if (!auth_allowed()) {
        reply(tag, Status::No, ResponseCode{CodeKind::PrivacyRequired, {}},
              "LOGIN is disabled before STARTTLS");
        return;
    }
    login(tag, l.user, l.password);
}

void ServerSession::handle(const std::string& tag, const IdCmd&) {
    untagged("ID (\"name\" \"maillab\")", "ID");
    reply(tag, Status::Ok, std::nullopt, "ID completed");
}

void ServerSession::handle(const std::string& tag, const NamespaceCmd&) {
    untagged("NAMESPACE ((\"\" \"/\")) NIL NIL", "NAMESPACE");
    reply(tag, Status::Ok, std::nullopt, "NAMESPACE completed");
}

void ServerSession::handle(const std::string& tag, const IdleCmd&) {
    idle_tag_ = tag;
    send(continuation("idling"));
    emit(core::EventKind::Reply, "+ idling", explain_command("IDLE"));
    reader_.expect_line();
    flush_updates();
}

void ServerSession::handle(const std::string& tag, const UnselectCmd&) {
    deselect();
    reply(tag, Status::Ok, std::nullopt, "UNSELECT completed");
}

void ServerSession::handle(const std::string& tag, const CheckCmd&) {
    reply(tag, Status::Ok, std::nullopt, "CHECK completed");
}

void ServerSession::handle(const std::string& tag, const EnableCmd& en) {
    // RFC 5161 §3.1: unknown names are ignored; ENABLED lists only what this command turned on.
    std::vector<std::string> enabled;
    for (const std::string& name : en.capabilities) {
        if (store_ == nullptr) break;
        if (name == "CONDSTORE" && !condstore_) {
            condstore_ = true;
            enabled.push_back(name);
        } else if (name == "IMAP4REV2" && !rev2_) {
            // From now on RFC 9051's rules (Appendix E); ENABLED names it as advertised.
            rev2_ = true;
            enabled.emplace_back("IMAP4rev2");
        } else if (name == "QRESYNC" && !qresync_) {
            // QRESYNC implies CONDSTORE (RFC 7162 §3.2.3).
            qresync_ = true;
            condstore_ = true;
            enabled.push_back(name);
        } else if (name == "UTF8=ACCEPT" && !utf8_accept_) {
            utf8_accept_ = true;  // RFC 6855 §3
            enabled.push_back(name);
        }
    }
    data(enabled_response(enabled), "ENABLED");
    reply(tag, Status::Ok, std::nullopt, "ENABLE completed");
}

void ServerSession::handle(const std::string& tag, const AuthenticateCmd& a) {
    if (!auth_allowed()) {
        reply(tag, Status::No, ResponseCode{CodeKind::PrivacyRequired, {}},
              "Authentication needs TLS first");
    } else if (a.mechanism != "PLAIN") {
        reply(tag, Status::No, std::nullopt, "Unsupported authentication mechanism");
    } else if (a.initial_response) {
        finish_plain(tag, *a.initial_response);
    } else {
        auth_tag_ = tag;
        send(continuation(" "));
        emit(core::EventKind::Reply, "+ ", explain_response("+"));
        reader_.expect_line();
    }
}

void ServerSession::finish_plain(const std::string& tag, std::string_view base64) {
    // SASL-IR's "=" is an empty response (RFC 4959 §3).
    const auto decoded =
        base64 == "=" ? std::optional<std::string>{""} : core::decode_base64_strict(base64);
    if (!decoded) {
        bad(tag, "Invalid base64 in SASL response");
        return;
    }
    // PLAIN: authzid NUL authcid NUL passwd (RFC 4616 §2).
    const std::string& msg = *decoded;
    const auto first = msg.find('\0');
    const auto second = first == std::string::npos ? first : msg.find('\0', first + 1);
    if (second == std::string::npos) {
        login_failed(tag, CodeKind::AuthenticationFailed, "Malformed PLAIN response");
        return;
    }
    const std::string_view authzid{msg.data(), first};
    const std::string_view user{msg.data() + first + 1, second - first - 1};
    const std::string_view password{msg.data() + second + 1, msg.size() - second - 1};
    if (!authzid.empty() && authzid != user) {
        login_failed(tag, CodeKind::AuthorizationFailed, "Acting as another user is not allowed");
        return;
    }
    login(tag, user, password);
}

void ServerSession::login(const std::string& tag, std::string_view user,
                          std::string_view password) {
    if (!credentials_.check(user, password)) {
        login_failed(tag, CodeKind::AuthenticationFailed, "Authentication failed");
        return;
    }
    user_ = std::string{user};
    set_state(ServerState::Authenticated);
    reply(tag, Status::Ok, ResponseCode{CodeKind::Capability, capabilities()}, "Logged in");
}

void ServerSession::login_failed(const std::string& tag, CodeKind code, std::string_view text) {
    ++failed_logins_;
    // Summed: failed logins pipelined in one chunk are each waited for.
    answer_delay_ += std::min(config_.auth_failure_delay * static_cast<long>(failed_logins_),
                              kMaxAuthFailureDelay);
    reply(tag, Status::No, ResponseCode{code, {}}, text);
}

std::string ServerSession::client_name(std::string_view name) const {
    return rev2_ ? name_to_utf8(name) : std::string{name};
}

void ServerSession::emit(core::EventKind kind, std::string text, core::Explanation why) {
    if (rev2_) why.reference = cite_rfc9051(why.reference);
    core::SessionBase::emit(kind, std::move(text), std::move(why));
}

void ServerSession::mark_closed(std::string reason, core::Explanation why) {
    if (rev2_) why.reference = cite_rfc9051(why.reference);
    core::SessionBase::mark_closed(std::move(reason), std::move(why));
}

void ServerSession::data(std::string line, std::string_view name) {
    send(line);
    emit(core::EventKind::Reply, first_line(line), explain_response(name));
}

void ServerSession::reply(std::string_view tag, Status status,
                          const std::optional<ResponseCode>& code, std::string_view text) {
    // Other sessions' changes go out before the tagged completion (RFC 3501 §5.2).
    if (!tag.empty()) flush_updates();
    const std::string line = status_response(tag, status, code, text);
    send(line);
    emit(core::EventKind::Reply, first_line(line),
         code ? explain_code(code->kind) : explain_status(status));
    if (status != Status::Bad && !tag.empty()) bad_count_ = 0;
}

void ServerSession::untagged(std::string text, std::string_view name) {
    send("* " + text + "\r\n");
    emit(core::EventKind::Reply, "* " + text, explain_response(name));
}

void ServerSession::bad(std::string_view tag, std::string_view text) {
    reply(tag, Status::Bad, std::nullopt, text);
    if (++bad_count_ < kMaxBadCommands) return;
    reply("", Status::Bye, std::nullopt, "Too many invalid commands");
    mark_closed("too many invalid commands",
                {"The client kept sending commands the server could not understand, so the "
                 "server hung up.",
                 "RFC 3501 §7.1.5"});
}

void ServerSession::set_state(ServerState state) {
    if (state == state_) return;
    state_ = state;
    emit(core::EventKind::StateChange, std::string{state_name(state)},
         {"IMAP connections move through states: not authenticated, authenticated, selected, "
          "logout.",
          "RFC 3501 §3"});
}

}  // namespace maillab::protocols::imap

namespace maillab::protocols::imap {

void ServerSession::on_change(const store::Change& change) {
    if (!selected_) return;
    switch (change.kind) {
        case store::ChangeKind::MailboxDeleted:
            if (change.origin == origin_) return deselect();
            // The command in progress (if any) may still hold the selected mailbox, so it
            // stays allocated; the session is over anyway.
            reply("", Status::Bye, std::nullopt, "The selected mailbox was deleted");
            subscription_.reset();
            mark_closed("selected mailbox deleted",
                        {"Another session deleted the mailbox this one had open, so the server "
                         "ends the connection.",
                         "RFC 3501 §6.3.4, §7.1.5"});
            return;
        case store::ChangeKind::MailboxRenamed:
            selected_->rename(change.new_name);
            subscription_ = store_->notifier().subscribe(
                user_, change.new_name, [this](const store::Change& c) { on_change(c); }, origin_);
            return;
        case store::ChangeKind::MailboxCreated:
            return;
        default:
            break;
    }
    // This session's own flag changes were answered by its STORE or FETCH. Its own
    // appends and expunges are queued like anyone else's: an EXPUNGE or MOVE that
    // already told them leaves nothing to apply, while RENAME INBOX (which empties
    // the selected INBOX) or an APPEND to the selected mailbox is told at completion.
    if (change.origin == origin_ && change.kind == store::ChangeKind::FlagsChanged) return;
    selected_->queue(change);
    if (idling()) flush_updates();
}

void ServerSession::enable_condstore_by_command() {
    if (condstore_) return;
    condstore_ = true;
    if (selected_) {
        reply("", Status::Ok, highestmodseq_code(selected_->highest_modseq()), "Highest");
    }
}

void ServerSession::look_for_external_changes() {
    if (!selected_ || store_ == nullptr) return;
    (void)store_->refresh(user_, selected_->name());
    if (idling()) flush_updates();
}

void ServerSession::announce_keywords(const store::Flags& flags) {
    for (UntaggedLine& line : selected_->announce_keywords(flags))
        data(std::move(line.text), line.name);
}

void ServerSession::flush_updates() {
    if (!selected_ || !selected_->pending() || closed()) return;
    for (UntaggedLine& line : selected_->flush(expunge_allowed_ || idling(), update_style()))
        data(std::move(line.text), line.name);
}

}  // namespace maillab::protocols::imap
