// Failed logins per remote address: the replies that count, the window and
// the lockout.
#include "sim/bridge/login_guard.hpp"

#include <catch2/catch.hpp>

using maillab::sim::bridge::LoginGuard;
using namespace std::chrono_literals;

TEST_CASE("login guard: the replies that refuse a login") {
    CHECK(LoginGuard::is_login_failure("535 5.7.8 Authentication credentials invalid"));
    CHECK(LoginGuard::is_login_failure("-ERR [AUTH] Authentication failed"));
    CHECK(LoginGuard::is_login_failure("a2 NO [AUTHENTICATIONFAILED] Authentication failed"));
    CHECK_FALSE(LoginGuard::is_login_failure("235 2.7.0 Authentication successful"));
    CHECK_FALSE(LoginGuard::is_login_failure("-ERR no such message"));
    CHECK_FALSE(LoginGuard::is_login_failure("a2 NO [TRYCREATE] no such mailbox"));
    CHECK_FALSE(LoginGuard::is_login_failure("* NO [AUTHENTICATIONFAILED]x"));  // untagged
}

TEST_CASE("login guard: an address is locked after enough failures within the window") {
    LoginGuard guard{3, 600s, 300s};
    const auto t0 = LoginGuard::Clock::time_point{} + 1000s;
    guard.failed("192.168.1.7", t0);
    guard.failed("192.168.1.7", t0 + 10s);
    CHECK_FALSE(guard.locked("192.168.1.7", t0 + 11s));
    guard.failed("192.168.1.8", t0 + 12s);  // another device does not count
    CHECK_FALSE(guard.locked("192.168.1.7", t0 + 13s));
    guard.failed("192.168.1.7", t0 + 20s);
    CHECK(guard.locked("192.168.1.7", t0 + 21s));
    CHECK_FALSE(guard.locked("192.168.1.8", t0 + 21s));
    CHECK(guard.locked("192.168.1.7", t0 + 319s));
    CHECK_FALSE(guard.locked("192.168.1.7", t0 + 320s));  // the lockout is over
}

TEST_CASE("login guard: failures older than the window are forgotten, and 0 never locks") {
    LoginGuard guard{2, 60s, 300s};
    const auto t0 = LoginGuard::Clock::time_point{} + 1000s;
    guard.failed("10.0.0.5", t0);
    guard.failed("10.0.0.5", t0 + 61s);
    CHECK_FALSE(guard.locked("10.0.0.5", t0 + 62s));
    LoginGuard never{0, 60s, 300s};
    for (int i = 0; i < 100; ++i)
        never.failed("10.0.0.5", t0);
    CHECK_FALSE(never.locked("10.0.0.5", t0));
}
