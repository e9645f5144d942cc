#include "sim/bridge/login_guard.hpp"

namespace maillab::sim::bridge {

bool LoginGuard::is_login_failure(std::string_view reply) {
    if (reply.rfind("535", 0) == 0) return true;
    if (reply.rfind("-ERR [AUTH]", 0) == 0) return true;
    // IMAP: the tagged completion of LOGIN or AUTHENTICATE, not an untagged line.
    const auto space = reply.find(' ');
    return space != std::string_view::npos && reply.substr(0, space) != "*" &&
           reply.substr(space + 1).rfind("NO [AUTHENTICATIONFAILED]", 0) == 0;
}

void LoginGuard::failed(const std::string& address, Clock::time_point now) {
    if (max_failures_ == 0) return;
    auto& times = failures_[address];
    times.push_back(now);
    while (!times.empty() && now - times.front() > window_)
        times.pop_front();
    if (times.size() >= max_failures_) {
        locked_until_[address] = now + lockout_;
        times.clear();
    }
}

bool LoginGuard::locked(const std::string& address, Clock::time_point now) const {
    const auto it = locked_until_.find(address);
    return it != locked_until_.end() && now < it->second;
}

}  // namespace maillab::sim::bridge
