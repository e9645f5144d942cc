#include "sim/export/transcript.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "sim/export/duration_text.hpp"
#include "sim/export/session_phase.hpp"
#include "sim/export/text_layout.hpp"

namespace maillab::sim {

namespace {

// Wide enough for the longest time duration_text writes below a day, "22 min 39 s".
constexpr std::size_t kTimeColumns = 11;
// Host names get as many columns as the longest needs, within these bounds.
constexpr std::size_t kMinNameColumns = 6;
constexpr std::size_t kMaxNameColumns = 16;
// Explanations are prose: they start under the names, with room to read.
constexpr std::size_t kExplanationColumn = kTimeColumns + 3;
// How far ahead a command looks for the reply that answers it.
constexpr std::size_t kReplyLookahead = 64;
constexpr std::string_view kRight = "─▶";
constexpr std::string_view kFailed = "─✗";

// Right-aligned, so the units line up.
std::string right_aligned(std::string_view text) {
    const std::size_t width = display_width(text);
    return width >= kTimeColumns ? std::string{text}
                                 : std::string(kTimeColumns - width, ' ') + std::string{text};
}

std::string format_time(SimTime t) {
    return right_aligned(duration_text(t));
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t lf = text.find('\n');
        std::string_view line = text.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (lf == std::string_view::npos) break;
        text.remove_prefix(lf + 1);
    }
    return lines;
}

std::size_t line_count(std::string_view text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

bool is_protocol(EventKind kind) {
    switch (kind) {
        case EventKind::TcpSyn:
        case EventKind::TcpRst:
        case EventKind::TcpFin:
        case EventKind::TlsEstablished:
        case EventKind::Command:
        case EventKind::Reply:
        case EventKind::SessionNote:
            return true;
        default:
            return false;
    }
}

// An engine that does not know a command explains it with its refusal; the
// chart then shows that explanation once, after the refusal.
bool explained_by_its_reply(const Trace& trace, std::size_t index) {
    const Event& command = trace[index];
    const std::size_t end = std::min(trace.size(), index + kReplyLookahead);
    for (std::size_t i = index + 1; i < end; ++i) {
        const Event& e = trace[i];
        if (e.conn != command.conn || e.kind != EventKind::Reply || e.host != command.host)
            continue;
        return trace.note(e) == trace.note(command);
    }
    return false;
}

}  // namespace

TranscriptWriter::TranscriptWriter(std::ostream& out, TranscriptOptions options)
    : real_out_(out), out_(&out), options_(options), name_columns_(kMinNameColumns) {}

void TranscriptWriter::measure_names(const Trace& trace) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].kind != EventKind::HostAdded) continue;
        name_columns_ =
            std::clamp(display_width(trace.payload(trace[i])), name_columns_, kMaxNameColumns);
    }
}

std::size_t TranscriptWriter::text_column() const {
    return kTimeColumns + 1 + name_columns_ + 1 + 2 + 1 + name_columns_ + 1;
}

std::size_t TranscriptWriter::text_width() const {
    return options_.width > text_column() + 10 ? options_.width - text_column() : 10;
}

std::string TranscriptWriter::host_name(HostId id) const {
    const auto it = world_.hosts.find(id);
    return it == world_.hosts.end() ? "host " + std::to_string(id) : it->second.name;
}

void TranscriptWriter::header() {
    *out_ << right_aligned("time") << ' ' << pad("from", name_columns_) << "    "
          << pad("to", name_columns_) << " what\n";
}

void TranscriptWriter::row(SimTime t, std::string_view from, std::string_view arrow,
                           std::string_view to, std::string_view text) {
    *out_ << format_time(t) << ' ' << pad(from, name_columns_) << ' ' << arrow << ' '
          << pad(to, name_columns_) << ' ' << fit(text, text_width()) << '\n';
}

void TranscriptWriter::wrapped_row(SimTime t, std::string_view from, std::string_view arrow,
                                   std::string_view to, std::string_view text) {
    // Goes on under the row where explanations go, where prose has room.
    const auto lines = wrap_hanging(text, text_width(), options_.width - kExplanationColumn);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0)
            row(t, from, arrow, to, lines[i]);
        else
            *out_ << std::string(kExplanationColumn, ' ') << lines[i] << '\n';
    }
}

void TranscriptWriter::continuation(std::string_view text) {
    *out_ << std::string(text_column(), ' ') << fit(text, text_width()) << '\n';
}

void TranscriptWriter::banner(SimTime t, std::string_view text) {
    const std::size_t width = options_.width - kTimeColumns - 1;
    const auto lines = wrap(text, width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        *out_ << (i == 0 ? format_time(t) : std::string(kTimeColumns, ' ')) << ' ' << lines[i]
              << '\n';
    }
}

