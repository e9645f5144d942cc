// How much a lesson file may declare. A hostile or broken file gets a clear
// message naming the limit instead of exhausting memory or time.
#pragma once

#include <cstddef>

namespace maillab::sim::lesson {

inline constexpr std::size_t kMaxFileBytes = 1024 * 1024;
inline constexpr std::size_t kMaxHosts = 64;  // servers and devices together
inline constexpr std::size_t kMaxAccountsPerServer = 100;
inline constexpr std::size_t kMaxAccountsPerDevice = 10;
inline constexpr std::size_t kMaxMessages = 1000;  // preloaded, in the whole world
inline constexpr std::size_t kMaxLinks = 200;
inline constexpr std::size_t kMaxDnsRecords = 200;
inline constexpr std::size_t kMaxSteps = 200;
inline constexpr std::size_t kMaxActionsPerStep = 100;
inline constexpr std::size_t kMaxChecksPerStep = 100;
inline constexpr std::size_t kMaxQuizQuestions = 50;
inline constexpr std::size_t kMinChoices = 2;
inline constexpr std::size_t kMaxChoices = 6;
// Deepest nesting of tables and arrays anywhere in the file. A lesson needs
// five (world.servers[].accounts[].messages[]); anything far deeper is hostile.
inline constexpr std::size_t kMaxNesting = 12;

}  // namespace maillab::sim::lesson
