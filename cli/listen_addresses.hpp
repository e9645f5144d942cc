// Where `maillab serve` can be reached: the addresses behind --listen (every
// IPv4/IPv6 address of this machine's interfaces for 0.0.0.0 or ::), which
// the certificate names and the account sheet tells students to type.
#pragma once

#include <string>
#include <vector>

namespace maillab::cli {

// 127.0.0.0/8 and ::1: only this machine can connect.
bool is_loopback_address(const std::string& address);

// The addresses clients can use to reach a listener on `listen`: itself, or
// for the wildcard every interface address (loopback ones last). Throws
// std::invalid_argument when `listen` is not an IP address.
std::vector<std::string> reachable_addresses(const std::string& listen);

// The address to print for students: the first one that is not loopback.
std::string address_for_students(const std::vector<std::string>& reachable);

// This machine's host name when it is a usable DNS name, else empty.
std::string machine_host_name();

}  // namespace maillab::cli
