// ServerSession's FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8) with the
// CONDSTORE CHANGEDSINCE and QRESYNC VANISHED modifiers (RFC 7162 §3.1.4,
// §3.2.6). Items the store knows (FLAGS UID INTERNALDATE RFC822.SIZE MODSEQ)
// need no message bytes; the others read the message once and ask a
// MessageView. PREVIEW (LAZY) of a large message that nothing else reads is
// NIL (RFC 8970 §3.2).
#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/explanations.hpp"
#include "protocols/imap/message_view.hpp"
#include "protocols/imap/preview.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/imap/unix_time.hpp"

namespace maillab::protocols::imap {

namespace {

// PREVIEW (LAZY) may answer NIL when the preview is not at hand (RFC 8970 §3.2). With no
// preview cache, it is at hand when the message is read for another item of the FETCH
// anyway, or is small enough that reading it costs about what answering NIL does.
constexpr std::uint64_t kLazyPreviewOctets = 16 * 1024;

bool lazy_preview(const FetchAttribute& a) {
    return a.item == FetchItem::Preview && a.lazy;
}

bool needs_bytes(FetchItem item) {
    switch (item) {
        case FetchItem::Flags:
        case FetchItem::Uid:
        case FetchItem::InternalDate:
        case FetchItem::Rfc822Size:
        case FetchItem::ModSeq:
        case FetchItem::SaveDate:
            return false;
        default:
            return true;
    }
}

// RFC 3501 §6.4.5: these set \Seen unless they are the .PEEK forms.
bool sets_seen(const FetchAttribute& a) {
    return (a.item == FetchItem::Rfc822 || a.item == FetchItem::Rfc822Text ||
            a.item == FetchItem::BodySection || a.item == FetchItem::Binary) &&
           !a.peek;
}

// One item read from the message; false when BINARY meets an unknown encoding.
bool message_item(FetchResponse& out, const FetchAttribute& a, const MessageView& view) {
    switch (a.item) {
        case FetchItem::Envelope:
            out.raw("ENVELOPE", view.envelope());
            return true;
        case FetchItem::Body:
            out.raw("BODY", view.body_structure(false));
            return true;
        case FetchItem::BodyStructure:
            out.raw("BODYSTRUCTURE", view.body_structure(true));
            return true;
        case FetchItem::Rfc822:
            out.nstring("RFC822", view.section({}, std::nullopt));
            return true;
        case FetchItem::Rfc822Header:
            out.nstring("RFC822.HEADER", view.section({{}, SectionText::Header, {}}, std::nullopt));
            return true;
        case FetchItem::Rfc822Text:
            out.nstring("RFC822.TEXT", view.section({{}, SectionText::Text, {}}, std::nullopt));
            return true;
        case FetchItem::BodySection:
            out.nstring(fetch_attribute_name(a), view.section(a.section, a.partial));
            return true;
        case FetchItem::Binary: {
            const auto value = view.binary(a.section, a.partial);
            if (!value) return false;
            if (value->find('\0') == std::string::npos) {
                out.nstring(fetch_attribute_name(a), value);
            } else {  // NUL octets go in a literal8 (RFC 3516 §4.2)
                out.raw(fetch_attribute_name(a),
                        "~{" + std::to_string(value->size()) + "}\r\n" + *value);
            }
            return true;
        }
        case FetchItem::Preview:
            out.nstring("PREVIEW", message_preview(view));
            return true;
        case FetchItem::BinarySize: {
            const auto size = view.binary_size(a.section);
            if (!size) return false;
            out.raw(fetch_attribute_name(a), std::to_string(*size));
            return true;
        }
        default:
            return true;
    }
}

}  // namespace

void ServerSession::fetch(const std::string& tag, const FetchCmd& f) {
    if (f.vanished && !qresync_) return bad(tag, "VANISHED needs ENABLE QRESYNC");
    const auto seqs = resolve(tag, f.set, f.uid);
    if (!seqs) return;
    const bool marks_seen =
        !selected_->read_only() && std::any_of(f.attributes.begin(), f.attributes.end(), sets_seen);
    const bool reads = std::any_of(f.attributes.begin(), f.attributes.end(), [](const auto& a) {
        return needs_bytes(a.item) && !lazy_preview(a);
    });
    const bool lazy = std::any_of(f.attributes.begin(), f.attributes.end(), lazy_preview);
    if (selected_->needs_details()) {
        if (auto infos = store_->messages(user_, selected_->name())) {
            selected_->fill_details(infos.value());
        }
    }
    // RFC 7162 §3.2.6: the UIDs of the set that are gone, before the FETCH responses.
    if (f.vanished) {
        const auto st = store_->status(user_, selected_->name());
        const SequenceSet gone =
            selected_->missing(f.set, st ? st.value().uidnext : selected_->largest_uid() + 1);
        if (!gone.ranges.empty()) data(vanished_response(gone, true), "VANISHED");
    }
    bool missing = false;
    bool unknown_cte = false;
    std::size_t traced = 0;
    struct {
        std::size_t lines = 0;
        std::size_t octets = 0;
    } untraced;
    for (const std::uint32_t seq : *seqs) {
        if (f.changed_since && selected_->at(seq).info.modseq <= *f.changed_since) continue;
        bool flags_changed = false;
        if (marks_seen && !selected_->at(seq).info.flags.has(store::SystemFlag::Seen) &&
            !selected_->at(seq).expunged) {
            store::Flags seen;
            seen.set(store::SystemFlag::Seen);
            const auto r =
                store_->store_flags(user_, selected_->name(), {selected_->at(seq).info.uid},
                                    {store::FlagOp::Add, seen, std::nullopt}, origin_);
            if (r) {
                for (const auto& info : r.value().changed)
                    selected_->update(info);
                flags_changed = !r.value().changed.empty();
            }
        }
        const SelectedMessage& m = selected_->at(seq);
        std::optional<std::string> bytes;
        if (reads || (lazy && m.info.size <= kLazyPreviewOctets)) {
            auto read = store_->read_message(user_, selected_->name(), m.info.uid);
            if (read) {
                bytes = std::move(read.value());
            } else if (const std::string* kept = selected_->retained(m.info.uid)) {
                bytes = *kept;  // expunged by another session, not yet told (RFC 2180 §4.1.1)
            } else {
                missing = true;  // and its octets are gone (RFC 2180 §4.1.3)
                continue;
            }
        }
        const std::optional<MessageView> view =
            bytes ? std::optional<MessageView>{std::in_place, *bytes} : std::nullopt;
        FetchResponse out(seq);
        // UID FETCH always reports the UID (RFC 3501 §6.4.8), first as Dovecot does.
        if (f.uid) out.uid(m.info.uid);
        bool flags_sent = false;
        bool modseq_sent = false;
        for (const FetchAttribute& a : f.attributes) {
            switch (a.item) {
                case FetchItem::Flags:
                    write_flag_names(out.value_of("FLAGS"), m.info.flags, shows_recent(m));
                    flags_sent = true;
                    break;
                case FetchItem::Uid:
                    if (!f.uid) out.uid(m.info.uid);
                    break;
                case FetchItem::InternalDate:
                    out.internal_date(utc_date_time(m.info.internal_date));
                    break;
                case FetchItem::Rfc822Size:
                    out.size(m.info.size);
                    break;
                case FetchItem::ModSeq:
                    out.modseq(m.info.modseq);
                    modseq_sent = true;
                    break;
                case FetchItem::SaveDate:
                    out.raw("SAVEDATE", format_date_time(utc_date_time(m.info.saved_at)));
                    break;
                default:
                    if (!view) {  // only a lazy PREVIEW of a large message comes here
                        out.nstring("PREVIEW", std::nullopt);
                    } else if (!message_item(out, a, *view)) {
                        unknown_cte = true;
                    }
                    break;
            }
        }
        // \Seen set by this FETCH is reported with it (RFC 3501 §6.4.5), and CHANGEDSINCE
        // implies MODSEQ (RFC 7162 §3.1.4.1).
        if (flags_changed && !flags_sent) {
            write_flag_names(out.value_of("FLAGS"), m.info.flags, shows_recent(m));
        }
        if ((f.changed_since || (flags_changed && condstore_)) && !modseq_sent) {
            out.modseq(m.info.modseq);
        }
        if (flags_sent || flags_changed) announce_keywords(m.info.flags);
        if (out.empty()) continue;
        if (traced < config_.traced_fetch_lines.value_or(std::numeric_limits<std::size_t>::max())) {
            data(std::move(out).str(), "FETCH");
            ++traced;
        } else {
            const std::string line = std::move(out).str();
            send(line);
            ++untraced.lines;
            untraced.octets += line.size();
        }
    }
    if (untraced.lines > 0) {
        emit(core::EventKind::Reply,
             std::to_string(untraced.lines) + " more FETCH responses (" +
                 std::to_string(untraced.octets) + " octets), not traced one by one",
             explain_response("FETCH"));
    }
    if (unknown_cte) {
        return reply(tag, Status::No, ResponseCode{CodeKind::UnknownCte, {}},
                     "A part has a transfer encoding the server cannot decode");
    }
    if (missing) {
        return reply(tag, Status::No, ResponseCode{CodeKind::ExpungeIssued, {}},
                     "Some messages were expunged by another session");
    }
    reply(tag, Status::Ok, std::nullopt, "FETCH completed");
}

}  // namespace maillab::protocols::imap
