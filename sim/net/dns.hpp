// Dns: the DNS server of a simulated world, living on one host, with A and
// MX records, and the asynchronous queries other hosts send it.
//
// A query is one datagram to the DNS host and one back (RFC 1035 §4.2.1:
// UDP, no retry here), so it takes a network round trip and can be lost.
// Trace: DnsQuery when asked (host = asker, peer = DNS host, payload
// "MX example.test"), DnsAnswer when the answer arrives or the query gives up
// (payload = one record a line, "10 mx.example.test" or "192.0.2.1"; value =
// RCODE, 0 NOERROR, 3 NXDOMAIN, -1 no answer within kTimeout; note = meaning).
// Names are compared case-insensitively (RFC 4343) and a trailing dot is ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/network.hpp"

namespace maillab::sim {

enum class DnsType { A, MX };
enum class DnsStatus {
    Ok,        // NOERROR with at least one record
    NoData,    // NOERROR, the name exists but has no record of this type
    NxDomain,  // the name does not exist (RCODE 3)
    Timeout,   // no answer arrived within Dns::kTimeout
};
std::string_view to_string(DnsType type);
std::string_view to_string(DnsStatus status);

struct MxRecord {
    std::uint16_t preference = 0;
    std::string exchange;
    bool operator==(const MxRecord&) const = default;
};

struct DnsResult {
    DnsStatus status = DnsStatus::NxDomain;
    std::vector<Ipv4> addresses;  // A answers
    std::vector<MxRecord> mx;     // MX answers, lowest preference first
};

class Dns {
public:
    static constexpr SimTime kTimeout = 5'000'000;
    // A domain name is at most 253 characters in text form (RFC 1035 §2.3.4);
    // longer names are answered NXDOMAIN without a lookup.
    static constexpr std::size_t kMaxNameOctets = 253;
    static constexpr std::size_t kHeaderOctets = 40;  // IPv4 + UDP + DNS header
    static constexpr std::size_t kRecordOctets = 16;  // per answer record, roughly

    using Callback = std::function<void(const DnsResult&)>;

    Dns(Network& network, HostId server);
    Dns(const Dns&) = delete;
    Dns& operator=(const Dns&) = delete;

    HostId server() const { return server_; }

    // Throws std::invalid_argument for a bad address or an over-long name.
    void add_a(std::string_view name, std::string_view ipv4);
    void add_mx(std::string_view domain, std::uint16_t preference, std::string_view exchange);

    // Asks from a host; the callback runs once, when the answer arrives or at the timeout.
    void query(HostId from, DnsType type, std::string_view name, Callback callback);
    // What the server answers right now, without any network.
    DnsResult lookup(DnsType type, std::string_view name) const;

private:
    Network& net_;
    HostId server_;
    std::map<std::string, std::vector<Ipv4>> a_;
    std::map<std::string, std::vector<MxRecord>> mx_;
};

}  // namespace maillab::sim
