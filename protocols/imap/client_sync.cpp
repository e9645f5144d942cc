// ClientSession's view of the selected mailbox: untagged data (EXISTS,
// EXPUNGE, VANISHED, FETCH, SEARCH, response codes) applied to the cache at
// any time, and the resync after SELECT (RFC 4549 §4.3, RFC 7162 §3.1, §3.2).
#include <algorithm>
#include <string>
#include <utility>

#include "protocols/imap/client_session.hpp"
#include "protocols/imap/explanations.hpp"
#include "protocols/imap/lexer.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

using core::EventKind;

namespace {

core::Explanation explain_change(CacheChange::Kind kind) {
    switch (kind) {
        case CacheChange::Kind::Added:
            return {
                "A message the device did not have yet: it now keeps a copy, shown in its "
                "message list.",
                "RFC 3501 §6.4.5, RFC 4549 §4.3"};
        case CacheChange::Kind::Removed:
            return {
                "The message is gone from the server (expunged or moved, maybe by another "
                "device), so this device drops its copy too.",
                "RFC 3501 §7.4.1, RFC 7162 §3.2.10"};
        case CacheChange::Kind::FlagsChanged:
            return {
                "The server reported the message's flags; the device shows them (read, "
                "flagged, deleted), whichever device changed them.",
                "RFC 3501 §7.4.2"};
    }
    return {};
}

std::vector<std::uint32_t> numbers_of(const std::vector<Value>& values) {
    std::vector<std::uint32_t> out;
    for (const Value& v : values) {
        if (auto n = v.number()) out.push_back(*n);
    }
    return out;
}

// A THREAD response's lists written back as the server nests them (RFC 5256 §4):
// "(3 6 (4 23)(44 7 96))"; a space before a number or before the first list after
// one. The parser bounds the nesting (kMaxResponseNesting), so the recursion is too.
std::string thread_text(const std::vector<Value>& values) {
    std::string out;
    bool after_number = false;
    for (const Value& v : values) {
        if (v.type == Value::Type::List) {
            if (after_number) out += ' ';
            out += '(' + thread_text(v.items) + ')';
            after_number = false;
        } else if (v.type == Value::Type::Atom) {
            if (!out.empty()) out += ' ';
            out += v.text;
            after_number = true;
        }
    }
    return out;
}

}  // namespace

MailboxCache& ClientSession::selected_cache() {
    return cache_.mailboxes[selected_.name];
}

void ClientSession::record(CacheChange change) {
    emit(EventKind::Note, describe_change(job_.device, change), explain_change(change.kind));
    changes_.push_back(std::move(change));
}

void ClientSession::on_untagged(const ServerResponse& r) {
    if (r.status) {
        if (r.code) on_untagged_code(*r.code);
        if (*r.status == Status::Bye) {
            bye_ = true;
            if (purpose_ != Purpose::Logout) abort("the server said BYE: " + r.text);
        }
        return;
    }
    if (r.name == "CAPABILITY") {
        set_capabilities(r.data);
    } else if (r.name == "ENABLED") {
        for (const Value& v : r.data) {
            if (v.is_atom("QRESYNC")) qresync_enabled_ = true;
        }
    } else if (r.name == "LIST") {
        if (r.data.size() == 3 && r.data[2].type != Value::Type::List &&
            r.data[2].type != Value::Type::Nil)
            listed_.push_back(r.data[2].text);
    } else if (r.name == "EXISTS" && r.number) {
        if (selected_.name.empty()) return;
        if (*r.number > kMaxMailboxMessages) {
            abort("the mailbox holds more than " + std::to_string(kMaxMailboxMessages) +
                  " messages");
            return;
        }
        const bool grew = *r.number > selected_.exists;
        selected_.exists = *r.number;
        selected_.seq_uids.resize(*r.number, 0);
        // New mail while the client works in a mailbox it has synced: fetch it.
        if (grew && selected_.synced && purpose_ != Purpose::FetchNew &&
            purpose_ != Purpose::Logout && !failing_) {
            const MailboxCache& box = selected_cache();
            const bool modseq = has_capability("CONDSTORE") || qresync_enabled_;
            steps_.push_front(Step{Purpose::Commit, {}, {}, false});
            steps_.push_front(Step{
                Purpose::FetchNew,
                "UID FETCH " + std::to_string(std::max<std::uint32_t>(box.uidnext, 1)) +
                    (modseq ? ":* (UID FLAGS MODSEQ BODY.PEEK[])" : ":* (UID FLAGS BODY.PEEK[])"),
                {},
                false});
        }
    } else if (r.name == "EXPUNGE" && r.number) {
        const std::uint32_t seq = *r.number;
        if (seq == 0 || seq > selected_.seq_uids.size()) return;
        const std::uint32_t uid = selected_.seq_uids[seq - 1];
        selected_.seq_uids.erase(selected_.seq_uids.begin() + static_cast<std::ptrdiff_t>(seq - 1));
        selected_.exists = static_cast<std::uint32_t>(selected_.seq_uids.size());
        if (uid != 0) remove_uid(uid);
    } else if (r.name == "VANISHED") {
        const bool earlier = !r.data.empty() && r.data[0].type == Value::Type::List;
        if (r.data.empty() || r.data.back().type != Value::Type::Atom) return;
        auto uids = expand_uid_set(r.data.back().text);
        if (!uids) return;
        if (!earlier) {
            // Like EXPUNGE: each UID was a message of the mailbox, so the count goes down
            // and the later message numbers move down (RFC 7162 §3.2.10).
            std::sort(uids->begin(), uids->end());
            const std::size_t matched =
                std::erase_if(selected_.seq_uids, [&uids](std::uint32_t uid) {
                    return uid != 0 && std::binary_search(uids->begin(), uids->end(), uid);
                });
            if (uids->size() > matched) {
                // Numbers this session never learned (SELECT with QRESYNC): which positions
                // went is unknown, so every number is forgotten, the count still right.
                const std::size_t unmatched = uids->size() - matched;
                const std::size_t left = selected_.seq_uids.size() > unmatched
                                             ? selected_.seq_uids.size() - unmatched
                                             : 0;
                selected_.seq_uids.assign(left, 0);
            }
            selected_.exists = static_cast<std::uint32_t>(selected_.seq_uids.size());
        }
        for (std::uint32_t uid : *uids)
            remove_uid(uid);
    } else if (r.name == "FETCH" && r.number) {
        on_fetch(r);
    } else if (r.name == "SEARCH" || r.name == "SORT") {
        search_ = numbers_of(r.data);
    } else if (r.name == "THREAD") {
        threads_ = thread_text(r.data);
    } else if (r.name == "ESEARCH") {
        for (std::size_t i = 0; i + 1 < r.data.size(); ++i) {
            if (r.data[i].is_atom("ALL") && r.data[i + 1].type == Value::Type::Atom) {
                if (auto uids = expand_uid_set(r.data[i + 1].text)) search_ = std::move(*uids);
            }
        }
    }
}

