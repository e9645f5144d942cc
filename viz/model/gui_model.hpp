// GuiModel: everything the panels share — the trace, the playhead, the world
// state at the playhead (and just before the last move, to highlight what
// changed), the selection. Panels read it and send controls through it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/state/state_timeline.hpp"
#include "viz/model/class_table.hpp"
#include "viz/model/client_names.hpp"
#include "viz/model/in_flight.hpp"
#include "viz/model/playback.hpp"
#include "viz/model/sniffer_capture.hpp"

namespace maillab::viz {

class GuiModel {
public:
    explicit GuiModel(const sim::Trace& trace) : trace_(trace), playback_(trace), timeline_(trace) {
        refresh();
    }

    const sim::Trace& trace() const { return trace_; }
    Playback& playback() { return playback_; }
    const Playback& playback() const { return playback_; }

    // Call once per frame after the playhead may have moved.
    void refresh();

    const sim::WorldState& now() const { return now_; }
    // The state at the start of the current lesson step (or, without lesson
    // steps, before the playhead last moved); views highlight the differences.
    const sim::WorldState& before() const { return before_; }
    const std::vector<PacketInFlight>& in_flight() const { return in_flight_; }
    // Names to show instead of hosts' own: real clients by what they told the
    // server, or by the student they belong to when there is a class table.
    const std::map<sim::HostId, std::string>& display_names() const {
        return class_table_ != nullptr ? class_names_ : client_names_.names();
    }
    // In a class, each real client's student and app ("student07 · Thunderbird");
    // null without a class table.
    const std::map<sim::HostId, std::string>* student_labels() const {
        return class_table_ != nullptr ? &student_labels_ : nullptr;
    }
    // `maillab serve --classroom`: the table that knows each client's student.
    void set_class_table(const ClassTable* table) { class_table_ = table; }
    const ClassTable* class_table() const { return class_table_; }

    // The sniffers the lesson placed on links; the window draws and lists them.
    void add_sniffer(LinkSniffer where) { sniffers_.emplace_back(std::move(where)); }
    const std::vector<SnifferCapture>& sniffers() const { return sniffers_; }

    // Devices the lesson says are phones, drawn as phones (the trace knows only "device").
    void set_phones(std::set<std::string> names) { phones_ = std::move(names); }
    bool is_phone(const std::string& host_name) const { return phones_.count(host_name) != 0; }

    std::optional<std::size_t> selected_event;
    std::optional<sim::ConnId> selected_connection;

private:
    const sim::Trace& trace_;
    Playback playback_;
    sim::StateTimeline timeline_;
    InFlightIndex in_flight_index_;
    ClientNames client_names_;
    const ClassTable* class_table_ = nullptr;
    std::map<sim::HostId, std::string> student_labels_;
    std::map<sim::HostId, std::string> class_names_;             // client names, students over them
    std::size_t class_names_at_ = static_cast<std::size_t>(-1);  // trace size they are for
    sim::WorldState now_;
    sim::WorldState before_;
    std::size_t shown_cursor_ = static_cast<std::size_t>(-1);
    std::size_t before_index_ = static_cast<std::size_t>(-1);  // event count before_ is at
    std::vector<std::size_t> lesson_steps_;                    // trace indices of LessonStep events
    std::size_t indexed_ = 0;                                  // events scanned for lesson steps
    std::vector<PacketInFlight> in_flight_;
    std::vector<SnifferCapture> sniffers_;
    std::set<std::string> phones_;
};

}  // namespace maillab::viz
