#include "protocols/imap/server_session.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>
#include <variant>

#include "protocols/core/base64.hpp"
#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/data_response.hpp"
#include "protocols/imap/explanations.hpp"

namespace maillab::protocols::imap {

namespace {

// Which connection states allow a command (RFC 3501 §6).
enum Allowed : unsigned {
    kNotAuth = 1U << 0,
    kAuth = 1U << 1,
    kSelected = 1U << 2,
    kAnyState = kNotAuth | kAuth | kSelected,
    kAuthOrSelected = kAuth | kSelected,
};

unsigned allowed_states(const Command& command) {
    return std::visit(
        [](const auto& c) -> unsigned {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CapabilityCmd> || std::is_same_v<T, NoopCmd> ||
                          std::is_same_v<T, LogoutCmd> || std::is_same_v<T, IdCmd>) {
                return kAnyState;
            } else if constexpr (std::is_same_v<T, StartTlsCmd> ||
                                 std::is_same_v<T, AuthenticateCmd> ||
                                 std::is_same_v<T, LoginCmd>) {
                return kNotAuth;
            } else if constexpr (std::is_same_v<T, EnableCmd>) {
                return kAuth;  // RFC 5161 §3.1: only in the authenticated state
            } else if constexpr (std::is_same_v<T, CheckCmd> || std::is_same_v<T, CloseCmd> ||
                                 std::is_same_v<T, UnselectCmd> || std::is_same_v<T, ExpungeCmd> ||
                                 std::is_same_v<T, SearchCmd> || std::is_same_v<T, FetchCmd> ||
                                 std::is_same_v<T, StoreCmd> || std::is_same_v<T, CopyCmd> ||
                                 std::is_same_v<T, SortCmd> || std::is_same_v<T, ThreadCmd>) {
                return kSelected;
            } else {
                return kAuthOrSelected;
            }
        },
        command);
}

unsigned state_bit(ServerState state) {
    switch (state) {
        case ServerState::NotAuthenticated:
            return kNotAuth;
        case ServerState::Authenticated:
            return kAuth;
        case ServerState::Selected:
            return kSelected;
        case ServerState::Logout:
            return 0;
    }
    return 0;
}

std::string_view state_name(ServerState state) {
    switch (state) {
        case ServerState::NotAuthenticated:
            return "NOT AUTHENTICATED";
        case ServerState::Authenticated:
            return "AUTHENTICATED";
        case ServerState::Selected:
            return "SELECTED";
        case ServerState::Logout:
            return "LOGOUT";
    }
    return "?";
}

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
      origin_(store != nullptr ? store->notifier().new_origin() : store::kExternalOrigin) {}

std::string ServerSession::selected() const {
    return selected_ ? selected_->name() : std::string{};
}

std::string ServerSession::capabilities() const {
    std::string caps = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE";
    if (store_ != nullptr) {
        caps +=
            " UNSELECT CHILDREN UIDPLUS MOVE SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH "
            "CONDSTORE QRESYNC QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE STATUS=SIZE "
            "SORT SORT=DISPLAY ESORT THREAD=ORDEREDSUBJECT THREAD=REFERENCES SEARCHRES";
        if (config_.now) caps += " WITHIN";  // OLDER/YOUNGER need the owner's clock
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
                const ParseResult parsed = parse_command(r->text, {utf8_accept_});
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
    // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH (the UID forms
    // may have them, RFC 3501 §6.4.8).
    expunge_allowed_ = !(tc.name == "FETCH" || tc.name == "STORE" || tc.name == "SEARCH" ||
                         tc.name == "SORT" || tc.name == "THREAD");
    if ((allowed_states(tc.command) & state_bit(state_)) == 0) {
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
    dispatch(tc);
}

void ServerSession::dispatch(const TaggedCommand& tc) {
    const std::string& tag = tc.tag;
    const Command& cmd = tc.command;
    if (std::holds_alternative<CapabilityCmd>(cmd)) {
        untagged("CAPABILITY " + capabilities(), "CAPABILITY");
        reply(tag, Status::Ok, std::nullopt, "CAPABILITY completed");
    } else if (std::holds_alternative<NoopCmd>(cmd)) {
        reply(tag, Status::Ok, std::nullopt, "NOOP completed");
    } else if (std::holds_alternative<LogoutCmd>(cmd)) {
        reply("", Status::Bye, std::nullopt, "Logging out");
        set_state(ServerState::Logout);
        deselect();
        reply(tag, Status::Ok, std::nullopt, "LOGOUT completed");
        mark_closed("logout", explain_command("LOGOUT"));
    } else if (std::holds_alternative<StartTlsCmd>(cmd)) {
        if (config_.tls_active || !config_.starttls_available) {
            bad(tag, "TLS is not available on this connection");
            return;
        }
        reply(tag, Status::Ok, std::nullopt, "Begin TLS negotiation now");
        // Plaintext pipelined behind STARTTLS could be an injection (RFC 3501 §6.2.1).
        reader_.discard_buffered();
        emit(core::EventKind::StartTls, "STARTTLS", explain_command("STARTTLS"));
    } else if (const auto* a = std::get_if<AuthenticateCmd>(&cmd)) {
        authenticate(tag, *a);
    } else if (const auto* l = std::get_if<LoginCmd>(&cmd)) {
        if (!auth_allowed()) {
            reply(tag, Status::No, ResponseCode{CodeKind::PrivacyRequired, {}},
                  "LOGIN is disabled before STARTTLS");
            return;
        }
        login(tag, l->user, l->password);
    } else if (std::holds_alternative<IdCmd>(cmd)) {
        untagged("ID (\"name\" \"maillab\")", "ID");
        reply(tag, Status::Ok, std::nullopt, "ID completed");
    } else if (const auto* en = std::get_if<EnableCmd>(&cmd)) {
        enable(tag, *en);
    } else if (std::holds_alternative<NamespaceCmd>(cmd)) {
        untagged("NAMESPACE ((\"\" \"/\")) NIL NIL", "NAMESPACE");
        reply(tag, Status::Ok, std::nullopt, "NAMESPACE completed");
    } else if (std::holds_alternative<IdleCmd>(cmd)) {
        idle_tag_ = tag;
        send(continuation("idling"));
        emit(core::EventKind::Reply, "+ idling", explain_command("IDLE"));
        reader_.expect_line();
        flush_updates();
    } else if (store_ == nullptr || !dispatch_mailbox(tag, cmd)) {
        reply(tag, Status::No, ResponseCode{CodeKind::Unavailable, {}},
              tc.name + " needs the mailbox store, which is not attached");
    }
}

bool ServerSession::dispatch_mailbox(const std::string& tag, const Command& cmd) {
    if (const auto* sel = std::get_if<SelectCmd>(&cmd)) {
        select(tag, *sel);
    } else if (const auto* ls = std::get_if<ListCmd>(&cmd)) {
        list(tag, *ls);
    } else if (const auto* st = std::get_if<StatusCmd>(&cmd)) {
        status(tag, *st);
    } else if (std::holds_alternative<CreateCmd>(cmd) || std::holds_alternative<DeleteCmd>(cmd) ||
               std::holds_alternative<RenameCmd>(cmd) ||
               std::holds_alternative<SubscribeCmd>(cmd)) {
        manage(tag, cmd);
    } else if (std::holds_alternative<UnselectCmd>(cmd)) {
        deselect();
        reply(tag, Status::Ok, std::nullopt, "UNSELECT completed");
    } else if (std::holds_alternative<CheckCmd>(cmd)) {
        reply(tag, Status::Ok, std::nullopt, "CHECK completed");
    } else if (std::holds_alternative<CloseCmd>(cmd)) {
        close(tag);
    } else if (const auto* ap = std::get_if<AppendCmd>(&cmd)) {
        append(tag, *ap);
    } else if (const auto* ex = std::get_if<ExpungeCmd>(&cmd)) {
        expunge(tag, *ex);
    } else if (const auto* fe = std::get_if<FetchCmd>(&cmd)) {
        fetch(tag, *fe);
    } else if (const auto* se = std::get_if<SearchCmd>(&cmd)) {
        search(tag, *se);
    } else if (const auto* so = std::get_if<SortCmd>(&cmd)) {
        sort(tag, *so);
    } else if (const auto* th = std::get_if<ThreadCmd>(&cmd)) {
        thread(tag, *th);
    } else if (const auto* sto = std::get_if<StoreCmd>(&cmd)) {
        store_flags(tag, *sto);
    } else if (const auto* co = std::get_if<CopyCmd>(&cmd)) {
        copy(tag, *co);
    } else if (std::holds_alternative<GetQuotaCmd>(cmd) ||
               std::holds_alternative<GetQuotaRootCmd>(cmd) ||
               std::holds_alternative<SetQuotaCmd>(cmd)) {
        quota(tag, cmd);
    } else {
        return false;
    }
    return true;
}

void ServerSession::enable(const std::string& tag, const EnableCmd& en) {
    // RFC 5161 §3.1: unknown names are ignored; ENABLED lists only what this command turned on.
    std::vector<std::string> enabled;
    for (const std::string& name : en.capabilities) {
        if (store_ == nullptr) break;
        if (name == "CONDSTORE" && !condstore_) {
            condstore_ = true;
            enabled.push_back(name);
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

void ServerSession::authenticate(const std::string& tag, const AuthenticateCmd& a) {
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