void ClientSession::on_untagged_code(const ParsedCode& code) {
    const auto number = [&code]() -> std::optional<std::uint64_t> {
        if (code.args.empty()) return std::nullopt;
        return code.args[0].number64();
    };
    if (code.name == "CAPABILITY") {
        set_capabilities(code.args);
    } else if (code.name == "COPYUID") {
        apply_copyuid(code);
    } else if (purpose_ != Purpose::Select) {
        return;
    } else if (code.name == "UIDVALIDITY") {
        auto v = number();
        if (!v || *v == 0 || *v > 0xffffffffULL) return;
        selected_.uidvalidity = static_cast<std::uint32_t>(*v);
        MailboxCache& box = selected_cache();
        if (box.uidvalidity != 0 && box.uidvalidity != selected_.uidvalidity) {
            selected_.uidvalidity_changed = true;
            note(selected_.name + ": UIDVALIDITY changed from " + std::to_string(box.uidvalidity) +
                     " to " + std::to_string(selected_.uidvalidity) +
                     "; the cached UIDs mean nothing now, the cache starts over",
                 explain_code(CodeKind::UidValidity));
            while (!box.messages.empty())
                remove_uid(box.messages.begin()->first);
            box = MailboxCache{};
        }
    } else if (code.name == "UIDNEXT") {
        if (auto v = number(); v && *v <= 0xffffffffULL)
            selected_.uidnext = static_cast<std::uint32_t>(*v);
    } else if (code.name == "HIGHESTMODSEQ") {
        if (auto v = number()) selected_.highest_modseq = *v;
    } else if (code.name == "NOMODSEQ") {
        selected_.highest_modseq = 0;
    }
}

void ClientSession::on_fetch(const ServerResponse& r) {
    if (selected_.name.empty()) return;
    const FetchData data = fetch_data(r);
    const std::uint32_t seq = *r.number;
    const bool mapped = seq >= 1 && seq <= selected_.seq_uids.size();
    std::uint32_t uid = data.uid.value_or(0);
    if (mapped) {
        if (uid != 0) {
            selected_.seq_uids[seq - 1] = uid;
        } else {
            uid = selected_.seq_uids[seq - 1];
        }
    }
    if (uid == 0) return;
    MailboxCache& box = selected_cache();
    auto it = box.messages.find(uid);
    if (it == box.messages.end()) {
        // Flags of a message not cached yet: it comes whole with its body later.
        if (!data.body) return;
        if (box.messages.size() >= job_.max_messages) {
            if (!cache_full_noted_)
                note(selected_.name + ": the cache holds " + std::to_string(job_.max_messages) +
                         " messages; further new messages are not kept",
                     {"The device keeps a bounded number of messages per mailbox.",
                      "RFC 4549 §4.3"});
            cache_full_noted_ = true;
            return;
        }
        CachedMessage m{uid, data.flags.value_or(std::vector<std::string>{}),
                        data.modseq.value_or(0), decoded_subject(*data.body), *data.body};
        record(CacheChange{CacheChange::Kind::Added, selected_.name, uid, m.subject, m.flags,
                           m.bytes});
        box.messages.emplace(uid, std::move(m));
        return;
    }
    CachedMessage& m = it->second;
    if (data.modseq) m.modseq = *data.modseq;
    if (data.body && m.bytes.empty()) {
        m.bytes = *data.body;
        m.subject = decoded_subject(m.bytes);
    }
    if (data.flags && !same_flags(*data.flags, m.flags)) {
        m.flags = *data.flags;
        record(CacheChange{
            CacheChange::Kind::FlagsChanged, selected_.name, uid, m.subject, m.flags, {}});
    }
}

