#include "sim/export/transcript.hpp"

#include <string_view>

#include "sim/export/duration_text.hpp"
#include "sim/export/text_layout.hpp"

namespace maillab::sim {

namespace {

// Wide enough for the longest time duration_text writes below a day, "22 min 39 s".
constexpr std::size_t kTimeColumns = 11;
constexpr std::size_t kNameColumns = 12;
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

}  // namespace

TranscriptWriter::TranscriptWriter(std::ostream& out, TranscriptOptions options)
    : out_(out), options_(options) {}

std::size_t TranscriptWriter::text_column() const {
    return kTimeColumns + 1 + kNameColumns + 1 + 2 + 1 + kNameColumns + 1;
}

std::size_t TranscriptWriter::text_width() const {
    return options_.width > text_column() + 10 ? options_.width - text_column() : 10;
}

std::string TranscriptWriter::host_name(HostId id) const {
    const auto it = world_.hosts.find(id);
    return it == world_.hosts.end() ? "host " + std::to_string(id) : it->second.name;
}

void TranscriptWriter::header() {
    out_ << right_aligned("time") << ' ' << pad("from", kNameColumns) << "    "
         << pad("to", kNameColumns) << " what\n";
}

void TranscriptWriter::row(SimTime t, std::string_view from, std::string_view arrow,
                           std::string_view to, std::string_view text) {
    out_ << format_time(t) << ' ' << pad(from, kNameColumns) << ' ' << arrow << ' '
         << pad(to, kNameColumns) << ' ' << fit(text, text_width()) << '\n';
}

void TranscriptWriter::continuation(std::string_view text) {
    out_ << std::string(text_column(), ' ') << fit(text, text_width()) << '\n';
}

void TranscriptWriter::banner(SimTime t, std::string_view text) {
    const std::size_t width = options_.width - kTimeColumns - 1;
    const auto lines = wrap(text, width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out_ << (i == 0 ? format_time(t) : std::string(kTimeColumns, ' ')) << ' ' << lines[i]
             << '\n';
    }
}

void TranscriptWriter::explain(const Trace& trace, const Event& e) {
    if (!options_.explanations) return;
    const std::string_view meaning = trace.note(e);
    const std::string_view reference = trace.ref(e);
    for (const auto& line : wrap(meaning, text_width()))
        continuation(line);
    if (!reference.empty()) continuation(reference);
}

void TranscriptWriter::write_protocol(const Trace& trace, const Event& e) {
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
                const std::string text = printable(lines[i]);
                if (i == 0)
                    row(e.t, from, kRight, to, text);
                else
                    continuation(text);
            }
            if (lines.empty()) row(e.t, from, kRight, to, "");
            explain(trace, e);
            break;
        }
        case EventKind::SessionNote:
            if (e.host == kNoHost || conn == world_.connections.end() ||
                e.host == conn->second.server) {
                continuation("· " + std::string{trace.payload(e)});
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
            out_ << "\n── Step " << e.value << ": " << fit(payload, options_.width - 12) << " ──\n";
            break;
        case EventKind::Narration: {
            // Each line of the narration is a paragraph or list item of its own.
            std::string_view rest = payload;
            while (!rest.empty()) {
                const std::size_t lf = rest.find('\n');
                const std::string_view paragraph = rest.substr(0, lf);
                for (const auto& line : wrap(paragraph, options_.width - 2)) {
                    out_ << "  " << line << '\n';
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

void TranscriptWriter::write_event(const Trace& trace, const Event& e) {
    switch (e.kind) {
        case EventKind::TcpSyn:
        case EventKind::TcpConnectFailed:
        case EventKind::TcpRst:
        case EventKind::TlsEstablished:
        case EventKind::Command:
        case EventKind::Reply:
        case EventKind::SessionNote:
            write_protocol(trace, e);
            break;
        case EventKind::TcpFin:
            if (options_.tcp_details) write_protocol(trace, e);
            break;
        default:
            write_world(trace, e);
            break;
    }
}

void TranscriptWriter::write(const Trace& trace, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < trace.size(); ++i) {
        const Event& e = trace[i];
        world_.apply(trace, e);
        write_event(trace, e);
    }
}

void write_transcript(const Trace& trace, std::ostream& out, TranscriptOptions options) {
    TranscriptWriter writer{out, options};
    writer.header();
    writer.write(trace, 0, trace.size());
}

}  // namespace maillab::sim
