#include "cli/listen_addresses.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <asio.hpp>
#include <cctype>
#include <stdexcept>

namespace maillab::cli {

namespace {

asio::ip::address parse(const std::string& address) {
    asio::error_code error;
    const auto parsed = asio::ip::make_address(address, error);
    if (error) throw std::invalid_argument{"\"" + address + "\" is not an IP address"};
    return parsed;
}

std::vector<std::string> interface_addresses(bool want_v6) {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
        if (entry->ifa_addr == nullptr || (entry->ifa_flags & IFF_UP) == 0) continue;
        if (entry->ifa_addr->sa_family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
            out.push_back(asio::ip::address_v4{ntohl(in->sin_addr.s_addr)}.to_string());
        } else if (want_v6 && entry->ifa_addr->sa_family == AF_INET6) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr);
            asio::ip::address_v6::bytes_type bytes;
            std::copy(std::begin(in6->sin6_addr.s6_addr), std::end(in6->sin6_addr.s6_addr),
                      bytes.begin());
            const asio::ip::address_v6 v6{bytes};
            if (!v6.is_link_local()) out.push_back(v6.to_string());  // needs a scope to use
        }
    }
    ::freeifaddrs(list);
    return out;
}

}  // namespace

bool is_loopback_address(const std::string& address) {
    asio::error_code error;
    const auto parsed = asio::ip::make_address(address, error);
    return !error && parsed.is_loopback();
}

std::vector<std::string> reachable_addresses(const std::string& listen) {
    const auto parsed = parse(listen);
    if (!parsed.is_unspecified()) return {parsed.to_string()};
    std::vector<std::string> addresses = interface_addresses(parsed.is_v6());
    std::stable_partition(addresses.begin(), addresses.end(),
                          [](const std::string& a) { return !is_loopback_address(a); });
    addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
    return addresses;
}

std::string address_for_students(const std::vector<std::string>& reachable) {
    for (const auto& address : reachable) {
        if (!is_loopback_address(address)) return address;
    }
    return reachable.empty() ? std::string{"127.0.0.1"} : reachable.front();
}

std::string machine_host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return {};
    const std::string host{name};
    const bool usable =
        !host.empty() && host.size() <= 253 && host.front() != '-' &&
        std::all_of(host.begin(), host.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
        });
    return usable ? host : std::string{};
}

}  // namespace maillab::cli
