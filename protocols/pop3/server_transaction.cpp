// The TRANSACTION and UPDATE states of ServerSession (RFC 1939 §5, §6, §7).
#include <string>
#include <utility>
#include <vector>

#include "protocols/pop3/explanations.hpp"
#include "protocols/pop3/response.hpp"
#include "protocols/pop3/server_session.hpp"

namespace maillab::protocols::pop3 {

using core::EventKind;

std::size_t ServerSession::visible_count() const {
    std::size_t count = 0;
    for (const auto& e : entries_)
        count += e.deleted ? 0 : 1;
    return count;
}

std::size_t ServerSession::visible_octets() const {
    std::size_t octets = 0;
    for (const auto& e : entries_)
        octets += e.deleted ? 0 : e.message.size;
    return octets;
}

// The index of a message number argument, or nothing after sending -ERR.
std::optional<std::size_t> ServerSession::message_index(const std::string& argument) {
    const auto number = parse_number(argument);
    if (!number || *number == 0 || *number > entries_.size()) {
        reply(err_line("no such message"), explain::no_such_message(argument));
        return std::nullopt;
    }
    if (entries_[*number - 1].deleted) {
        reply(err_line("message " + std::to_string(*number) + " already deleted"),
              explain::already_deleted(*number));
        return std::nullopt;
    }
    return *number - 1;
}

void ServerSession::cmd_stat() {
    const std::size_t count = visible_count();
    const std::size_t octets = visible_octets();
    reply(ok_line(std::to_string(count) + " " + std::to_string(octets)),
          explain::stat(count, octets));
}

// "number size" for LIST, "number unique-id" for UIDL.
std::string ServerSession::listing_line(Verb verb, std::size_t index) const {
    const MaildropMessage& m = entries_[index].message;
    return std::to_string(index + 1) + " " + (verb == Verb::Uidl ? m.uid : std::to_string(m.size));
}

void ServerSession::cmd_listing(const Command& cmd) {
    const bool uidl = cmd.verb == Verb::Uidl;
    if (cmd.args.size() > 1) {
        reply(err_line(cmd.keyword + " takes at most one argument"),
              explain::bad_line(ParseError::TooManyArguments));
        return;
    }
    if (cmd.args.size() == 1) {
        const auto index = message_index(cmd.args.front());
        if (!index) return;
        const MaildropMessage& m = entries_[*index].message;
        reply(ok_line(listing_line(cmd.verb, *index)),
              uidl ? explain::uidl_one(*index + 1, m.uid) : explain::list_one(*index + 1, m.size));
        return;
    }
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (!entries_[i].deleted) lines.push_back(listing_line(cmd.verb, i));
    }
    const std::size_t count = visible_count();
    if (uidl) {
        reply(multiline("", lines), explain::uidl_all(count));
    } else {
        reply(multiline(std::to_string(count) + " messages (" + std::to_string(visible_octets()) +
                            " octets)",
                        lines),
              explain::list_all(count));
    }
}

// The bytes of a message, or nothing after sending -ERR [SYS/TEMP].
std::optional<std::string> ServerSession::read_message(std::size_t index) {
    auto bytes = maildrop_.read(user_, entries_[index].message.uid);
    if (!bytes) {
        reply(err_line("message could not be read", RespCode::SysTemp),
              explain::read_failed(index + 1));
    }
    return bytes;
}

void ServerSession::cmd_retr(const Command& cmd) {
    if (cmd.args.size() != 1) {
        reply(err_line("RETR needs a message number"), explain::missing_argument(cmd.verb));
        return;
    }
    const auto index = message_index(cmd.args.front());
    if (!index) return;
    const auto bytes = read_message(*index);
    if (!bytes) return;
    const std::size_t size = entries_[*index].message.size;
    reply(ok_line(std::to_string(size) + " octets") + dot_stuff(*bytes),
          explain::retr(*index + 1, size));
}

void ServerSession::cmd_top(const Command& cmd) {
    if (cmd.args.size() != 2) {
        reply(err_line("TOP needs a message number and a line count"),
              explain::missing_argument(cmd.verb));
        return;
    }
    const auto lines = parse_number(cmd.args[1]);
    if (!lines) {
        reply(err_line("invalid line count"), explain::missing_argument(cmd.verb));
        return;
    }
    const auto index = message_index(cmd.args[0]);
    if (!index) return;
    const auto bytes = read_message(*index);
    if (!bytes) return;
    reply(ok_line("") + dot_stuff(top_of_message(*bytes, *lines)),
          explain::top(*index + 1, *lines));
}

void ServerSession::cmd_dele(const Command& cmd) {
    if (cmd.args.size() != 1) {
        reply(err_line("DELE needs a message number"), explain::missing_argument(cmd.verb));
        return;
    }
    const auto index = message_index(cmd.args.front());
    if (!index) return;
    entries_[*index].deleted = true;
    reply(ok_line("message " + std::to_string(*index + 1) + " deleted"), explain::dele(*index + 1));
}

void ServerSession::cmd_rset() {
    for (auto& e : entries_)
        e.deleted = false;
    reply(ok_line("maildrop has " + std::to_string(visible_count()) + " messages (" +
                  std::to_string(visible_octets()) + " octets)"),
          explain::rset(visible_count()));
}

void ServerSession::cmd_quit() {
    state_ = ServerState::Update;
    emit(EventKind::StateChange, std::string{to_string(state_)}, explain::state_update());
    std::vector<std::string> uids;
    for (const auto& e : entries_) {
        if (e.deleted) uids.push_back(e.message.uid);
    }
    const bool removed = uids.empty() || maildrop_.remove(user_, uids);
    if (!removed) {
        reply(err_line("some deleted messages not removed", RespCode::SysTemp),
              explain::quit_update_failed());
        close_session("QUIT: UPDATE failed", explain::quit_update_failed());
        return;
    }
    if (!uids.empty()) {
        std::string note = "removed from the maildrop:";
        for (const auto& uid : uids)
            note += " " + uid;
        emit(EventKind::Note, std::move(note), explain::quit_update(uids.size()));
    }
    reply(ok_line("maillab POP3 server signing off (" + std::to_string(uids.size()) +
                  " messages removed)"),
          explain::quit_update(uids.size()));
    close_session("QUIT", explain::quit_update(uids.size()));
}

}  // namespace maillab::protocols::pop3