bool TranscriptWriter::already_said(std::string_view text) {
    if (!options_.explain_once) return false;
    // "1 message" and "3 messages" say the same thing: compare without
    // digits and without the plural's s.
    std::string key;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') continue;
        const bool word_ends = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == ',';
        if (c == 's' && word_ends) continue;
        key.push_back(c);
    }
    if (explained_.contains(key)) return true;
    said_now_.push_back(key);
    explained_.insert(std::move(key));
    return false;
}

void TranscriptWriter::explain(const Trace& trace, std::size_t index) {
    const Event& e = trace[index];
    if (!options_.explanations || trace.note(e).empty()) return;
    if (e.kind == EventKind::Command && explained_by_its_reply(trace, index)) return;
    std::string text{trace.note(e)};
    if (already_said(text)) return;
    const std::size_t width = options_.width - kExplanationColumn;
    auto lines = wrap(text, width);
    // The reference follows the sentence, on its line if it fits, never split.
    if (!trace.ref(e).empty()) {
        const std::string reference = "(" + std::string{trace.ref(e)} + ")";
        if (!lines.empty() && display_width(lines.back()) + 1 + display_width(reference) <= width)
            lines.back() += " " + reference;
        else
            lines.push_back(fit(reference, width));
    }
    for (const auto& line : lines)
        *out_ << std::string(kExplanationColumn, ' ') << line << '\n';
}

void TranscriptWriter::write_protocol(const Trace& trace, std::size_t index) {
    const Event& e = trace[index];
    const auto conn = world_.connections.find(e.conn);
    std::string client = "?", server = "?";
    if (conn != world_.connections.end()) {
        client = host_name(conn->second.client);
        server = host_name(conn->second.server);
    }
    const bool to_server = e.dir == Direction::ClientToServer;
    const std::string& from = to_server ? client : server;
    const std::string& to = to_server ? server : client;
    switch (e.kind) {
        case EventKind::TcpSyn:
            row(e.t, host_name(e.host), kRight, host_name(e.peer),
                "connect to port " + std::to_string(e.aux) + " (TCP SYN)");
            break;
        case EventKind::TcpConnectFailed:
            // The connection is already forgotten by the world state: name its ends directly.
            row(e.t, host_name(e.host), kFailed, host_name(e.peer),
                "connection failed: " + std::string{trace.note(e)});
            break;
        case EventKind::TcpRst:
            row(e.t, from, kRight, to, "connection reset (TCP RST)");
            break;
        case EventKind::TcpFin:
            row(e.t, from, kRight, to, "closes its side (TCP FIN)");
            break;
        case EventKind::TlsEstablished:
            row(e.t, client, kRight, server, "TLS established: " + std::string{trace.payload(e)});
            break;
        case EventKind::Command:
        case EventKind::Reply: {
            // Both engines of a simulated conversation report each line; the
            // chart shows the server's view once (a real client has no engine here).
            if (e.host != kNoHost && conn != world_.connections.end() &&
                e.host != conn->second.server) {
                break;
            }
            const auto lines = split_lines(trace.payload(e));
            for (std::size_t i = 0; i < lines.size(); ++i) {
                if (i == options_.max_reply_lines) {
                    continuation("(+" + std::to_string(lines.size() - i) + " more lines)");
                    break;
                }
                // A folded header line starts with a tab: shown as the indent it is.
                std::string line{lines[i]};
                std::replace(line.begin(), line.end(), '\t', ' ');
                const std::string text = printable(line);
                if (i == 0)
                    row(e.t, from, kRight, to, text);
                else
                    continuation(text);
            }
            if (lines.empty()) row(e.t, from, kRight, to, "");
            explain(trace, index);
            break;
        }
        case EventKind::SessionNote:
            if ((e.host == kNoHost || conn == world_.connections.end() ||
                 e.host == conn->second.server) &&
                !already_said(trace.payload(e))) {
                for (const auto& line : wrap("· " + std::string{trace.payload(e)}, text_width()))
                    continuation(line);
            }
            break;
        default:
            break;
    }
}

