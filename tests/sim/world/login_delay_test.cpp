// Failed logins in the simulated world are answered late (the engines'
// output_delay(), applied by SessionHost on the virtual clock), so a login
// storm takes at least the sum of the delays; POP3 then hangs up.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "protocols/imap/server_session.hpp"
#include "protocols/pop3/server_session.hpp"
#include "sim/world/world.hpp"

using namespace maillab::sim;
namespace pop3 = maillab::protocols::pop3;
namespace imap = maillab::protocols::imap;

namespace {

struct Lab {
    World world{WorldConfig{.seed = 5}};
    MailServer& server = world.add_server({.name = "mail.maillab.test",
                                           .address = "10.0.0.10",
                                           .domains = {"maillab.test"},
                                           .accounts = {{"bob", "builder", {}}}});
    Device& laptop = world.add_device({.name = "laptop", .address = "10.0.1.2"});
};

// A client that, after the greeting and after each failed login, tries the
// next wrong password (up to `attempts`), noting when each failure arrived.
class Storm {
public:
    Storm(Lab& lab, std::uint16_t port, std::string greeting, std::string failure,
          std::string attempt, std::size_t attempts)
        : sim_(lab.world.sim()),
          greeting_(std::move(greeting)),
          failure_(std::move(failure)),
          attempt_(std::move(attempt)),
          attempts_(attempts) {
        conn_ = lab.world.tcp().connect(lab.laptop.host(), "mail.maillab.test", port,
                                        {.on_data = [this](std::string_view b) { on_data(b); },
                                         .on_peer_closed =
                                             [this] {
                                                 closed_at = sim_.now();
                                                 conn_.close();
                                             }});
    }

    std::string received;
    SimTime sent_first = -1;
    std::vector<SimTime> failures;  // when each failed login's answer arrived
    SimTime closed_at = -1;

private:
    void on_data(std::string_view bytes) {
        received += bytes;
        if (sent_ == 0 && received.find(greeting_) != std::string::npos) {
            sent_first = sim_.now();
            next();
        }
        std::size_t found;
        while ((found = received.find(failure_, scanned_)) != std::string::npos) {
            scanned_ = found + failure_.size();
            failures.push_back(sim_.now());
            next();
        }
    }
    void next() {
        if (sent_ >= attempts_) return;
        ++sent_;
        conn_.send(attempt_);
    }

    Simulator& sim_;
    std::string greeting_, failure_, attempt_;
    std::size_t attempts_;
    std::size_t sent_ = 0;
    std::size_t scanned_ = 0;
    Connection conn_;
};

SimTime micros(std::chrono::milliseconds ms) {
    return static_cast<SimTime>(ms.count()) * 1000;
}

// Each failure came its delay (and less than a second more) after the attempt
// was sent, so the storm took at least the sum of the delays.
void require_slowed(const Storm& storm, const std::function<SimTime(std::size_t)>& delay_of) {
    SimTime sum = 0;
    for (std::size_t k = 1; k <= storm.failures.size(); ++k) {
        const SimTime delay = delay_of(k);
        const SimTime before = k == 1 ? storm.sent_first : storm.failures[k - 2];
        CAPTURE(k);
        REQUIRE(storm.failures[k - 1] - before >= delay);
        REQUIRE(storm.failures[k - 1] - before < delay + 1'000'000);
        sum += delay;
    }
    REQUIRE(storm.failures.back() - storm.sent_first >= sum);
}

}  // namespace

TEST_CASE("a POP3 login storm in the world is slowed by the failure delays, then dropped") {
    Lab lab;
    Storm storm{lab, 110, "+OK maillab", "-ERR [AUTH]", "USER bob\r\nPASS wrong\r\n", 10};
    lab.world.run_until_idle();
    INFO(storm.received);
    REQUIRE(storm.failures.size() == pop3::kDefaultMaxAuthFailures);
    REQUIRE(storm.received.find("too many attempts") != std::string::npos);
    REQUIRE(storm.closed_at >= storm.failures.back());
    // The k-th failure is held k x 2 s: 2 + 4 + 6 s in all, plus round trips.
    require_slowed(storm, [](std::size_t k) {
        return micros(pop3::kDefaultAuthFailureDelay) * static_cast<SimTime>(k);
    });
}

TEST_CASE("an IMAP login storm in the world waits longer for each failure, up to the cap") {
    Lab lab;
    const std::size_t attempts = 10;
    Storm storm{lab, 143, "* OK", "NO [AUTHENTICATIONFAILED]", "a LOGIN bob wrong\r\n", attempts};
    lab.world.run_until_idle();
    INFO(storm.received);
    REQUIRE(storm.failures.size() == attempts);
    require_slowed(storm, [](std::size_t k) {
        return std::min(micros(imap::kDefaultAuthFailureDelay) * static_cast<SimTime>(k),
                        micros(imap::kMaxAuthFailureDelay));
    });
}
