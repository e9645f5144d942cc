// The sequence chart's rows with each session's routine start folded into
// one row: connect, greeting, TLS, capabilities, login and the folder list
// (sim/export/session_phase) up to the first command that does the
// session's real work. A
// folded row can be opened to show its rows again. Rows are added as the
// trace grows, so a long trace is indexed once; the flat list is rebuilt
// only when a fold is opened or closed, or an open fold gains a row.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/export/session_phase.hpp"
#include "sim/trace/trace.hpp"

namespace maillab::viz {

struct SequenceRow {
    std::size_t event = 0;  // the row's event, or a fold's first event
    std::size_t fold = kNoFold;
    bool fold_header = false;  // the row that stands for the fold (open or closed)
    static constexpr std::size_t kNoFold = static_cast<std::size_t>(-1);
};

class SequenceFolding {
public:
    // Called with every row the chart shows, in trace order.
    void add(const sim::Trace& trace, std::size_t event);

    // The rows to draw, sorted by event; a fold's header comes first, at its first event.
    const std::vector<SequenceRow>& rows();
    // How many of rows() have happened before the playhead.
    std::size_t shown_before(std::size_t cursor);

    bool open(std::size_t fold) const { return folds_.at(fold).open; }
    void toggle(std::size_t fold);
    // What a fold holds, as far as the playhead, by phase: "connect · TLS · login · LIST"
    // (USER and PASS, LOGIN and AUTH are all "login"; CAPA and CAPABILITY "capabilities").
    std::string summary(const sim::Trace& trace, std::size_t fold, std::size_t cursor) const;
    // How many of the fold's rows have happened before the playhead.
    std::size_t fold_size(std::size_t fold, std::size_t cursor) const;

private:
    struct Fold {
        std::vector<std::size_t> events;
        bool open = false;
    };
    void rebuild();

    std::vector<Fold> folds_;
    std::map<sim::ConnId, std::size_t> routine_;  // connections still in their routine start
    std::vector<SequenceRow> entries_;            // singles and one entry per fold, by event
    std::vector<SequenceRow> rows_;
    bool dirty_ = false;
};

}  // namespace maillab::viz
