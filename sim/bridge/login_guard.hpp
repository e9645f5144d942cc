// LoginGuard: failed logins per remote address, for `maillab serve` on a
// school network. An address with max_failures failed logins within
// `window` is locked out for `lockout`: the bridge refuses its new
// connections with a line saying why. The engines already answer each
// failure late within a session; this stops a device from simply opening
// new sessions to guess on. Time is passed in, so tests need no clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>

namespace maillab::sim::bridge {

class LoginGuard {
public:
    using Clock = std::chrono::steady_clock;

    LoginGuard(std::size_t max_failures, std::chrono::seconds window, std::chrono::seconds lockout)
        : max_failures_(max_failures), window_(window), lockout_(lockout) {}

    // A server reply that refuses a login: SMTP 535 (RFC 4954 §6), POP3
    // "-ERR [AUTH]" (RFC 3206 §4), IMAP "NO [AUTHENTICATIONFAILED]" (RFC 5530).
    static bool is_login_failure(std::string_view reply);

    void failed(const std::string& address, Clock::time_point now);
    bool locked(const std::string& address, Clock::time_point now) const;

private:
    std::size_t max_failures_;
    std::chrono::seconds window_;
    std::chrono::seconds lockout_;
    std::map<std::string, std::deque<Clock::time_point>> failures_;
    std::map<std::string, Clock::time_point> locked_until_;
};

}  // namespace maillab::sim::bridge
