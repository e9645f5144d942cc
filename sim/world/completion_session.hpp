// CompletionSession: wraps a client Session and calls back once when it has
// finished (closed itself, or lost its connection), and optionally after
// every call into it (a device shows its cache filling up as replies
// arrive). The MTA and devices use it to learn the result of a delivery or a
// mail check; SessionHost stays unaware of who is waiting.
#pragma once

#include <functional>
#include <memory>

#include "protocols/core/session.hpp"

namespace maillab::sim {

class CompletionSession : public protocols::core::Session {
public:
    using Done = std::function<void()>;
    using Progress = std::function<void()>;

    CompletionSession(std::unique_ptr<protocols::core::Session> inner, Done done,
                      Progress progress = {})
        : inner_(std::move(inner)), done_(std::move(done)), progress_(std::move(progress)) {}

    void start() override {
        forward([&] { inner_->start(); });
    }
    void receive(std::string_view bytes) override {
        forward([&] { inner_->receive(bytes); });
    }
    std::string take_output() override { return inner_->take_output(); }
    std::vector<protocols::core::ProtocolEvent> take_events() override {
        return inner_->take_events();
    }
    bool closed() const override { return inner_->closed(); }
    std::optional<std::chrono::milliseconds> timeout() const override { return inner_->timeout(); }
    std::chrono::milliseconds output_delay() const override { return inner_->output_delay(); }
    void on_timeout() override {
        forward([&] { inner_->on_timeout(); });
    }
    void on_peer_closed() override {
        inner_->on_peer_closed();
        if (progress_) progress_();
        finish();
    }
    void on_tls_established() override {
        forward([&] { inner_->on_tls_established(); });
    }

private:
    template <typename F>
    void forward(F&& call) {
        call();
        if (progress_) progress_();
        if (inner_->closed()) finish();
    }
    void finish() {
        if (done_) std::exchange(done_, nullptr)();
    }

    std::unique_ptr<protocols::core::Session> inner_;
    Done done_;
    Progress progress_;
};

}  // namespace maillab::sim
