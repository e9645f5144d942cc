// Device::imap: the device's IMAP client at work. Online, one connection
// does the job's tasks (after replaying what was done offline); offline, the
// tasks change the cache only and wait for the next connection. Either way
// every change to the cache is a change to the device's visible local copy.
#include <algorithm>

#include "protocols/imap/client_session.hpp"
#include "sim/net/session_host.hpp"
#include "sim/world/client_tls.hpp"
#include "sim/world/completion_session.hpp"
#include "sim/world/device.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace imap = protocols::imap;

namespace {

// \Recent belongs to one server session (RFC 3501 §2.3.2), not to the
// device's copy, so the local copy does not show it.
std::string flag_text(const std::vector<std::string>& flags) {
    std::string out;
    for (const auto& f : flags) {
        if (f != "\\Recent") out += (out.empty() ? "" : " ") + f;
    }
    return out;
}

std::string task_words(const imap::ClientTask& task) {
    switch (task.kind) {
        case imap::TaskKind::Sync:
            return "synchronises " + task.mailbox;
        case imap::TaskKind::Read:
            return "opens \"" + task.subject + "\"";
        case imap::TaskKind::SetFlags:
            return "flags \"" + task.subject + "\" " + flag_text(task.flags);
        case imap::TaskKind::ClearFlags:
            return "clears " + flag_text(task.flags) + " on \"" + task.subject + "\"";
        case imap::TaskKind::Delete:
            return "deletes \"" + task.subject + "\"";
        case imap::TaskKind::Expunge:
            return "expunges " + task.mailbox;
        case imap::TaskKind::Move:
            return "moves \"" + task.subject + "\" to " + task.target;
        case imap::TaskKind::Search:
            return "searches " + task.mailbox + " for " + task.criteria;
        case imap::TaskKind::Create:
            return "creates the folder " + task.target;
        case imap::TaskKind::Idle:
            return "waits in " + task.mailbox + " for new mail (IDLE)";
        case imap::TaskKind::Append:
            return "saves a copy in " + task.mailbox;
        case imap::TaskKind::Thread:
            return "shows " + task.mailbox + " as conversations";
        case imap::TaskKind::Sort:
            return "sorts " + task.mailbox + " by " + task.criteria;
        case imap::TaskKind::Fetch:
            return "fetches " + task.criteria + " of \"" + task.subject + "\"";
    }
    return "uses IMAP";
}

}  // namespace

const imap::ClientCache* Device::imap_cache(const std::string& account) const {
    const auto it = imap_caches_.find(account);
    return it == imap_caches_.end() ? nullptr : &it->second;
}

void Device::apply_imap_changes(const std::string& prefix,
                                const std::vector<imap::CacheChange>& changes) {
    for (const auto& change : changes) {
        const std::string key = prefix + change.mailbox + " " + std::to_string(change.uid);
        const auto it = std::find_if(local_.begin(), local_.end(),
                                     [&](const LocalMessage& m) { return m.key == key; });
        switch (change.kind) {
            case imap::CacheChange::Kind::Added:
                if (it == local_.end()) {
                    add_local({key, change.subject, change.bytes, world_.sim().now()});
                    if (!change.flags.empty()) {
                        world_.sim().record({.kind = EventKind::DeviceCopyFlags,
                                             .host = host_,
                                             .payload = key,
                                             .note = flag_text(change.flags)});
                    }
                }
                break;
            case imap::CacheChange::Kind::Removed:
                if (it != local_.end()) {
                    local_.erase(it);
                    world_.sim().record(
                        {.kind = EventKind::DeviceCopyRemoved, .host = host_, .payload = key});
                }
                break;
            case imap::CacheChange::Kind::FlagsChanged:
                world_.sim().record({.kind = EventKind::DeviceCopyFlags,
                                     .host = host_,
                                     .payload = key,
                                     .note = flag_text(change.flags)});
                break;
        }
    }
}

void Device::imap(const ImapJob& job, Done done) {
    const std::string account = job.user + "@" + job.server;
    const std::string prefix = "imap " + account + " ";
    imap::ClientCache& cache = imap_caches_[account];
    std::string what;
    for (const auto& task : job.tasks)
        what += (what.empty() ? "" : ", then ") + task_words(task);

    if (!online_) {
        world_.sim().record({.kind = EventKind::DeviceAction,
                             .host = host_,
                             .payload = "offline: " + what +
                                        " in its local copy; the change "
                                        "waits for the next connection"});
        std::size_t queued = 0;
        for (const auto& task : job.tasks) {
            const auto before = cache.pending.size();
            apply_imap_changes(prefix, imap::apply_offline(cache, task));
            queued += cache.pending.size() - before;
        }
        if (done) {
            done({.ok = true,
                  .summary = "offline: " + std::to_string(queued) + " change(s) queued"});
        }
        return;
    }

    world_.sim().record(
        {.kind = EventKind::DeviceAction,
         .host = host_,
         .payload = what + " with IMAP at " + job.server + ":" + std::to_string(job.port)});
    imap::ClientJob client_job;
    client_job.user = job.user;
    client_job.password = job.password;
    client_job.tls = starttls_policy(job.tls);
    client_job.tls_active = job.tls == TlsChoice::Implicit;
    client_job.tasks = job.tasks;
    client_job.device = spec_.name;
    auto client = std::make_unique<imap::ClientSession>(std::move(client_job), cache);
    imap::ClientSession* raw = client.get();
    // Changes reach the local copy as they happen, so the GUI shows them in step.
    auto watched = std::make_unique<CompletionSession>(
        client_with_tls(std::move(client), job.tls),
        [this, raw, prefix, done = std::move(done)] {
            apply_imap_changes(prefix, raw->take_changes());
            const auto& report = raw->report();
            last_search_ = report.search_results;
            last_sort_ = report.sort_results;
            last_threads_ = report.threads;
            JobResult result;
            result.ok = report.logged_in && report.completed;
            result.summary = report.completed ? "done" : "stopped: " + report.error;
            if (!report.threads.empty()) result.summary += ", conversations " + report.threads;
            if (report.replayed > 0)
                result.summary +=
                    ", " + std::to_string(report.replayed) + " offline change(s) sent";
            if (done) done(result);
        },
        [this, raw, prefix] { apply_imap_changes(prefix, raw->take_changes()); });
    auto host = SessionHost::connect(world_.tcp(), host_, job.server, job.port, std::move(watched));
    if (job.idle_for > 0) {
        // The user stops waiting: the session leaves IDLE and goes on (to LOGOUT).
        std::weak_ptr<SessionHost> weak = host;
        world_.sim().schedule(job.idle_for, [weak, raw] {
            if (auto alive = weak.lock()) {
                raw->stop_idle();
                alive->flush();
            }
        });
    }
}

}  // namespace maillab::sim
