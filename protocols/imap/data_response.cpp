#include "protocols/imap/data_response.hpp"

#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

namespace {

std::string line(std::string body) {
    return "* " + body + "\r\n";
}

std::string numbered(std::uint32_t n, std::string_view what) {
    return line(std::to_string(n) + " " + std::string{what});
}

std::string space_joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += ' ';
        out += item;
    }
    return out;
}

}  // namespace

std::string exists_response(std::uint32_t count) {
    return numbered(count, "EXISTS");
}
std::string recent_response(std::uint32_t count) {
    return numbered(count, "RECENT");
}
std::string expunge_response(std::uint32_t seq) {
    return numbered(seq, "EXPUNGE");
}

std::string vanished_response(const SequenceSet& uids, bool earlier) {
    return line(std::string{"VANISHED "} + (earlier ? "(EARLIER) " : "") +
                format_sequence_set(uids));
}

std::string flags_response(const std::vector<std::string>& flags) {
    std::string out = "FLAGS ";
    write_flag_list(out, flags);
    return line(std::move(out));
}

std::string enabled_response(const std::vector<std::string>& capabilities) {
    return line("ENABLED" + space_joined(capabilities));
}

std::string search_response(const std::vector<std::uint32_t>& numbers,
                            std::optional<std::uint64_t> highest_modseq) {
    std::string out = "SEARCH";
    for (std::uint32_t n : numbers)
        out += " " + std::to_string(n);
    // RFC 7162 §3.1.5: no MODSEQ item when nothing matched.
    if (highest_modseq && !numbers.empty()) {
        out += " (MODSEQ " + std::to_string(*highest_modseq) + ")";
    }
    return line(std::move(out));
}

std::string esearch_response(std::string_view tag, bool uid, const EsearchResult& r) {
    std::string out = "ESEARCH (TAG ";
    write_string(out, tag);
    out += ')';
    if (uid) out += " UID";
    if (r.min) out += " MIN " + std::to_string(*r.min);
    if (r.max) out += " MAX " + std::to_string(*r.max);
    if (r.count) out += " COUNT " + std::to_string(*r.count);
    // RFC 4731 §3.1: ALL is left out when nothing matched.
    if (r.all && !r.all->ranges.empty()) out += " ALL " + format_sequence_set(*r.all);
    if (r.modseq) out += " MODSEQ " + std::to_string(*r.modseq);
    return line(std::move(out));
}

std::string list_response(const std::vector<std::string>& attributes, char delimiter,
                          std::string_view mailbox, bool lsub, bool utf8) {
    std::string out = lsub ? "LSUB " : "LIST ";
    write_flag_list(out, attributes);
    out += ' ';
    if (delimiter == '\0') {
        out += "NIL";
    } else {
        write_string(out, std::string_view{&delimiter, 1});
    }
    out += ' ';
    write_mailbox(out, mailbox, utf8);
    return line(std::move(out));
}

std::string status_data_response(std::string_view mailbox,
                                 const std::vector<std::pair<std::string, std::uint64_t>>& items,
                                 bool utf8) {
    std::string out = "STATUS ";
    write_mailbox(out, mailbox, utf8);
    out += " (";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ' ';
        out += items[i].first + " " + std::to_string(items[i].second);
    }
    out += ')';
    return line(std::move(out));
}

std::string quota_response(
    std::string_view root,
    const std::vector<std::pair<std::string, std::pair<std::uint64_t, std::uint64_t>>>& resources) {
    std::string out = "QUOTA ";
    write_astring(out, root);
    out += " (";
    for (std::size_t i = 0; i < resources.size(); ++i) {
        if (i > 0) out += ' ';
        const auto& [name, usage] = resources[i];
        out += name + " " + std::to_string(usage.first) + " " + std::to_string(usage.second);
    }
    out += ')';
    return line(std::move(out));
}

std::string quotaroot_response(std::string_view mailbox, const std::vector<std::string>& roots,
                               bool utf8) {
    std::string out = "QUOTAROOT ";
    write_mailbox(out, mailbox, utf8);
    for (const auto& root : roots) {
        out += ' ';
        write_astring(out, root);
    }
    return line(std::move(out));
}

FetchResponse::FetchResponse(std::uint32_t seq) : line_("* ") {
    line_ += std::to_string(seq);
    line_ += " FETCH (";
    head_ = line_.size();
}

std::string& FetchResponse::value_of(std::string_view name) {
    if (!empty()) line_ += ' ';
    line_ += name;
    line_ += ' ';
    return line_;
}

FetchResponse& FetchResponse::uid(std::uint32_t uid) {
    value_of("UID") += std::to_string(uid);
    return *this;
}

FetchResponse& FetchResponse::flags(const std::vector<std::string>& flags) {
    write_flag_list(value_of("FLAGS"), flags);
    return *this;
}

FetchResponse& FetchResponse::modseq(std::uint64_t modseq) {
    std::string& out = value_of("MODSEQ");
    out += '(';
    out += std::to_string(modseq);
    out += ')';
    return *this;
}

FetchResponse& FetchResponse::size(std::uint64_t octets) {
    value_of("RFC822.SIZE") += std::to_string(octets);
    return *this;
}

FetchResponse& FetchResponse::internal_date(const DateTime& date) {
    value_of("INTERNALDATE") += format_date_time(date);
    return *this;
}

FetchResponse& FetchResponse::nstring(std::string_view name,
                                      const std::optional<std::string>& value) {
    write_nstring(value_of(name), value);
    return *this;
}

FetchResponse& FetchResponse::raw(std::string_view name, std::string_view value) {
    value_of(name) += value;
    return *this;
}

std::string FetchResponse::str() const& {
    return line_ + ")\r\n";
}

std::string FetchResponse::str() && {
    line_ += ")\r\n";
    return std::move(line_);
}

}  // namespace maillab::protocols::imap
