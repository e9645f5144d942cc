// Two tiny line protocols for the simulator's tests and benchmark: an echo
// server (each line comes back, in the spirit of RFC 862, QUIT ends it) and a
// scripted client that sends its lines one at a time and waits for each
// echo. Small enough to read in a minute, real enough to exercise framing,
// closing, timeouts and explanations over the virtual network.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"

namespace maillab::test {

namespace core = protocols::core;

inline constexpr const char* kEchoRef = "RFC 862";

class EchoServerSession : public core::SessionBase {
public:
    static constexpr std::chrono::milliseconds kIdleTimeout{30'000};

    void start() override {
        reply("+OK echo ready", "the server is ready and will repeat every line");
    }
    void receive(std::string_view bytes) override {
        framer_.feed(bytes);
        while (!closed()) {
            auto line = framer_.next_line();
            if (!line) break;
            if (line->status != core::LineStatus::Complete) {
                reply("-ERR bad line", "the line was too long or ended without CR LF");
                continue;
            }
            if (line->text == "QUIT") {
                emit(core::EventKind::Command, "QUIT", {"the client says goodbye", kEchoRef});
                reply("+OK bye", "the server agrees and closes the connection");
                mark_closed("client quit", {"the conversation ended normally", kEchoRef});
                return;
            }
            emit(core::EventKind::Command, line->text,
                 {"the client sends a line for the server to repeat", kEchoRef});
            reply(line->text, "the server repeats the line exactly");
        }
    }
    std::optional<std::chrono::milliseconds> timeout() const override { return kIdleTimeout; }
    void on_timeout() override {
        reply("-ERR idle too long", "the client said nothing for 30 s");
        mark_closed("idle timeout", {"the server gave up waiting", kEchoRef});
    }
    void on_peer_closed() override {
        mark_closed("peer closed", {"the client went away", kEchoRef});
    }

private:
    void reply(std::string text, std::string meaning) {
        send(text + "\r\n");
        emit(core::EventKind::Reply, std::move(text), {std::move(meaning), kEchoRef});
    }
    core::LineFramer framer_;
};

class ScriptedLineClient : public core::SessionBase {
public:
    explicit ScriptedLineClient(std::vector<std::string> lines) : lines_(std::move(lines)) {}

    void start() override {}
    void receive(std::string_view bytes) override {
        framer_.feed(bytes);
        while (!closed()) {
            auto line = framer_.next_line();
            if (!line) break;
            replies_.push_back(line->text);
            emit(core::EventKind::Reply, line->text, {"the server's answer arrived", kEchoRef});
            if (sent_quit_) {
                mark_closed("done", {"the script is finished", kEchoRef});
                return;
            }
            if (next_ < lines_.size()) {
                command(lines_[next_++], "the script sends its next line");
            } else {
                sent_quit_ = true;
                command("QUIT", "the script is done and says goodbye");
            }
        }
    }
    void on_timeout() override {}
    void on_peer_closed() override {
        peer_closed_ = true;
        mark_closed("server went away", {"the connection ended before the script did", kEchoRef});
    }

    const std::vector<std::string>& replies() const { return replies_; }
    bool finished_script() const { return sent_quit_ && closed() && !peer_closed_; }
    bool peer_closed() const { return peer_closed_; }

private:
    void command(std::string text, std::string meaning) {
        send(text + "\r\n");
        emit(core::EventKind::Command, std::move(text), {std::move(meaning), kEchoRef});
    }
    std::vector<std::string> lines_;
    std::size_t next_ = 0;
    bool sent_quit_ = false;
    bool peer_closed_ = false;
    std::vector<std::string> replies_;
    core::LineFramer framer_;
};

}  // namespace maillab::test
