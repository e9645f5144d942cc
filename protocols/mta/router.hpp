// Router: where a recipient domain's mail goes, decided from DNS answers the
// caller already fetched (the simulator's DNS or, later, a real resolver).
//
// Implemented (RFC 5321 §5.1, RFC 7505):
//  [x] MX hosts by lowest preference first; each host's A records in the order given
//  [x] equal preferences: lexicographic by host name (maillab's deterministic
//      choice; RFC 5321 §5.1 says to randomise) or a shuffle from the caller's seed
//  [x] implicit MX: no MX records → the domain's own A records
//  [x] null MX ("0 .") → bounce at once, 556 5.1.10
//  [x] local domains → Local (the caller delivers to the store)
//  [x] our own host among the MX hosts: only more preferred hosts are used;
//      none left → bounce 554 5.4.6 (mail loops back to myself)
//  [x] NXDOMAIN → bounce 550 5.1.2; DNS temporary failure → defer 451 4.4.3
//  [x] which failures move on to the next target (should_try_next_target)
//  [ ] AAAA / IPv6 targets, CNAME chasing, DANE/MTA-STS
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/explanation.hpp"
#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

// At most this many (host, address) targets are tried per delivery attempt.
constexpr std::size_t kMaxRouteTargets = 10;

struct MxRecord {
    int preference = 0;
    std::string exchange;  // "mx1.example.org" (a trailing dot is ignored)
};

enum class DnsStatus { Ok, NoSuchDomain, TempFail };

struct DnsAnswers {
    DnsStatus status = DnsStatus::Ok;  // the MX query for the domain itself
    std::vector<MxRecord> mx;
    // A records the caller looked up: for each MX exchange, and for the
    // domain itself when there is no MX. Keys are lower-case host names.
    std::map<std::string, std::vector<std::string>> addresses;
};

struct RouterConfig {
    std::vector<std::string> local_domains;         // delivered here, to the store
    std::vector<std::string> own_hosts;             // this MTA's host names (loop detection)
    std::optional<std::uint64_t> tie_shuffle_seed;  // unset: lexicographic ties
};

struct Target {
    std::string host;     // "mx1.example.org"
    std::string address;  // "10.0.0.25"
    int preference = 0;
    bool implicit_mx = false;  // the domain's own A record (no MX existed)
    bool operator==(const Target&) const = default;
};

enum class RouteKind { Local, Remote, Bounce, Defer };
std::string_view to_string(RouteKind kind);

struct Route {
    RouteKind kind = RouteKind::Defer;
    std::vector<Target> targets;  // Remote: try in this order
    SmtpReply reply;              // Bounce/Defer: the reply to record for every recipient
    core::Explanation why;
};

Route route_domain(std::string_view domain, const DnsAnswers& dns, const RouterConfig& config);

// How one target failed; decides whether the next target is tried in the same attempt.
enum class TargetFailure {
    ConnectionRefused,  // nothing listens / RST
    Timeout,            // no answer in time
    NoRouteToHost,      // the network cannot reach the address
    Greeting4xx,        // e.g. "421 4.3.2 try again later" as the banner
    Greeting5xx,        // "554 no SMTP service here"
    AfterGreeting,      // the session began; per-recipient replies decide
};

// RFC 5321 §5.1: on a connection failure or a 4xx greeting the client tries the
// next target; a 5xx greeting too, as Postfix does by default
// (smtp_skip_5xx_greeting). Anything after the greeting is the answer for this
// attempt. When every target failed, the caller reports a connection-level
// failure to the queue, which defers the domain's recipients.
bool should_try_next_target(TargetFailure failure);

}  // namespace maillab::protocols::mta
