#include "protocols/imap/client_cache.hpp"

#include <algorithm>
#include <utility>

#include "protocols/imap/lexer.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::imap {

namespace {

std::string flag_text(const std::vector<std::string>& flags) {
    std::string out = "(";
    for (const auto& f : flags) {
        if (out.size() > 1) out += ' ';
        out += f;
    }
    return out + ")";
}

CacheChange flags_change(const std::string& mailbox, const CachedMessage& m) {
    return CacheChange{CacheChange::Kind::FlagsChanged, mailbox, m.uid, m.subject, m.flags, {}};
}

CacheChange removed_change(const std::string& mailbox, const CachedMessage& m) {
    return CacheChange{CacheChange::Kind::Removed, mailbox, m.uid, m.subject, m.flags, {}};
}

}  // namespace

std::string_view task_name(TaskKind kind) {
    switch (kind) {
        case TaskKind::Sync:
            return "Sync";
        case TaskKind::Read:
            return "Read";
        case TaskKind::SetFlags:
            return "SetFlags";
        case TaskKind::ClearFlags:
            return "ClearFlags";
        case TaskKind::Delete:
            return "Delete";
        case TaskKind::Expunge:
            return "Expunge";
        case TaskKind::Move:
            return "Move";
        case TaskKind::Search:
            return "Search";
        case TaskKind::Create:
            return "Create";
        case TaskKind::Idle:
            return "Idle";
        case TaskKind::Append:
            return "Append";
        case TaskKind::Thread:
            return "Thread";
        case TaskKind::Sort:
            return "Sort";
        case TaskKind::Fetch:
            return "Fetch";
    }
    return "?";
}

std::string describe_change(std::string_view device, const CacheChange& change) {
    std::string out{device};
    out += " cache: ";
    switch (change.kind) {
        case CacheChange::Kind::Added:
            out += "+uid ";
            break;
        case CacheChange::Kind::Removed:
            out += "-uid ";
            break;
        case CacheChange::Kind::FlagsChanged:
            out += "uid ";
            break;
    }
    out += std::to_string(change.uid) + " \"" + change.subject + "\"";
    if (change.kind == CacheChange::Kind::FlagsChanged) out += " flags " + flag_text(change.flags);
    if (change.mailbox != "INBOX") out += " in " + change.mailbox;
    return out;
}

bool has_flag(const std::vector<std::string>& flags, std::string_view flag) {
    return std::any_of(flags.begin(), flags.end(),
                       [flag](const std::string& f) { return iequals(f, flag); });
}

bool same_flags(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    return std::all_of(a.begin(), a.end(), [&b](const std::string& f) { return has_flag(b, f); });
}

bool add_flags(std::vector<std::string>& flags, const std::vector<std::string>& more) {
    bool changed = false;
    for (const auto& f : more) {
        if (has_flag(flags, f)) continue;
        flags.push_back(f);
        changed = true;
    }
    return changed;
}

bool remove_flags(std::vector<std::string>& flags, const std::vector<std::string>& gone) {
    const std::size_t before = flags.size();
    std::erase_if(flags, [&gone](const std::string& f) { return has_flag(gone, f); });
    return flags.size() != before;
}

std::string decoded_subject(std::string_view message) {
    const mime::HeaderBlock header = mime::parse_header_block(message);
    const mime::HeaderField* subject = header.find("Subject");
    if (subject == nullptr) return {};
    return mime::decode_encoded_words(subject->value);
}

std::vector<std::uint32_t> uids_with_subject(const MailboxCache& mailbox,
                                             std::string_view subject) {
    std::vector<std::uint32_t> out;
    for (const auto& [uid, m] : mailbox.messages) {
        if (m.subject == subject) out.push_back(uid);
    }
    return out;
}

std::vector<std::uint32_t> deleted_uids(const MailboxCache& mailbox) {
    std::vector<std::uint32_t> out;
    for (const auto& [uid, m] : mailbox.messages) {
        if (has_flag(m.flags, "\\Deleted")) out.push_back(uid);
    }
    return out;
}

OfflineResult apply_offline_task(ClientCache& cache, const ClientTask& task) {
    OfflineResult result;
    if (task.kind == TaskKind::Sync || task.kind == TaskKind::Search ||
        task.kind == TaskKind::Idle || task.kind == TaskKind::Append ||
        task.kind == TaskKind::Thread || task.kind == TaskKind::Sort ||
        task.kind == TaskKind::Fetch) {
        result.note = std::string{task_name(task.kind)} +
                      " needs the server: nothing to do while offline, nothing queued";
        return result;
    }
    ClientTask queued = task;
    if (task.kind == TaskKind::Create) {
        if (std::find(cache.folders.begin(), cache.folders.end(), task.target) ==
            cache.folders.end())
            cache.folders.push_back(task.target);
    } else {
        auto box = cache.mailboxes.find(task.mailbox);
        if (box == cache.mailboxes.end()) {
            result.note = "mailbox " + task.mailbox + " is not cached: nothing to do offline";
            return result;
        }
        MailboxCache& mailbox = box->second;
        queued.uids = task.kind == TaskKind::Expunge ? deleted_uids(mailbox)
                                                     : uids_with_subject(mailbox, task.subject);
        if (queued.uids.empty()) {
            result.note = std::string{task_name(task.kind)} + ": no cached message matches in " +
                          task.mailbox + ", nothing queued";
            return result;
        }
        for (std::uint32_t uid : queued.uids) {
            CachedMessage& m = mailbox.messages.at(uid);
            bool changed = false;
            switch (task.kind) {
                case TaskKind::Read:
                    changed = add_flags(m.flags, {"\\Seen"});
                    break;
                case TaskKind::SetFlags:
                    changed = add_flags(m.flags, task.flags);
                    break;
                case TaskKind::ClearFlags:
                    changed = remove_flags(m.flags, task.flags);
                    break;
                case TaskKind::Delete:
                    changed = add_flags(m.flags, {"\\Deleted"});
                    break;
                case TaskKind::Expunge:
                case TaskKind::Move:
                    result.changes.push_back(removed_change(task.mailbox, m));
                    mailbox.messages.erase(uid);
                    continue;
                case TaskKind::Sync:
                case TaskKind::Search:
                case TaskKind::Create:
                case TaskKind::Idle:
                case TaskKind::Append:
                case TaskKind::Thread:
                case TaskKind::Sort:
                case TaskKind::Fetch:
                    break;
            }
            if (changed) result.changes.push_back(flags_change(task.mailbox, m));
        }
    }
    cache.pending.push_back(std::move(queued));
    result.queued = true;
    result.note =
        std::string{task_name(task.kind)} + " done offline, queued for the next connection";
    return result;
}

std::vector<CacheChange> apply_offline(ClientCache& cache, const ClientTask& task) {
    return apply_offline_task(cache, task).changes;
}

core::Explanation explain_offline() {
    return {
        "The device was offline, so it changed its own copy and remembered the action; "
        "it replays the action on the server at the next connection.",
        "RFC 4549 §4"};
}

}  // namespace maillab::protocols::imap
