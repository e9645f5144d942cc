#include "viz/model/sequence_folding.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace maillab::viz {

namespace {

// A fold's summary names at most this many steps.
constexpr std::size_t kSummarySteps = 6;

// The phase a routine verb belongs to, in the words a teacher uses; other verbs as they are.
std::string phase_of(const std::string& verb) {
    static constexpr std::pair<std::string_view, std::string_view> kPhases[] = {
        {"EHLO", "hello"},        {"HELO", "hello"},
        {"CAPA", "capabilities"}, {"CAPABILITY", "capabilities"},
        {"STARTTLS", "TLS"},      {"STLS", "TLS"},
        {"AUTH", "login"},        {"AUTHENTICATE", "login"},
        {"USER", "login"},        {"PASS", "login"},
        {"APOP", "login"},        {"LOGIN", "login"},
        {"LSUB", "LIST"},
    };
    for (const auto& [name, phase] : kPhases) {
        if (name == verb) return std::string{phase};
    }
    return verb;
}

}  // namespace

void SequenceFolding::add(const sim::Trace& trace, std::size_t event) {
    const sim::Event& e = trace[event];
    const bool resent_syn = e.kind == sim::EventKind::TcpSyn && routine_.count(e.conn) != 0;
    if (e.kind == sim::EventKind::TcpSyn && !resent_syn) {
        routine_[e.conn] = folds_.size();
        folds_.push_back({{event}, false});
        entries_.push_back({event, folds_.size() - 1, true});
        rows_.push_back(entries_.back());
        return;
    }
    const auto routine = routine_.find(e.conn);
    const bool joins =
        routine != routine_.end() &&
        (resent_syn || e.kind == sim::EventKind::Reply ||
         e.kind == sim::EventKind::TlsEstablished ||
         (e.kind == sim::EventKind::Command && sim::routine_command(trace.payload(e))));
    if (joins) {
        Fold& fold = folds_[routine->second];
        fold.events.push_back(event);
        dirty_ = dirty_ || fold.open;  // an open fold's new row goes in the middle
        return;
    }
    if (routine != routine_.end()) routine_.erase(routine);  // the real work begins
    entries_.push_back({event, SequenceRow::kNoFold, false});
    if (!dirty_) rows_.push_back(entries_.back());
}

void SequenceFolding::rebuild() {
    rows_.clear();
    for (const SequenceRow& entry : entries_) {
        rows_.push_back(entry);
        if (entry.fold == SequenceRow::kNoFold || !folds_[entry.fold].open) continue;
        const auto& events = folds_[entry.fold].events;
        for (std::size_t k = 1; k < events.size(); ++k)
            rows_.push_back({events[k], entry.fold, false});
    }
    // Open folds' rows interleave with later rows of other connections: by event.
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const SequenceRow& a, const SequenceRow& b) { return a.event < b.event; });
    dirty_ = false;
}

const std::vector<SequenceRow>& SequenceFolding::rows() {
    if (dirty_) rebuild();
    return rows_;
}

std::size_t SequenceFolding::shown_before(std::size_t cursor) {
    const auto& all = rows();
    return static_cast<std::size_t>(
        std::lower_bound(all.begin(), all.end(), cursor,
                         [](const SequenceRow& r, std::size_t c) { return r.event < c; }) -
        all.begin());
}

void SequenceFolding::toggle(std::size_t fold) {
    folds_.at(fold).open = !folds_.at(fold).open;
    dirty_ = true;
}

std::size_t SequenceFolding::fold_size(std::size_t fold, std::size_t cursor) const {
    const auto& events = folds_.at(fold).events;
    return static_cast<std::size_t>(std::lower_bound(events.begin(), events.end(), cursor) -
                                    events.begin());
}

std::string SequenceFolding::summary(const sim::Trace& trace, std::size_t fold,
                                     std::size_t cursor) const {
    const auto& events = folds_.at(fold).events;
    // A SYN sent again and again (nobody answers) is one connect with its tries.
    std::size_t tries = 0;
    for (std::size_t k = 0; k < events.size() && events[k] < cursor; ++k)
        tries += trace[events[k]].kind == sim::EventKind::TcpSyn;
    std::vector<std::string> steps{tries > 1 ? "connect, " + std::to_string(tries) + " tries"
                                             : "connect"};
    for (std::size_t k = 1; k < events.size() && events[k] < cursor; ++k) {
        const sim::Event& e = trace[events[k]];
        std::string step;
        if (e.kind == sim::EventKind::TlsEstablished) step = "TLS";
        if (e.kind == sim::EventKind::Command) step = phase_of(sim::command_verb(trace.payload(e)));
        if (step.empty() || std::find(steps.begin(), steps.end(), step) != steps.end()) continue;
        steps.push_back(step);
    }
    std::string out;
    for (std::size_t k = 0; k < steps.size() && k < kSummarySteps; ++k)
        out += (k == 0 ? "" : " · ") + steps[k];
    if (steps.size() > kSummarySteps) out += " …";
    return out;
}

}  // namespace maillab::viz
