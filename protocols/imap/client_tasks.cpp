// ClientSession's work items: the offline actions replayed from
// cache.pending (RFC 4549 §4) and the job's tasks, each turned into IMAP
// commands (RFC 3501 §6.4, UIDPLUS RFC 4315, MOVE RFC 6851).
#include <algorithm>
#include <string>
#include <utility>

#include "protocols/imap/client_session.hpp"
#include "protocols/imap/explanations.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

namespace {

std::string astring(std::string_view value) {
    std::string out;
    write_astring(out, value);
    return out;
}

std::string flag_list(const std::vector<std::string>& flags) {
    std::string out;
    write_flag_list(out, flags);
    return out;
}

std::string uid_set(const std::vector<std::uint32_t>& uids) {
    return format_sequence_set(compress_numbers(uids));
}

// Numbers in the given order, space-separated (a SORT result is not a set).
std::string uid_set_list(const std::vector<std::uint32_t>& uids) {
    std::string out;
    for (std::uint32_t uid : uids)
        out += (out.empty() ? "" : " ") + std::to_string(uid);
    return out;
}

bool needs_messages(TaskKind kind) {
    return kind != TaskKind::Create && kind != TaskKind::Sync && kind != TaskKind::Search &&
           kind != TaskKind::Idle && kind != TaskKind::Append && kind != TaskKind::Thread &&
           kind != TaskKind::Sort;
}

}  // namespace

void ClientSession::start_item(const WorkItem& item) {
    const ClientTask& task = item.task;
    item_uids_.clear();
    task_octets_ = 0;
    fetch_search_ = false;
    if (task.kind == TaskKind::Create) {
        steps_.push_back(Step{item.replay ? Purpose::Replay : Purpose::Task,
                              "CREATE " + astring(task.target),
                              {},
                              false});
        return;
    }
    if (task.kind == TaskKind::Append && !item.replay) {
        // APPEND needs no selected mailbox (RFC 3501 §6.3.11).
        std::string command = "APPEND " + astring(task.mailbox) + " " + flag_list(task.flags) +
                              " {" + std::to_string(task.message.size());
        if (has_capability("LITERAL+")) {
            command += "+}\r\n" + task.message;
        } else {
            command += "}";
            literal_ = task.message;  // sent when the server's "+" comes
        }
        steps_.push_back(Step{Purpose::Task, std::move(command), {}, false});
        return;
    }
    if (item.replay) {
        if (!needs_messages(task.kind) || task.uids.empty()) {
            item_outcome_ = Outcome::Dropped;
            return;
        }
        if (selected_.name != task.mailbox)
            steps_.push_back(
                Step{Purpose::Select, "SELECT " + astring(task.mailbox), task.mailbox, false});
        steps_.push_back(
            Step{Purpose::Existing, "UID SEARCH UID " + uid_set(task.uids), {}, false});
        return;
    }
    if (selected_.name == task.mailbox && selected_.synced) {
        steps_.push_back(Step{Purpose::BeginOp, {}, {}, false});
        return;
    }
    std::string select = "SELECT " + astring(task.mailbox);
    const auto cached = cache_.mailboxes.find(task.mailbox);
    const bool qresync = qresync_enabled_ && cached != cache_.mailboxes.end() &&
                         cached->second.uidvalidity != 0 && cached->second.highest_modseq != 0;
    if (qresync) {
        select += " (QRESYNC (" + std::to_string(cached->second.uidvalidity) + " " +
                  std::to_string(cached->second.highest_modseq) + "))";
    } else if (has_capability("CONDSTORE")) {
        select += " (CONDSTORE)";
    }
    steps_.push_back(Step{Purpose::Select, std::move(select), task.mailbox, qresync});
}

void ClientSession::finish_item() {
    const WorkItem& item = work_[work_index_];
    if (!item.replay) return;
    const std::string what = "pending " + std::string{task_name(item.task.kind)};
    if (item_outcome_ == Outcome::Kept) {
        ++pending_kept_;
        note(what + " stays queued for the next connection", explain_offline());
        return;
    }
    if (pending_kept_ < cache_.pending.size())
        cache_.pending.erase(cache_.pending.begin() + static_cast<std::ptrdiff_t>(pending_kept_));
    if (item_outcome_ == Outcome::Done) {
        ++report_.replayed;
        note(what + " replayed on the server", explain_offline());
    } else {
        ++report_.dropped;
        note(what + " dropped", explain_offline());
    }
}

