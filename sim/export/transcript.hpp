// The terminal transcript: a trace as a readable sequence chart that fits 80
// columns — time, who speaks to whom, the command or reply, and what it means.
//
//     time  from         to
//    0.000  laptop     ─▶ mail.maill…  connect to port 587 (TCP SYN)
//    0.021  mail.maill… ─▶ laptop      220 mail.maillab.test ESMTP
//                                      The server is ready to talk.
//                                      RFC 5321 §4.2
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "sim/state/world_state.hpp"

namespace maillab::sim {

struct TranscriptOptions {
    std::size_t width = 80;
    bool explanations = true;  // the plain-language line under each command/reply
    bool tcp_details = false;  // ACKs, segments, retransmissions, TLS records
    std::size_t max_reply_lines = 12;
};

class TranscriptWriter {
public:
    TranscriptWriter(std::ostream& out, TranscriptOptions options = {});

    void header();
    // Writes the events [from, to) of the trace; keeps its own world state,
    // so call it with consecutive ranges.
    void write(const Trace& trace, std::size_t from, std::size_t to);

private:
    void row(SimTime t, std::string_view from, std::string_view arrow, std::string_view to,
             std::string_view text);
    void continuation(std::string_view text);
    void banner(SimTime t, std::string_view text);
    void explain(const Trace& trace, const Event& e);
    void write_event(const Trace& trace, const Event& e);
    void write_protocol(const Trace& trace, const Event& e);
    void write_world(const Trace& trace, const Event& e);
    std::string host_name(HostId id) const;
    std::size_t text_column() const;
    std::size_t text_width() const;

    std::ostream& out_;
    TranscriptOptions options_;
    WorldState world_;
};

void write_transcript(const Trace& trace, std::ostream& out, TranscriptOptions options = {});

}  // namespace maillab::sim
