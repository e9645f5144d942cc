// Sequence diagram: one lane per endpoint, one arrow per command or reply
// with its text and virtual time ("1 min 12 s"), coloured by protocol,
// connection set-up and the TLS upgrade marked, the explanation on hover.
// Each session's routine start (connect, TLS, capabilities, login, folder
// list) is one row until clicked open (viz/model/sequence_folding); picking
// a connection shows all its rows; in a class, picking a student shows the
// rows of all their sessions. It follows the playhead.
// Rows are indexed as the trace grows and drawn through ImGuiListClipper, so a frame costs the same
// for a short or a very long trace.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "viz/model/sequence_folding.hpp"
#include "viz/model/student_rows.hpp"
#include "viz/panels/panel.hpp"

namespace maillab::viz {

class SequencePanel : public Panel {
public:
    const char* title() const override { return "Sequence"; }
    void draw(const FrameContext& frame, GuiModel& model) override;

private:
    void index(const sim::Trace& trace);
    // In a class: the student whose sessions to show, or none for everyone's.
    void pick_student(const ClassTable& table);
    void draw_row(const FrameContext& frame, GuiModel& model, const SequenceRow& row,
                  const std::vector<sim::HostId>& lanes, float left, float width, float time_width);

    std::size_t indexed_ = 0;
    SequenceFolding folding_;                                  // every shown event, folded
    std::map<sim::ConnId, std::vector<std::size_t>> by_conn_;  // per connection
    struct Ends {
        sim::HostId client = sim::kNoHost;
        sim::HostId server = sim::kNoHost;
        std::uint16_t port = 0;  // the server's: it names the protocol, and so the colour
    };
    std::map<sim::ConnId, Ends> endpoints_;
    std::map<sim::ConnId, ConnectionEnds> connection_ends_;  // the same, for student_rows
    std::string student_;                                    // picked; empty: every student
    std::vector<sim::HostId> lanes_;  // every endpoint, in order of first appearance
    std::size_t last_cursor_ = 0;
    std::optional<std::size_t> pending_toggle_;  // a fold clicked this frame
};

}  // namespace maillab::viz
