// ClientSession's Idle task: IDLE (RFC 2177), the server pushes changes while
// the client waits, DONE when new mail needs fetching, when the wait is over
// or when the IDLE needs renewing.
#include "protocols/imap/client_session.hpp"
#include "protocols/imap/explanations.hpp"

namespace maillab::protocols::imap {

using core::EventKind;

void ClientSession::begin_idle() {
    const std::string& mailbox = selected_.name;
    if (idle_.stop) {
        note("IDLE in " + mailbox + " not started: the device stopped waiting",
             {"The wait was over before the client got to it.", "RFC 2177 §3"});
        return;
    }
    if (!has_capability("IDLE")) {
        note(
            "the server offers no IDLE: the device cannot be told of new mail, it would have to "
            "ask again (poll) from time to time",
            {"Without the IDLE capability a client learns of changes only when it sends a "
             "command.",
             "RFC 2177 §1"});
        return;
    }
    steps_.push_front(Step{Purpose::Idle, "IDLE", {}, false});
}

void ClientSession::on_idle_continuation() {
    idle_.accepted = true;
    note(job_.device + " waits in " + selected_.name +
             ": the server will push new mail and changes at once",
         {"While idling the client sends nothing; the server sends untagged EXISTS, EXPUNGE "
          "and FETCH as soon as the mailbox changes.",
          "RFC 2177 §3"});
    end_idle_if_needed();
}

void ClientSession::stop_idle() {
    if (closed()) return;
    idle_.stop = true;
    end_idle_if_needed();
}

void ClientSession::end_idle_if_needed() {
    if (!idling()) return;
    if (!steps_.empty()) {
        send_done("new mail: the client leaves IDLE to fetch it");
    } else if (idle_.stop) {
        send_done("the device stops waiting for new mail");
    }
}

void ClientSession::send_done(std::string_view why) {
    idle_.done_sent = true;
    note(std::string{why}, explain_command("DONE"));
    emit(EventKind::Command, "DONE", explain_command("DONE"));
    send("DONE\r\n");
}

void ClientSession::after_idle(const ServerResponse& r) {
    idle_ = IdleState{.stop = idle_.stop};
    if (*r.status != Status::Ok) {
        fail_item(r, "IDLE");
        return;
    }
    // Fetch what EXISTS announced (steps queued meanwhile), then wait again.
    if (!idle_.stop) steps_.push_back(Step{Purpose::Idle, "IDLE", {}, false});
    advance();
}

}  // namespace maillab::protocols::imap
