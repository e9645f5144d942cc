// ServerSession's mailbox commands: SELECT/EXAMINE, LIST/LSUB, STATUS and
// CREATE/DELETE/RENAME/(UN)SUBSCRIBE over the MailboxAccess interface.
#include <string>
#include <utility>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/list_pattern.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/server_session.hpp"

namespace maillab::protocols::imap {

void ServerSession::select(const std::string& tag, const SelectCmd& s) {
    const std::string_view verb = s.read_only ? "EXAMINE" : "SELECT";
    // QRESYNC needs ENABLE QRESYNC first (RFC 7162 §3.2.5), which this server cannot enable.
    if (s.qresync) {
        bad(tag, "QRESYNC is not enabled");
        return;
    }
    // Selecting closes the mailbox selected before, even if this SELECT fails (RFC 3501 §6.3.1).
    selected_.clear();
    set_state(ServerState::Authenticated);
    const auto snap = mailboxes_->open(user_, s.mailbox.name);
    if (!snap) {
        reply(tag, Status::No, ResponseCode{CodeKind::NonExistent, {}}, "No such mailbox");
        return;
    }
    std::vector<std::string> flags = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};
    flags.insert(flags.end(), snap->keywords.begin(), snap->keywords.end());
    const bool read_only = s.read_only || !snap->writable;
    data(flags_response(flags), "FLAGS");
    data(exists_response(snap->exists), "EXISTS");
    data(recent_response(snap->recent), "RECENT");
    if (snap->first_unseen) {
        reply("", Status::Ok, unseen_code(*snap->first_unseen), "First unseen message");
    }
    reply("", Status::Ok, uidvalidity_code(snap->uidvalidity), "UIDs valid");
    reply("", Status::Ok, uidnext_code(snap->uidnext), "Predicted next UID");
    if (read_only) {
        reply("", Status::Ok, permanentflags_code({}), "No permanent flags permitted");
    } else {
        flags.push_back("\\*");
        reply("", Status::Ok, permanentflags_code(flags), "Flags permitted");
    }
    if (s.condstore) {
        if (snap->highest_modseq == 0) {
            reply("", Status::Ok, ResponseCode{CodeKind::NoModSeq, {}}, "No mod-sequences");
        } else {
            reply("", Status::Ok, highestmodseq_code(snap->highest_modseq), "Highest");
        }
    }
    selected_ = s.mailbox.name;
    set_state(ServerState::Selected);
    reply(tag, Status::Ok, ResponseCode{read_only ? CodeKind::ReadOnly : CodeKind::ReadWrite, {}},
          std::string{verb} + " completed");
}

void ServerSession::list(const std::string& tag, const ListCmd& l) {
    // LIST-EXTENDED is not advertised, so its forms are syntax this server does not accept.
    if (!l.selection.empty() || !l.returns.empty() || l.patterns.size() != 1) {
        bad(tag, "LIST-EXTENDED options are not supported");
        return;
    }
    const char delimiter = mailboxes_->delimiter();
    const std::string_view name = l.lsub ? "LSUB" : "LIST";
    // An empty pattern asks only for the delimiter and root (RFC 3501 §6.3.8).
    if (!l.lsub && l.patterns.front().empty()) {
        data(list_response({"\\Noselect"}, delimiter, ""), name);
        reply(tag, Status::Ok, std::nullopt, "LIST completed");
        return;
    }
    const std::string pattern = list_canonical_pattern(l.reference.name, l.patterns.front());
    if (pattern.size() > kMaxListPatternOctets) {
        bad(tag, "Mailbox pattern too long");
        return;
    }
    for (const MailboxInfo& mb : mailboxes_->mailboxes(user_)) {
        if (l.lsub && !mb.subscribed) continue;
        if (!list_pattern_matches(pattern, mb.name, delimiter)) continue;
        data(list_response(mb.attributes, delimiter, mb.name, l.lsub), name);
    }
    reply(tag, Status::Ok, std::nullopt, std::string{name} + " completed");
}

