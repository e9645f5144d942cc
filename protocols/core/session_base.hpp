// SessionBase: the output buffer and event list every engine needs, so the
// engines only decide what to say.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "protocols/core/session.hpp"

namespace maillab::protocols::core {

class SessionBase : public Session {
public:
    std::string take_output() override { return std::exchange(output_, {}); }
    std::vector<ProtocolEvent> take_events() override { return std::exchange(events_, {}); }
    bool closed() const override { return closed_; }

protected:
    void send(std::string_view bytes) { output_.append(bytes); }
    void emit(EventKind kind, std::string text, Explanation why = {}) {
        events_.push_back(ProtocolEvent{kind, std::move(text), std::move(why)});
    }
    void mark_closed(std::string reason, Explanation why = {}) {
        if (closed_) return;
        closed_ = true;
        emit(EventKind::Close, std::move(reason), std::move(why));
    }

private:
    std::string output_;
    std::vector<ProtocolEvent> events_;
    bool closed_ = false;
};

}  // namespace maillab::protocols::core
