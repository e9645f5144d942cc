#include "sim/net/dns.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace maillab::sim {

namespace {

std::string normalise(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::string answer_text(const DnsResult& r) {
    std::string out;
    for (Ipv4 a : r.addresses)
        out += (out.empty() ? "" : "\n") + format_ipv4(a);
    for (const MxRecord& mx : r.mx) {
        out += (out.empty() ? "" : "\n") + std::to_string(mx.preference) + " " + mx.exchange;
    }
    return out;
}

std::string answer_meaning(DnsType type, std::string_view name, const DnsResult& r) {
    const std::string n(name);
    switch (r.status) {
        case DnsStatus::Ok:
            return type == DnsType::MX
                       ? "the mail for " + n + " goes to these servers, lowest preference first"
                       : n + " has this IPv4 address";
        case DnsStatus::NoData:
            return type == DnsType::MX
                       ? n + " exists but has no MX record: mail goes to its A record (implicit MX)"
                       : n + " exists but has no IPv4 address";
        case DnsStatus::NxDomain:
            return "NXDOMAIN: the name " + n + " does not exist";
        case DnsStatus::Timeout:
            return "no answer within " + std::to_string(Dns::kTimeout / 1'000'000) +
                   " s: the DNS server is unreachable or a packet was lost";
    }
    return {};
}

std::string_view answer_ref(DnsType type, DnsStatus status) {
    if (status == DnsStatus::NxDomain) return "RFC 1035 §4.1.1";
    return type == DnsType::MX ? "RFC 5321 §5.1" : "RFC 1035 §3.4.1";
}

}  // namespace

std::string_view to_string(DnsType type) {
    return type == DnsType::A ? "A" : "MX";
}

std::string_view to_string(DnsStatus status) {
    switch (status) {
        case DnsStatus::Ok:
            return "ok";
        case DnsStatus::NoData:
            return "no data";
        case DnsStatus::NxDomain:
            return "NXDOMAIN";
        case DnsStatus::Timeout:
            return "timeout";
    }
    return "timeout";
}

Dns::Dns(Network& network, HostId server) : net_(network), server_(server) {
    if (server >= network.host_count()) throw std::invalid_argument("Dns: unknown host");
}

void Dns::add_a(std::string_view name, std::string_view ipv4) {
    const auto address = parse_ipv4(ipv4);
    if (!address || name.size() > kMaxNameOctets) {
        throw std::invalid_argument("Dns::add_a: bad address or name");
    }
    a_[normalise(name)].push_back(*address);
}

void Dns::add_mx(std::string_view domain, std::uint16_t preference, std::string_view exchange) {
    if (domain.size() > kMaxNameOctets || exchange.size() > kMaxNameOctets) {
        throw std::invalid_argument("Dns::add_mx: name too long");
    }
    auto& records = mx_[normalise(domain)];
    records.push_back(MxRecord{preference, normalise(exchange)});
    std::stable_sort(records.begin(), records.end(), [](const MxRecord& a, const MxRecord& b) {
        return a.preference < b.preference;
    });
}

DnsResult Dns::lookup(DnsType type, std::string_view name) const {
    DnsResult r;
    if (name.size() > kMaxNameOctets + 1) return r;
    const std::string key = normalise(name);
    const auto a = a_.find(key);
    const auto mx = mx_.find(key);
    if (a == a_.end() && mx == mx_.end()) return r;
    if (type == DnsType::A && a != a_.end()) r.addresses = a->second;
    if (type == DnsType::MX && mx != mx_.end()) r.mx = mx->second;
    r.status = r.addresses.empty() && r.mx.empty() ? DnsStatus::NoData : DnsStatus::Ok;
    return r;
}

void Dns::query(HostId from, DnsType type, std::string_view name, Callback callback) {
    Simulator& sim = net_.sim();
    struct Pending {
        Callback callback;
        bool done = false;
        EventId timeout;
    };
    auto pending = std::make_shared<Pending>();
    pending->callback = std::move(callback);
    const std::string question = std::string(to_string(type)) + " " + normalise(name);
    sim.record({.kind = EventKind::DnsQuery,
                .host = from,
                .peer = server_,
                .payload = question,
                .note = type == DnsType::MX ? "which servers accept mail for this domain?"
                                            : "what is the IPv4 address of this name?",
                .ref = type == DnsType::MX ? "RFC 5321 §5.1" : "RFC 1035 §4.1"});
    const auto finish = [this, from, type, q = std::string(name), pending](const DnsResult& r) {
        if (pending->done) return;
        pending->done = true;
        net_.sim().cancel(pending->timeout);
        const std::int64_t rcode = r.status == DnsStatus::Timeout    ? -1
                                   : r.status == DnsStatus::NxDomain ? 3
                                                                     : 0;
        net_.sim().record({.kind = EventKind::DnsAnswer,
                           .host = from,
                           .peer = server_,
                           .value = rcode,
                           .payload = answer_text(r),
                           .note = answer_meaning(type, q, r),
                           .ref = answer_ref(type, r.status)});
        pending->callback(r);
    };
    pending->timeout = sim.schedule(kTimeout, [finish] {
        finish(DnsResult{DnsStatus::Timeout, {}, {}});
    });

    Datagram ask;
    ask.from = from;
    ask.to = server_;
    ask.octets = kHeaderOctets + question.size();
    ask.on_arrival = [this, from, type, q = std::string(name), finish] {
        const DnsResult r = lookup(type, q);
        Datagram answer;
        answer.from = server_;
        answer.to = from;
        answer.octets =
            kHeaderOctets + q.size() + kRecordOctets * (r.addresses.size() + r.mx.size());
        answer.on_arrival = [finish, r] { finish(r); };
        net_.send(std::move(answer));
    };
    net_.send(std::move(ask));
}

}  // namespace maillab::sim
