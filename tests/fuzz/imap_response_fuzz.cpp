// libFuzzer target: arbitrary bytes as an IMAP server's responses, through
// the ResponseReader and parse_response and through a whole ClientSession
// with an offline cache and pending actions. The first input byte picks the
// chunk size so splits inside tokens and literals are explored. Any crash,
// hang, sanitizer report or broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocols/imap/client_session.hpp"
#include "protocols/imap/response_parser.hpp"

using namespace maillab::protocols::imap;

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

ClientCache initial_cache() {
    ClientCache cache;
    MailboxCache& inbox = cache.mailboxes["INBOX"];
    inbox.uidvalidity = 42;
    inbox.uidnext = 6;
    inbox.highest_modseq = 9;
    for (std::uint32_t uid = 3; uid <= 5; ++uid)
        inbox.messages[uid] =
            CachedMessage{uid, {}, 1, "s" + std::to_string(uid), "Subject: s\r\n"};
    cache.mailboxes["Archive"].uidvalidity = 50;
    ClientTask read;
    read.kind = TaskKind::Read;
    read.subject = "s3";
    apply_offline(cache, read);
    return cache;
}

ClientJob fuzz_job() {
    ClientJob job;
    job.user = "user";
    job.password = "pass";
    for (TaskKind kind : {TaskKind::Sync, TaskKind::Move, TaskKind::Expunge, TaskKind::Search,
                          TaskKind::Delete, TaskKind::Create}) {
        ClientTask task;
        task.kind = kind;
        task.subject = "s4";
        task.target = "Archive";
        task.criteria = "UNSEEN";
        job.tasks.push_back(task);
    }
    return job;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string_view bytes{reinterpret_cast<const char*>(data + 1), size - 1};

    ResponseReader reader;
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
        reader.feed(bytes.substr(pos, chunk));
        ResponseReadStatus status;
        while ((status = reader.next()) == ResponseReadStatus::Complete) {
            check(reader.response().size() <= kMaxResponseLineOctets + kMaxResponseLiteralOctets);
            std::string error;
            auto r = parse_response(reader.response(), &error);
            if (!r) {
                check(!error.empty());
                continue;
            }
            check(r->kind != ServerResponse::Kind::Tagged || !r->tag.empty());
            const FetchData fetch = fetch_data(*r);
            if (fetch.body) check(fetch.body->size() <= reader.response().size());
            if (r->code) {
                if (auto copied = copy_uid(*r->code)) {
                    check(copied->source.size() == copied->destination.size());
                    check(copied->source.size() <= kMaxExpandedUids);
                }
            }
        }
    }

    ClientCache cache = initial_cache();
    ClientSession session{fuzz_job(), cache};
    session.start();
    for (std::size_t pos = 0; pos < bytes.size() && !session.closed(); pos += chunk) {
        session.receive(bytes.substr(pos, chunk));
        session.take_output();
        for (const auto& event : session.take_events())
            check(!event.why.reference.empty() || !event.why.meaning.empty());
    }
    if (!session.closed()) session.on_peer_closed();
    check(session.closed());
    for (const auto& [name, box] : cache.mailboxes) {
        check(box.messages.size() <= kMaxCachedMessages);
        for (const auto& [uid, message] : box.messages)
            check(uid == message.uid);
    }
    check(cache.pending.size() <= 1);
    return 0;
}
