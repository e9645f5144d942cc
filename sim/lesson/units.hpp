// The small value syntaxes of a lesson file: durations ("90s", "1h30m"),
// sizes ("50KB"), bandwidths ("10Mbps"), IPv4 addresses, lesson ids and host
// names. Each parser returns nothing for text it does not accept; the loader
// turns that into a message naming the expected form.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

// Longest duration a lesson may name: 400 days of simulated time.
inline constexpr Micros kMaxDuration = Micros{400} * 24 * 3600 * 1'000'000;
// Largest size a lesson may name: 1 GB.
inline constexpr std::uint64_t kMaxSize = 1'000'000'000;
// Longest host name (RFC 1035 §2.3.4).
inline constexpr std::size_t kMaxHostNameLength = 253;
// Longest lesson id.
inline constexpr std::size_t kMaxIdLength = 64;

// The values of the `tls` keys.
inline constexpr std::array<std::pair<std::string_view, Tls>, 3> kTlsKeywords{{
    {"none", Tls::None},
    {"starttls", Tls::StartTls},
    {"implicit", Tls::Implicit},
}};

// One or more NUMBER UNIT parts, units us, ms, s, m, h, d: "20ms", "1h30m".
std::optional<Micros> parse_duration(std::string_view text);
// NUMBER UNIT with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (1024).
std::optional<std::uint64_t> parse_size(std::string_view text);
// NUMBER UNIT with bps, kbps, Mbps, Gbps: bits per second.
std::optional<std::uint64_t> parse_bandwidth(std::string_view text);
bool is_ipv4(std::string_view text);
// Lowercase letters and digits in words joined by single dashes: "pop3-vs-imap".
bool is_lesson_id(std::string_view text);
// Letters, digits and dashes in dot-separated labels of at most 63 characters.
bool is_host_name(std::string_view text);

}  // namespace maillab::sim::lesson