void TranscriptWriter::write_world(const Trace& trace, const Event& e) {
    const std::string host = host_name(e.host);
    const std::string payload{trace.payload(e)};
    const std::string note{trace.note(e)};
    const std::string id = std::to_string(e.value);
    switch (e.kind) {
        case EventKind::HostDown:
            banner(e.t, "*** " + host + " goes offline");
            break;
        case EventKind::HostUp:
            banner(e.t, "*** " + host + " comes back online");
            break;
        case EventKind::LinkDown:
            banner(e.t, "*** the link " + host + " ↔ " + host_name(e.peer) + " goes down");
            break;
        case EventKind::LinkUp:
            banner(e.t, "*** the link " + host + " ↔ " + host_name(e.peer) + " is back up");
            break;
        case EventKind::DnsQuery:
            row(e.t, host, kRight, "DNS", "query " + payload);
            break;
        case EventKind::DnsAnswer:
            row(e.t, "DNS", kRight, host, "answer " + payload);
            break;
        case EventKind::Queued:
            banner(e.t, "[" + host + " queue] message " + id + " from " + note + " queued for " +
                            payload);
            break;
        case EventKind::DeliveryAttempt:
            banner(e.t, "[" + host + " queue] message " + id + ": delivery attempt to " + payload);
            break;
        case EventKind::Deferred:
            banner(e.t,
                   "[" + host + " queue] message " + id + " deferred for " + payload + ": " + note);
            break;
        case EventKind::Delivered:
            banner(e.t, "[" + host + " queue] message " + id + " delivered to " + payload);
            break;
        case EventKind::Bounced:
            banner(e.t,
                   "[" + host + " queue] message " + id + " bounced for " + payload + ": " + note);
            break;
        case EventKind::QueueLost:
            banner(e.t, "[" + host + " queue] message " + id + " " + note);
            break;
        case EventKind::MessageAppended:
            banner(e.t, "[" + host + " " + payload + "] + uid " + id + " \"" + note + "\"");
            break;
        case EventKind::MessageExpunged:
            banner(e.t, "[" + host + " " + payload + "] - uid " + id + " expunged");
            break;
        case EventKind::FlagsChanged:
            banner(e.t, "[" + host + " " + payload + "] uid " + id +
                            " flags: " + (note.empty() ? "(none)" : note));
            break;
        case EventKind::DeviceCopyAdded:
            banner(e.t, "[" + host + "] now holds \"" + note + "\"");
            break;
        case EventKind::DeviceCopyRemoved:
            banner(e.t, "[" + host + "] no longer holds " + payload);
            break;
        case EventKind::DeviceCopyFlags:
            banner(e.t,
                   "[" + host + "] " + payload + " flags: " + (note.empty() ? "(none)" : note));
            break;
        case EventKind::DeviceAction:
            banner(e.t, host + ": " + payload);
            break;
        case EventKind::LessonStep:
            *out_ << "\n── Step " << e.value << ": " << fit(payload, options_.width - 12)
                  << " ──\n";
            break;
        case EventKind::Narration: {
            // Each line of the narration is a paragraph or list item of its own.
            std::string_view rest = payload;
            while (!rest.empty()) {
                const std::size_t lf = rest.find('\n');
                const std::string_view paragraph = rest.substr(0, lf);
                for (const auto& line : wrap(paragraph, options_.width - 2)) {
                    *out_ << "  " << line << '\n';
                }
                if (lf == std::string_view::npos) break;
                rest.remove_prefix(lf + 1);
            }
            break;
        }
        case EventKind::Checkpoint:
            banner(e.t, std::string{e.value != 0 ? "✓ " : "✗ "} + payload);
            // A failed check says what was found instead, so a teacher can see why.
            if (e.value == 0 && !trace.note(e).empty())
                banner(e.t, "    found: " + std::string{trace.note(e)});
            break;
        default:
            break;
    }
}

void TranscriptWriter::write_event(const Trace& trace, std::size_t index) {
    const Event& e = trace[index];
    switch (e.kind) {
        case EventKind::TcpSyn:
        case EventKind::TcpConnectFailed:
        case EventKind::TcpRst:
        case EventKind::TlsEstablished:
        case EventKind::Command:
        case EventKind::Reply:
        case EventKind::SessionNote:
            write_protocol(trace, index);
            break;
        case EventKind::TcpFin:
            if (options_.tcp_details) write_protocol(trace, index);
            break;
        default:
            write_world(trace, e);
            break;
    }
}

std::string TranscriptWriter::render(const Trace& trace, std::size_t index) {
    std::ostringstream buffer;
    out_ = &buffer;
    write_event(trace, index);
    out_ = &real_out_;
    return buffer.str();
}

bool TranscriptWriter::join_fold(const Trace& trace, const Event& e, const std::string& text) {
    const auto it = folds_.find(e.conn);
    if (it == folds_.end()) return false;
    Fold& fold = it->second;
    bool joins = false;
    switch (fold.phase) {
        case Phase::Closing:
            joins = e.kind != EventKind::Command && e.kind != EventKind::TcpSyn;
            break;
        case Phase::MailboxStatus:
            joins = e.kind == EventKind::Reply && mailbox_status_reply(trace.payload(e));
            break;
        case Phase::Start:
            joins = e.kind == EventKind::TlsEstablished || e.kind == EventKind::SessionNote ||
                    (e.kind == EventKind::Reply && !refusal_reply(trace.payload(e))) ||
                    (e.kind == EventKind::Command && routine_command(trace.payload(e)));
            break;
    }
    if (!joins) return false;
    fold.text += text;
    fold.summary.add(trace, e);
    return true;
}

