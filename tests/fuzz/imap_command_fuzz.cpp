// libFuzzer target: arbitrary bytes through the IMAP CommandReader and the
// command parser, the way a server session drives them (raw lines after
// IDLE and AUTHENTICATE, continuation requests for literals). The first
// input byte picks the chunk size so splits inside tokens and literals are
// explored too; the same bytes also drive a ServerSession over a MemoryStore
// (logged in as "alice" they reach the mailbox and message commands) while a
// second session IDLEs on INBOX and is told of every change (SORT, THREAD and
// "$" included: the seeds thread_references and sort_esort reach them). Any crash, hang,
// sanitizer report or broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/command_reader.hpp"
#include "protocols/imap/explanations.hpp"
#include "protocols/imap/response_writer.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/store/memory_store.hpp"

using namespace maillab::protocols::imap;

namespace {

class AnyPassword : public CredentialCheck {
public:
    bool check(std::string_view user, std::string_view) const override { return !user.empty(); }
};

void check(bool ok) {
    if (!ok) std::abort();
}

void use(const TaggedCommand& tc) {
    check(!tc.tag.empty());
    check(!explain_command(tc).reference.empty());
    if (const auto* f = std::get_if<FetchCmd>(&tc.command)) {
        check(!f->attributes.empty());
        for (const auto& a : f->attributes)
            check(!fetch_attribute_name(a).empty());
        // A formatted set must parse back to itself.
        const std::string text = format_sequence_set(f->set);
        check(parse_sequence_set(text) == f->set);
    }
    if (const auto* s = std::get_if<SearchCmd>(&tc.command)) {
        check(s->criteria.kind == SearchKeyKind::And && !s->criteria.children.empty());
    }
    if (const auto* s = std::get_if<SortCmd>(&tc.command)) {
        check(!s->program.empty() && s->program.size() <= kMaxSortCriteria);
        for (const SortCriterion& c : s->program)
            check(sort_key_name(c.key) != "?");
        check(s->criteria.kind == SearchKeyKind::And && !s->criteria.children.empty());
    }
    if (const auto* t = std::get_if<ThreadCmd>(&tc.command)) {
        check(t->criteria.kind == SearchKeyKind::And && !t->criteria.children.empty());
    }
    if (const auto* a = std::get_if<AppendCmd>(&tc.command)) {
        check(!a->messages.empty() && a->messages.size() <= kMaxAppendMessages);
        for (const AppendMessage& m : a->messages) {
            std::string out;
            write_string(out, m.message);
            check(out.size() >= m.message.size());
            // NUL only in a literal8 (RFC 3516 §4.4); a normal literal refuses it.
            check(m.data != AppendData::Literal || m.message.find('\0') == std::string::npos);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string_view bytes{reinterpret_cast<const char*>(data + 1), size - 1};
    // The same bytes through a whole server session, logged in or not.
    AnyPassword credentials;
    maillab::protocols::store::AccountDirectory accounts;
    (void)accounts.add_account("alice", "pw", {.storage_octets = 1 << 20, .messages = 64});
    maillab::protocols::store::MemoryStore store{accounts};
    maillab::protocols::store::MailStore& mail = store;
    for (const char* subject : {"one", "two", "three"}) {
        (void)mail.append("alice", "INBOX",
                          std::string{"Subject: "} + subject + "\r\nFrom: a@b.c\r\n\r\nbody\r\n",
                          {}, 1700000000);
    }
    ServerConfig config;
    config.plaintext_auth = (data[0] & 0x80) != 0;
    config.now = [] { return std::int64_t{1700000000}; };
    ServerSession watcher{config, credentials, &store};
    watcher.start();
    watcher.receive("w LOGIN alice pw\r\nx SELECT INBOX\r\ny IDLE\r\n");
    ServerSession server{config, credentials, &store};
    server.start();
    for (std::size_t pos = 0; pos < bytes.size() && !server.closed(); pos += chunk) {
        server.receive(bytes.substr(pos, chunk));
        server.take_output();
        for (const auto& event : server.take_events())
            check(!event.why.reference.empty());
        watcher.take_output();
        for (const auto& event : watcher.take_events())
            check(!event.why.reference.empty());
    }

    CommandReader reader;
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
        reader.feed(bytes.substr(pos, chunk));
        while (auto r = reader.next()) {
            switch (r->kind) {
                case ReadKind::Complete: {
                    check(r->text.size() <= kMaxLineOctets + kMaxAppendLiteralOctets);
                    const ParseResult parsed = parse_command(r->text);
                    if (const auto* tc = std::get_if<TaggedCommand>(&parsed)) {
                        use(*tc);
                        if (std::holds_alternative<IdleCmd>(tc->command)) reader.expect_line();
                        if (const auto* au = std::get_if<AuthenticateCmd>(&tc->command)) {
                            if (!au->initial_response) reader.expect_line();
                        }
                    } else {
                        const auto& e = std::get<ParseError>(parsed);
                        check(!e.message.empty());
                        check(status_response(e.tag, Status::Bad, std::nullopt, e.message)
                                      .find('\n') +
                                  1 ==
                              status_response(e.tag, Status::Bad, std::nullopt, e.message).size());
                    }
                    break;
                }
                case ReadKind::Error:
                    check(r->error != ReadError::None);
                    check(!reader_error_response(*r).empty());
                    break;
                case ReadKind::Continue:
                case ReadKind::Line:
                    break;
            }
        }
    }
    return 0;
}
