#include "protocols/mta/router.hpp"

#include <algorithm>

namespace maillab::protocols::mta {

namespace {

constexpr std::string_view kRfcMx = "RFC 5321 §5.1";

std::string normalise_host(std::string_view host) {
    std::string out = lower_ascii(host);
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return normalise_host(n) == name; });
}

// splitmix64: a tiny, well-known generator so a seed gives the same order everywhere.
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void shuffle_ties(std::vector<MxRecord>& mx, std::uint64_t seed) {
    std::uint64_t state = seed;
    std::size_t begin = 0;
    while (begin < mx.size()) {
        std::size_t end = begin + 1;
        while (end < mx.size() && mx[end].preference == mx[begin].preference)
            ++end;
        for (std::size_t i = end - 1; i > begin; --i) {
            const std::size_t j = begin + next_random(state) % (i - begin + 1);
            std::swap(mx[i], mx[j]);
        }
        begin = end;
    }
}

Route make_reply_route(RouteKind kind, int code, std::string enhanced, std::string text,
                       std::string meaning, std::string_view reference) {
    Route route;
    route.kind = kind;
    route.reply = SmtpReply{code, std::move(enhanced), std::move(text)};
    route.why = core::Explanation{std::move(meaning), std::string{reference}};
    return route;
}

}  // namespace

std::string_view to_string(RouteKind kind) {
    switch (kind) {
        case RouteKind::Local:
            return "local";
        case RouteKind::Remote:
            return "remote";
        case RouteKind::Bounce:
            return "bounce";
        case RouteKind::Defer:
            return "defer";
    }
    return "defer";
}

Route route_domain(std::string_view domain_in, const DnsAnswers& dns, const RouterConfig& config) {
    const std::string domain = normalise_host(domain_in);
    if (contains(config.local_domains, domain)) {
        Route route;
        route.kind = RouteKind::Local;
        route.why = {"the domain is one of ours: the message is delivered to the local mail store",
                     "RFC 5321 §4.4"};
        return route;
    }
    if (dns.status == DnsStatus::TempFail) {
        return make_reply_route(RouteKind::Defer, 451, "4.4.3",
                                "DNS lookup for " + domain + " failed temporarily",
                                "the DNS could not answer right now; the message stays queued "
                                "and is retried later",
                                kRfcMx);
    }
    if (dns.status == DnsStatus::NoSuchDomain) {
        return make_reply_route(RouteKind::Bounce, 550, "5.1.2",
                                "domain " + domain + " does not exist",
                                "the DNS says this domain does not exist (NXDOMAIN), so no "
                                "server can ever accept the mail",
                                kRfcMx);
    }

    std::vector<MxRecord> mx;
    for (const auto& record : dns.mx) {
        const std::string exchange = normalise_host(record.exchange);
        if (exchange.empty()) {
            return make_reply_route(RouteKind::Bounce, 556, "5.1.10",
                                    "recipient domain " + domain + " has a null MX",
                                    "the domain publishes a null MX (\"0 .\"): it says it "
                                    "accepts no mail at all",
                                    "RFC 7505 §3");
        }
        mx.push_back({record.preference, exchange});
    }
    std::sort(mx.begin(), mx.end(), [](const MxRecord& a, const MxRecord& b) {
        return a.preference != b.preference ? a.preference < b.preference : a.exchange < b.exchange;
    });
    if (config.tie_shuffle_seed) shuffle_ties(mx, *config.tie_shuffle_seed);

    // RFC 5321 §5.1: if we are one of the MX hosts, only more preferred ones may be used.
    const auto self = std::find_if(mx.begin(), mx.end(), [&](const MxRecord& r) {
        return contains(config.own_hosts, r.exchange);
    });
    if (self != mx.end()) {
        const int own_preference = self->preference;
        std::erase_if(mx, [&](const MxRecord& r) { return r.preference >= own_preference; });
        if (mx.empty()) {
            return make_reply_route(RouteKind::Bounce, 554, "5.4.6",
                                    "mail for " + domain + " loops back to myself",
                                    "this host is the best MX for the domain but does not "
                                    "treat it as local: delivering would loop",
                                    kRfcMx);
        }
    }

    Route route;
    route.kind = RouteKind::Remote;
    const auto add_targets = [&](const std::string& host, int preference, bool implicit) {
        const auto found = dns.addresses.find(host);
        if (found == dns.addresses.end()) return;
        for (const auto& address : found->second) {
            if (route.targets.size() >= kMaxRouteTargets) return;
            route.targets.push_back({host, address, preference, implicit});
        }
    };
    if (mx.empty()) {
        add_targets(domain, 0, true);
        if (route.targets.empty()) {
            return make_reply_route(RouteKind::Bounce, 550, "5.4.4",
                                    "no MX and no address for " + domain,
                                    "the domain has neither an MX record nor an address (A) "
                                    "record, so there is nowhere to deliver",
                                    kRfcMx);
        }
        route.why = {
            "no MX record: the domain's own address is used as an implicit MX "
            "with preference 0",
            std::string{kRfcMx}};
        return route;
    }
    for (const auto& record : mx)
        add_targets(record.exchange, record.preference, false);
    if (route.targets.empty()) {
        return make_reply_route(RouteKind::Defer, 451, "4.4.4",
                                "no address for any MX host of " + domain,
                                "the MX hosts have no address records yet; the message stays "
                                "queued and is retried later",
                                kRfcMx);
    }
    route.why = {
        "MX records tell which servers accept mail for the domain; the lowest "
        "preference is tried first, the others if it cannot be reached",
        std::string{kRfcMx}};
    return route;
}

bool should_try_next_target(TargetFailure failure) {
    return failure != TargetFailure::AfterGreeting;
}

}  // namespace maillab::protocols::mta