void ServerSession::status(const std::string& tag, const StatusCmd& st) {
    const auto snap = mailboxes_->open(user_, st.mailbox.name);
    if (!snap) {
        reply(tag, Status::No, ResponseCode{CodeKind::NonExistent, {}}, "No such mailbox");
        return;
    }
    std::vector<std::pair<std::string, std::uint64_t>> items;
    for (const std::string& item : st.items) {
        std::uint64_t value = 0;
        if (item == "MESSAGES") {
            value = snap->exists;
        } else if (item == "RECENT") {
            value = snap->recent;
        } else if (item == "UIDNEXT") {
            value = snap->uidnext;
        } else if (item == "UIDVALIDITY") {
            value = snap->uidvalidity;
        } else if (item == "UNSEEN") {
            value = snap->unseen;
        } else if (item == "HIGHESTMODSEQ") {
            value = snap->highest_modseq;  // 0 when the mailbox keeps none (RFC 7162 §3.1.6)
        } else {
            bad(tag, "STATUS " + item + " is not supported");
            return;
        }
        items.emplace_back(item, value);
    }
    data(status_data_response(st.mailbox.name, items), "STATUS");
    reply(tag, Status::Ok, std::nullopt, "STATUS completed");
}

void ServerSession::manage(const std::string& tag, const Command& cmd) {
    const char d = mailboxes_->delimiter();
    const auto refuse = [&](CodeKind code, std::string_view text) {
        reply(tag, Status::No, ResponseCode{code, {}}, text);
    };
    if (const auto* c = std::get_if<CreateCmd>(&cmd)) {
        // A trailing delimiter only says "this will have children" (RFC 3501 §6.3.3).
        std::string_view name = c->mailbox.name;
        if (name.size() > 1 && name.back() == d) name.remove_suffix(1);
        if (name == "INBOX") return refuse(CodeKind::AlreadyExists, "INBOX always exists");
        if (!valid_new_mailbox_name(name, d)) return refuse(CodeKind::Cannot, "Invalid name");
        answer(tag, mailboxes_->create(user_, name), "CREATE completed");
    } else if (const auto* del = std::get_if<DeleteCmd>(&cmd)) {
        if (del->mailbox.name == "INBOX")
            return refuse(CodeKind::Cannot, "INBOX cannot be deleted");
        answer(tag, mailboxes_->remove(user_, del->mailbox.name), "DELETE completed");
    } else if (const auto* r = std::get_if<RenameCmd>(&cmd)) {
        if (r->to.name == "INBOX") return refuse(CodeKind::AlreadyExists, "INBOX always exists");
        if (!valid_new_mailbox_name(r->to.name, d)) return refuse(CodeKind::Cannot, "Invalid name");
        answer(tag, mailboxes_->rename(user_, r->from.name, r->to.name), "RENAME completed");
    } else if (const auto* s = std::get_if<SubscribeCmd>(&cmd)) {
        answer(tag, mailboxes_->subscribe(user_, s->mailbox.name, s->subscribe),
               s->subscribe ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
    }
}

void ServerSession::answer(const std::string& tag, MailboxResult result, std::string_view done) {
    switch (result) {
        case MailboxResult::Ok:
            reply(tag, Status::Ok, std::nullopt, done);
            return;
        case MailboxResult::NonExistent:
            reply(tag, Status::No, ResponseCode{CodeKind::NonExistent, {}}, "No such mailbox");
            return;
        case MailboxResult::AlreadyExists:
            reply(tag, Status::No, ResponseCode{CodeKind::AlreadyExists, {}}, "Mailbox exists");
            return;
        case MailboxResult::Cannot:
            reply(tag, Status::No, ResponseCode{CodeKind::Cannot, {}}, "Not possible");
            return;
        case MailboxResult::NoPerm:
            reply(tag, Status::No, ResponseCode{CodeKind::NoPerm, {}}, "Permission denied");
            return;
        case MailboxResult::OverQuota:
            reply(tag, Status::No, ResponseCode{CodeKind::OverQuota, {}}, "Quota exceeded");
            return;
    }
}

}  // namespace maillab::protocols::imap
