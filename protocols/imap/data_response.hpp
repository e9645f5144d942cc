// Untagged server data (RFC 3501 §7.2-§7.4 and the extensions): EXISTS,
// RECENT, EXPUNGE, FLAGS, SEARCH, ESEARCH (RFC 4731), VANISHED (RFC 7162),
// LIST/LSUB, STATUS, FETCH, ENABLED (RFC 5161), QUOTA/QUOTAROOT (RFC 9208).
// Each function returns one complete "* ..." response line with its CRLF;
// strings inside use the quoting rules of response_writer.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/sequence_set.hpp"

namespace maillab::protocols::imap {

std::string exists_response(std::uint32_t count);
std::string recent_response(std::uint32_t count);
std::string expunge_response(std::uint32_t seq);
// "* VANISHED (EARLIER) 41,43:116" — EARLIER when answering a FETCH/SELECT.
std::string vanished_response(const SequenceSet& uids, bool earlier);
std::string flags_response(const std::vector<std::string>& flags);
std::string enabled_response(const std::vector<std::string>& capabilities);
// "* SEARCH 2 84 882" and, with CONDSTORE, "(MODSEQ n)" at the end (RFC 7162 §3.1.5).
std::string search_response(const std::vector<std::uint32_t>& numbers,
                            std::optional<std::uint64_t> highest_modseq = std::nullopt);

struct EsearchResult {
    std::optional<std::uint32_t> min;
    std::optional<std::uint32_t> max;
    std::optional<std::uint32_t> count;
    std::optional<SequenceSet> all;
    // With CONDSTORE: the highest mod-sequence of the messages reported (RFC 7162 §3.1.5).
    std::optional<std::uint64_t> modseq;
};
// "* ESEARCH (TAG "a1") UID MIN 2 MAX 47 COUNT 3 ALL 2,10:11" (RFC 4731 §3.1).
std::string esearch_response(std::string_view tag, bool uid, const EsearchResult& result);

// "* LIST (\HasNoChildren) "/" INBOX"; delimiter 0 prints NIL.
// `utf8`: the session speaks IMAP4rev2, whose names may be quoted UTF-8 (write_mailbox).
std::string list_response(const std::vector<std::string>& attributes, char delimiter,
                          std::string_view mailbox, bool lsub = false, bool utf8 = false);
// "* STATUS Drafts (MESSAGES 3 UIDNEXT 44)"
std::string status_data_response(std::string_view mailbox,
                                 const std::vector<std::pair<std::string, std::uint64_t>>& items,
                                 bool utf8 = false);
// "* QUOTA "" (STORAGE 10 512)" — usage then limit per resource.
std::string quota_response(
    std::string_view root,
    const std::vector<std::pair<std::string, std::pair<std::uint64_t, std::uint64_t>>>& resources);
// "* QUOTAROOT INBOX """
std::string quotaroot_response(std::string_view mailbox, const std::vector<std::string>& roots,
                               bool utf8 = false);

// Builds "* 12 FETCH (FLAGS (\\Seen) UID 4827313 BODY[] {n}\r\n...)". The line is
// written in one buffer as the items come: a FETCH of 100,000 messages makes
// one string per response, not one per item.
class FetchResponse {
public:
    explicit FetchResponse(std::uint32_t seq);

    FetchResponse& uid(std::uint32_t uid);
    FetchResponse& flags(const std::vector<std::string>& flags);
    FetchResponse& modseq(std::uint64_t modseq);
    FetchResponse& size(std::uint64_t octets);  // RFC822.SIZE
    FetchResponse& internal_date(const DateTime& date);
    // Any item whose value is an nstring: "BODY[HEADER]", "RFC822.TEXT", "BINARY[1]" ...
    FetchResponse& nstring(std::string_view name, const std::optional<std::string>& value);
    // An item whose value is already formatted (ENVELOPE, BODYSTRUCTURE lists).
    FetchResponse& raw(std::string_view name, std::string_view value);
    // Starts the item `name` and returns the line, for the caller to append its value.
    std::string& value_of(std::string_view name);

    bool empty() const { return line_.size() == head_; }
    std::string str() const&;
    std::string str() &&;  // the line itself, without a copy

private:
    std::string line_;  // "* 12 FETCH (" and the items so far
    std::size_t head_;  // octets of "* 12 FETCH ("
};

}  // namespace maillab::protocols::imap
