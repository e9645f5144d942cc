#include "protocols/durable/group_commit.hpp"

#include <algorithm>

namespace maillab::protocols::durable {

void GroupCommit::join(Participant& participant) {
    if (std::find(participants_.begin(), participants_.end(), &participant) == participants_.end())
        participants_.push_back(&participant);
}

void GroupCommit::leave(Participant& participant) {
    std::erase(participants_, &participant);
}

void GroupCommit::note_pending() {
    if (pending_) return;
    pending_ = true;
    // Work deferred while a commit runs (by an after-commit step or a waiter)
    // asks for the next commit once this one is over.
    if (!committing_ && ask_) ask_();
}

void GroupCommit::on_pending(std::function<void()> ask_for_commit) {
    ask_ = std::move(ask_for_commit);
    if (pending_ && !committing_ && ask_) ask_();
}

void GroupCommit::after_next_commit(std::function<void(bool durable)> then) {
    waiters_.push_back(std::move(then));
    if (!pending_) note_pending();  // nothing to wait for: the next commit is immediate
}

std::vector<std::string> GroupCommit::commit() {
    committing_ = true;
    pending_ = false;
    std::vector<std::string> errors;
    for (auto* p : participants_) {
        if (auto error = p->sync_files(); !error.empty()) errors.push_back(std::move(error));
    }
    for (auto* p : participants_) {
        if (auto error = p->sync_directories(); !error.empty()) errors.push_back(std::move(error));
    }
    bool durable = errors.empty();
    for (auto* p : participants_) {
        if (auto error = p->after_commit(durable); !error.empty())
            errors.push_back(std::move(error));
    }
    durable = errors.empty();
    auto waiters = std::move(waiters_);
    waiters_.clear();
    for (auto& then : waiters)
        then(durable);
    committing_ = false;
    if (pending_ && ask_) ask_();
    return errors;
}

}  // namespace maillab::protocols::durable