void ClientSession::fail_item(const ServerResponse& r, const std::string& what) {
    note(what + " failed: " + std::string{status_name(*r.status)} + " " + r.text,
         explain_status(*r.status));
    steps_.clear();
    // NO: the server refused, and would again. BAD or anything else: keep it.
    item_outcome_ = *r.status == Status::No ? Outcome::Dropped : Outcome::Kept;
    advance();
}

void ClientSession::begin_op() {
    const ClientTask& task = work_[work_index_].task;
    const MailboxCache& box = selected_cache();
    switch (task.kind) {
        case TaskKind::Sync:
            return;
        case TaskKind::Idle:
            begin_idle();
            return;
        case TaskKind::Search:
            steps_.push_front(Step{Purpose::Task, "UID SEARCH " + task.criteria, {}, false});
            return;
        case TaskKind::Sort:
            steps_.push_front(
                Step{Purpose::Task, "UID SORT (" + task.criteria + ") UTF-8 ALL", {}, false});
            return;
        case TaskKind::Thread:
            steps_.push_front(Step{Purpose::Task, "UID THREAD REFERENCES UTF-8 ALL", {}, false});
            return;
        case TaskKind::Append:
            return;
        case TaskKind::Expunge:
            queue_operation(task, deleted_uids(box), Purpose::Task);
            return;
        case TaskKind::Create:
            return;
        case TaskKind::Read:
        case TaskKind::SetFlags:
        case TaskKind::ClearFlags:
        case TaskKind::Fetch:
            if (auto uids = uids_with_subject(box, task.subject); !uids.empty()) {
                queue_operation(task, {uids.front()}, Purpose::Task);
                return;
            }
            // Not cached: the server finds it, and only then is anything fetched.
            fetch_search_ = true;
            steps_.push_front(
                Step{Purpose::Task, "UID SEARCH SUBJECT " + astring(task.subject), {}, false});
            return;
        case TaskKind::Delete:
        case TaskKind::Move: {
            auto uids = uids_with_subject(box, task.subject);
            if (uids.empty()) {
                note(
                    std::string{task_name(task.kind)} + ": no message \"" + task.subject +
                        "\" in " + task.mailbox,
                    {"The device found no message with that subject in its cache.", "RFC 4549 §4"});
                return;
            }
            queue_operation(task, uids, Purpose::Task);
            return;
        }
    }
}

void ClientSession::queue_operation(const ClientTask& task, const std::vector<std::uint32_t>& uids,
                                    Purpose purpose) {
    item_uids_ = uids;
    const std::string set = uids.empty() ? std::string{} : uid_set(uids);
    std::vector<std::string> commands;
    const auto expunge = [&]() {
        if (!has_capability("UIDPLUS")) {
            commands.push_back("EXPUNGE");
        } else if (!uids.empty()) {
            commands.push_back("UID EXPUNGE " + set);
        }
    };
    switch (task.kind) {
        case TaskKind::Read:
            commands.push_back(purpose == Purpose::Task ? "UID FETCH " + set + " (BODY[])"
                                                        : "UID STORE " + set + " +FLAGS (\\Seen)");
            break;
        case TaskKind::SetFlags:
            commands.push_back("UID STORE " + set + " +FLAGS " + flag_list(task.flags));
            break;
        case TaskKind::ClearFlags:
            commands.push_back("UID STORE " + set + " -FLAGS " + flag_list(task.flags));
            break;
        case TaskKind::Delete:
            commands.push_back("UID STORE " + set + " +FLAGS (\\Deleted)");
            break;
        case TaskKind::Fetch:
            commands.push_back("UID FETCH " + set + " (" + task.criteria + ")");
            break;
        case TaskKind::Expunge:
            expunge();
            break;
        case TaskKind::Move:
            if (has_capability("MOVE")) {
                commands.push_back("UID MOVE " + set + " " + astring(task.target));
            } else {
                commands.push_back("UID COPY " + set + " " + astring(task.target));
                commands.push_back("UID STORE " + set + " +FLAGS (\\Deleted)");
                expunge();
            }
            break;
        case TaskKind::Sync:
        case TaskKind::Search:
        case TaskKind::Create:
        case TaskKind::Idle:
        case TaskKind::Append:
        case TaskKind::Thread:
        case TaskKind::Sort:
            break;
    }
    if (commands.empty()) {
        note(std::string{task_name(task.kind)} + ": nothing to do in " + task.mailbox,
             {"No cached message is marked \\Deleted, so there is nothing to expunge.",
              "RFC 4315 §2.1"});
        return;
    }
    for (auto it = commands.rbegin(); it != commands.rend(); ++it)
        steps_.push_front(Step{purpose, std::move(*it), {}, false});
}