void ClientSession::remove_uid(std::uint32_t uid) {
    if (selected_.name.empty()) return;
    MailboxCache& box = selected_cache();
    auto it = box.messages.find(uid);
    if (it == box.messages.end()) return;
    record(CacheChange{
        CacheChange::Kind::Removed, selected_.name, uid, it->second.subject, it->second.flags, {}});
    box.messages.erase(it);
}

void ClientSession::after_select(const ServerResponse& r) {
    if (*r.status != Status::Ok) {
        const std::string name = selected_.name;
        selected_ = Selected{};
        fail_item(r, "SELECT " + name);
        return;
    }
    emit(EventKind::StateChange, "SELECTED " + selected_.name,
         {"A mailbox is open: message commands now act on it.", "RFC 3501 §3.3"});
    const WorkItem& item = work_[work_index_];
    if (item.replay) {
        if (selected_.uidvalidity_changed) {
            note("pending " + std::string{task_name(item.task.kind)} +
                     " dropped: UIDVALIDITY changed, its UIDs name other messages now",
                 explain_code(CodeKind::UidValidity));
            steps_.clear();
            item_outcome_ = Outcome::Dropped;
        }
        advance();
        return;
    }
    if (item.task.kind == TaskKind::Fetch) {
        // Choosing what to download is the point: no resync, no bodies on the way.
        steps_.insert(steps_.begin(), Step{Purpose::BeginOp, {}, {}, false});
        advance();
        return;
    }
    const MailboxCache& box = selected_cache();
    const bool has_messages = !box.messages.empty();
    const bool condstore = has_capability("CONDSTORE") || qresync_enabled_;
    std::vector<Step> sync;
    if (!selected_.qresync && has_messages) {
        std::string fetch = "UID FETCH 1:* (UID FLAGS)";
        if (condstore && box.highest_modseq > 0 && selected_.highest_modseq > 0)
            fetch += " (CHANGEDSINCE " + std::to_string(box.highest_modseq) + ")";
        sync.push_back(Step{Purpose::FlagSync, fetch, {}, false});
    }
    if (!selected_.qresync && (has_messages || (!qresync_enabled_ && selected_.exists > 0)))
        sync.push_back(Step{Purpose::UidList, "UID SEARCH ALL", {}, false});
    const std::uint32_t from = std::max<std::uint32_t>(box.uidnext, 1);
    if (selected_.exists > 0 && (selected_.uidnext == 0 || selected_.uidnext > from)) {
        sync.push_back(Step{
            Purpose::FetchNew,
            "UID FETCH " + std::to_string(from) +
                (condstore ? ":* (UID FLAGS MODSEQ BODY.PEEK[])" : ":* (UID FLAGS BODY.PEEK[])"),
            {},
            false});
    }
    sync.push_back(Step{Purpose::Commit, {}, {}, false});
    sync.push_back(Step{Purpose::BeginOp, {}, {}, false});
    steps_.insert(steps_.begin(), sync.begin(), sync.end());
    advance();
}

void ClientSession::after_sync_step(const ServerResponse& r) {
    if (*r.status != Status::Ok) {
        fail_item(r, "resync of " + selected_.name);
        return;
    }
    if (purpose_ == Purpose::UidList) {
        std::vector<std::uint32_t> on_server = search_;
        std::sort(on_server.begin(), on_server.end());
        std::vector<std::uint32_t> gone;
        for (const auto& [uid, m] : selected_cache().messages) {
            if (!std::binary_search(on_server.begin(), on_server.end(), uid)) gone.push_back(uid);
        }
        for (std::uint32_t uid : gone)
            remove_uid(uid);
        if (on_server.size() == selected_.exists) selected_.seq_uids = std::move(on_server);
    }
    advance();
}

void ClientSession::commit_sync() {
    MailboxCache& box = selected_cache();
    const std::uint32_t after_last = box.messages.empty() ? 1 : box.messages.rbegin()->first + 1;
    box.uidvalidity = selected_.uidvalidity;
    box.uidnext = std::max(selected_.uidnext, after_last);
    box.highest_modseq = selected_.highest_modseq;
    selected_.synced = true;
    note(job_.device + " cache: " + selected_.name + " in step with the server (UIDVALIDITY " +
             std::to_string(box.uidvalidity) + ", UIDNEXT " + std::to_string(box.uidnext) +
             ", HIGHESTMODSEQ " + std::to_string(box.highest_modseq) + ")",
         {"The device remembers these numbers: next time it asks only for messages from UIDNEXT "
          "on and for changes since HIGHESTMODSEQ.",
          "RFC 4549 §4.3, RFC 7162 §3.1"});
}

}  // namespace maillab::protocols::imap
