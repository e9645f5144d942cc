#include "sim/world/typing_session.hpp"

namespace maillab::sim {

namespace {

const protocols::core::Explanation kTyped{
    "typed by hand at a raw terminal, the way telnet or openssl s_client is used to talk to a "
    "server directly",
    ""};

}  // namespace

void TypingSession::receive(std::string_view bytes) {
    heard_ = true;
    const std::size_t room = kMaxShownReply - std::min(kMaxShownReply, pending_.size());
    pending_.append(bytes.substr(0, room));
}

std::optional<std::chrono::milliseconds> TypingSession::timeout() const {
    if (closed()) return std::nullopt;
    if (!heard_) return kTypingHangUp;  // a person waits for the greeting first
    return next_ < lines_.size() ? kTypingPause : kTypingHangUp;
}

void TypingSession::on_timeout() {
    show_reply();
    if (next_ == lines_.size()) {
        mark_closed("the person at the terminal hangs up");
        return;
    }
    const std::string& line = lines_[next_++];
    send(line + "\r\n");
    emit(protocols::core::EventKind::Command, line, kTyped);
}

void TypingSession::on_peer_closed() {
    show_reply();
    mark_closed("the server closed the connection");
}

void TypingSession::show_reply() {
    if (pending_.empty()) return;
    std::string text = std::move(pending_);
    pending_.clear();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    emit(protocols::core::EventKind::Reply, std::move(text));
}

}  // namespace maillab::sim