void TranscriptWriter::end_fold(ConnId conn, bool unfold) {
    const auto it = folds_.find(conn);
    if (it == folds_.end()) return;
    const Fold& fold = it->second;
    if (unfold) {
        *out_ << fold.text;
    } else {
        const std::size_t lines = line_count(fold.text);
        const std::string folded =
            " (" + std::to_string(lines) + (lines == 1 ? " line" : " lines") + " folded)";
        switch (fold.phase) {
            case Phase::Closing:
                // The goodbye and its answer are the whole story: no count.
                wrapped_row(fold.t, fold.client, kRight, fold.server, fold.summary.close());
                break;
            case Phase::MailboxStatus:
                wrapped_row(fold.t, fold.server, kRight, fold.client,
                            "mailbox status: " + std::to_string(lines) +
                                (lines == 1 ? " line" : " lines") + " folded");
                break;
            case Phase::Start:
                wrapped_row(
                    fold.t, fold.client, kRight, fold.server,
                    "port " + std::to_string(fold.port) + ": " + fold.summary.start() + folded);
                break;
        }
    }
    folds_.erase(it);
}

void TranscriptWriter::end_short_folds() {
    std::vector<ConnId> closing;  // the phases that end at any other line
    for (const auto& [conn, fold] : folds_)
        if (fold.phase != Phase::Start) closing.push_back(conn);
    for (const ConnId conn : closing)
        end_fold(conn);
}

void TranscriptWriter::write_folding(const Trace& trace, std::size_t index) {
    const Event& e = trace[index];
    said_now_.clear();
    const std::string text = render(trace, index);
    if (text.empty()) {
        // Nothing shown, but the client's own notes still tell a fold about TLS.
        const auto open = folds_.find(e.conn);
        if (open != folds_.end() && e.kind == EventKind::SessionNote)
            open->second.summary.add(trace, e);
        return;
    }
    if (!is_protocol(e.kind) || e.conn == kNoConn) {
        end_short_folds();
        *out_ << text;
        return;
    }
    if (join_fold(trace, e, text)) {
        // What a folded line explained is still unsaid where the reader can see it.
        for (const auto& key : said_now_)
            explained_.erase(key);
        return;
    }
    const auto open = folds_.find(e.conn);
    // News among a mailbox's status (EXISTS, VANISHED, FETCH) is shown at once;
    // the status is summed up before the tagged answer that ends SELECT.
    if (open != folds_.end() && open->second.phase == Phase::MailboxStatus &&
        e.kind == EventKind::Reply && trace.payload(e).starts_with("* ")) {
        *out_ << text;
        return;
    }
    // A refusal during the routine start is the point: show the start in full.
    const bool refused = open != folds_.end() && open->second.phase == Phase::Start &&
                         e.kind == EventKind::Reply && refusal_reply(trace.payload(e));
    end_fold(e.conn, refused);
    end_short_folds();
    const auto conn = world_.connections.find(e.conn);
    Phase phase = Phase::Start;
    if (e.kind == EventKind::Command && closing_command(trace.payload(e))) phase = Phase::Closing;
    if (e.kind == EventKind::Reply && mailbox_status_reply(trace.payload(e)))
        phase = Phase::MailboxStatus;
    const bool opens = e.kind == EventKind::TcpSyn || phase != Phase::Start;
    if (opens && (e.kind == EventKind::TcpSyn || conn != world_.connections.end())) {
        Fold fold{.phase = phase, .t = e.t, .text = text};
        fold.client = host_name(e.kind == EventKind::TcpSyn ? e.host : conn->second.client);
        fold.server = host_name(e.kind == EventKind::TcpSyn ? e.peer : conn->second.server);
        fold.port = static_cast<std::uint16_t>(e.aux);
        fold.summary.add(trace, e);
        folds_[e.conn] = std::move(fold);
        return;
    }
    *out_ << text;
}

void TranscriptWriter::write(const Trace& trace, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < trace.size(); ++i) {
        const Event& e = trace[i];
        world_.apply(trace, e);
        if (e.kind == EventKind::HostAdded)
            name_columns_ =
                std::clamp(display_width(trace.payload(e)), name_columns_, kMaxNameColumns);
        if (options_.fold_routine)
            write_folding(trace, i);
        else
            write_event(trace, i);
    }
    while (!folds_.empty())
        end_fold(folds_.begin()->first);
}

void write_transcript(const Trace& trace, std::ostream& out, TranscriptOptions options) {
    TranscriptWriter writer{out, options};
    writer.measure_names(trace);
    writer.header();
    writer.write(trace, 0, trace.size());
}

}  // namespace maillab::sim
