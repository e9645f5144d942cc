// The terminal transcript: a trace as a readable sequence chart that fits 80
// columns — time, who speaks to whom, the command or reply, and what it means
// (under it, after the reply it explains). The name columns are as wide as
// the world's longest host name allows.
//
//           time from              to
//        0.001 s laptop         ─▶ mail.example.org 220 mail.example.org ESMTP
//                   The server is ready to talk. (RFC 5321 §4.2)
//
// With `fold_routine`, each session's routine start (connect, TLS, EHLO or
// CAPA, login, the folder list) and its QUIT/LOGOUT become one line each:
//
//            0 s laptop         ─▶ mail.example.org port 110: connected,
//                                                   TLS 1.3 after STLS, logged
//                                                   in as alice (54 lines folded)
#pragma once

#include <cstddef>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "sim/export/session_summary.hpp"
#include "sim/state/world_state.hpp"

namespace maillab::sim {

struct TranscriptOptions {
    std::size_t width = 80;
    bool explanations = true;  // the plain-language line under each command/reply
    bool tcp_details = false;  // ACKs, segments, retransmissions, TLS records
    std::size_t max_reply_lines = 12;
    bool fold_routine = false;  // routine session phases as one line each
    bool explain_once = false;  // an explanation or note already given is not repeated
};

class TranscriptWriter {
public:
    TranscriptWriter(std::ostream& out, TranscriptOptions options = {});

    // Widens the name columns to the longest host name the trace adds.
    void measure_names(const Trace& trace);
    void header();
    // Writes the events [from, to) of the trace; keeps its own world state,
    // so call it with consecutive ranges. A folded phase still open at `to`
    // is written as far as it got.
    void write(const Trace& trace, std::size_t from, std::size_t to);

private:
    // A session phase being folded: its lines as they would print, and what it did.
    enum class Phase { Start, MailboxStatus, Closing };
    struct Fold {
        Phase phase = Phase::Start;
        SimTime t = 0;
        std::string client, server;
        std::uint16_t port = 0;
        std::string text;
        SessionSummary summary;
    };

    void row(SimTime t, std::string_view from, std::string_view arrow, std::string_view to,
             std::string_view text);
    void wrapped_row(SimTime t, std::string_view from, std::string_view arrow, std::string_view to,
                     std::string_view text);
    void continuation(std::string_view text);
    void banner(SimTime t, std::string_view text);
    void explain(const Trace& trace, std::size_t index);
    bool already_said(std::string_view text);
    void write_event(const Trace& trace, std::size_t index);
    void write_protocol(const Trace& trace, std::size_t index);
    void write_world(const Trace& trace, const Event& e);
    void write_folding(const Trace& trace, std::size_t index);
    bool join_fold(const Trace& trace, const Event& e, const std::string& text);
    void end_fold(ConnId conn, bool unfold = false);
    void end_short_folds();
    std::string render(const Trace& trace, std::size_t index);
    std::string host_name(HostId id) const;
    std::size_t text_column() const;
    std::size_t text_width() const;

    std::ostream& real_out_;
    std::ostream* out_;  // real_out_, or a buffer while an event is rendered for a fold
    TranscriptOptions options_;
    WorldState world_;
    std::size_t name_columns_;
    std::map<ConnId, Fold> folds_;
    std::set<std::string> explained_;    // explanations given, numbers left out
    std::vector<std::string> said_now_;  // those the event being rendered gave
};

void write_transcript(const Trace& trace, std::ostream& out, TranscriptOptions options = {});

}  // namespace maillab::sim
