#include "sim/trace/trace.hpp"

#include <stdexcept>

namespace maillab::sim {

PayloadRef Trace::store(std::string_view bytes) {
    if (bytes.empty()) return {};
    if (bytes.size() > kMaxFieldOctets) throw std::length_error("trace field too large");
    PayloadRef ref{arena_.size(), static_cast<std::uint32_t>(bytes.size())};
    arena_.append(bytes);
    return ref;
}

const Event& Trace::append(const EventRecord& r) {
    if (!events_.empty() && r.t < events_.back().t) {
        throw std::logic_error("trace time went backwards");
    }
    Event e;
    e.t = r.t;
    e.seq = events_.size();
    e.kind = r.kind;
    e.dir = r.dir;
    e.host = r.host;
    e.peer = r.peer;
    e.conn = r.conn;
    e.value = r.value;
    e.aux = r.aux;
    e.payload = store(r.payload);
    e.note = store(r.note);
    e.ref = store(r.ref);
    events_.push_back(e);
    for (const auto& listener : listeners_)
        listener(*this, events_.back());
    return events_.back();
}

std::string_view Trace::text(PayloadRef ref) const {
    if (ref.length == 0 || ref.offset + ref.length > arena_.size()) return {};
    return std::string_view{arena_}.substr(ref.offset, ref.length);
}

}  // namespace maillab::sim
