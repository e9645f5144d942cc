// RecentClaims: which messages some session has already been told about, so
// that only the first session to see a message reports it with \Recent
// (RFC 3501 §2.3.2). The store keeps no session state, so every session on one
// store shares one RecentClaims object (ServerConfig::recent).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace maillab::protocols::imap {

class RecentClaims {
public:
    // Claims every UID up to `highest` in the mailbox and returns the highest
    // UID claimed before, so the caller sets \Recent on the UIDs above it.
    std::uint32_t claim(std::string_view account, std::string_view mailbox,
                        std::uint32_t uidvalidity, std::uint32_t highest) {
        auto& seen = claimed_[{std::string{account}, std::string{mailbox}, uidvalidity}];
        const std::uint32_t before = seen;
        if (highest > seen) seen = highest;
        return before;
    }

    // The highest UID claimed so far (0: none).
    std::uint32_t claimed(std::string_view account, std::string_view mailbox,
                          std::uint32_t uidvalidity) const {
        const auto found = claimed_.find({std::string{account}, std::string{mailbox}, uidvalidity});
        return found == claimed_.end() ? 0 : found->second;
    }

private:
    std::map<std::tuple<std::string, std::string, std::uint32_t>, std::uint32_t> claimed_;
};

}  // namespace maillab::protocols::imap