void ClientSession::after_existing(const ServerResponse& r) {
    if (*r.status != Status::Ok) {
        fail_item(r, "UID SEARCH");
        return;
    }
    const ClientTask& task = work_[work_index_].task;
    std::vector<std::uint32_t> existing;
    std::sort(search_.begin(), search_.end());
    for (std::uint32_t uid : task.uids) {
        if (std::binary_search(search_.begin(), search_.end(), uid)) {
            existing.push_back(uid);
            continue;
        }
        note("pending " + std::string{task_name(task.kind)} + " of uid " + std::to_string(uid) +
                 " dropped: the message no longer exists on the server",
             {"Another device removed the message while this one was offline, so the offline "
              "action has nothing left to act on.",
              "RFC 4549 §4.2"});
    }
    if (existing.empty()) {
        item_outcome_ = Outcome::Dropped;
    } else {
        queue_operation(task, existing, Purpose::Replay);
    }
    advance();
}

void ClientSession::after_task_step(const ServerResponse& r) {
    const ClientTask& task = work_[work_index_].task;
    if (*r.status != Status::Ok) {
        const bool exists = r.code && r.code->name == "ALREADYEXISTS";
        if (task.kind == TaskKind::Create && exists) {
            if (std::find(cache_.folders.begin(), cache_.folders.end(), task.target) ==
                cache_.folders.end())
                cache_.folders.push_back(task.target);
            advance();
            return;
        }
        fail_item(r, std::string{task_name(task.kind)});
        return;
    }
    if (task.kind == TaskKind::Fetch && fetch_search_) {
        fetch_search_ = false;
        task_octets_ = 0;
        if (search_.empty()) {
            note("Fetch: no message \"" + task.subject + "\" in " + task.mailbox,
                 explain_response("SEARCH"));
        } else {
            queue_operation(task, {*std::min_element(search_.begin(), search_.end())},
                            Purpose::Task);
        }
        advance();
        return;
    }
    if (task.kind == TaskKind::Search) {
        report_.search_results = search_;
        note("search found " + std::to_string(search_.size()) + " message(s)",
             explain_response("SEARCH"));
    }
    if (task.kind == TaskKind::Sort) {
        report_.sort_results = search_;
        note("sorted " + std::to_string(search_.size()) + " message(s): " + uid_set_list(search_),
             explain_response("SORT"));
    }
    if (task.kind == TaskKind::Fetch) {
        // What the choice of items cost: the size of the answer, tagged line included.
        note("fetched (" + task.criteria + ") of \"" + task.subject +
                 "\": " + std::to_string(task_octets_) + " octets",
             explain_command("FETCH"));
    }
    if (task.kind == TaskKind::Thread) {
        report_.threads = threads_;
        note("conversations: " + (threads_.empty() ? std::string{"none"} : threads_),
             explain_response("THREAD"));
    }
    if (task.kind == TaskKind::Append) {
        literal_.clear();
        if (r.code && r.code->name == "APPENDUID" && r.code->args.size() == 2) {
            if (auto uids = expand_uid_set(r.code->args[1].text)) report_.appended = *uids;
        }
        note("saved a copy in " + task.mailbox, explain_command("APPEND"));
    }
    if (task.kind == TaskKind::Create && std::find(cache_.folders.begin(), cache_.folders.end(),
                                                   task.target) == cache_.folders.end())
        cache_.folders.push_back(task.target);
    advance();
}

void ClientSession::apply_copyuid(const ParsedCode& code) {
    if (work_index_ >= work_.size() || selected_.name.empty()) return;
    const ClientTask& task = work_[work_index_].task;
    auto copied = copy_uid(code);
    if (task.kind != TaskKind::Move || !copied) return;
    auto target = cache_.mailboxes.find(task.target);
    if (target == cache_.mailboxes.end() || target->second.uidvalidity != copied->uidvalidity)
        return;
    const MailboxCache& source = selected_cache();
    for (std::size_t i = 0; i < copied->source.size(); ++i) {
        auto original = source.messages.find(copied->source[i]);
        const std::uint32_t uid = copied->destination[i];
        if (original == source.messages.end() || target->second.messages.count(uid) != 0 ||
            target->second.messages.size() >= job_.max_messages)
            continue;
        CachedMessage copy = original->second;
        copy.uid = uid;
        copy.modseq = 0;
        record(CacheChange{CacheChange::Kind::Added, task.target, uid, copy.subject, copy.flags,
                           copy.bytes});
        target->second.messages.emplace(uid, std::move(copy));
    }
}

}  // namespace maillab::protocols::imap
