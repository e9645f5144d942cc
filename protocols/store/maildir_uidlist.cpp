#include "protocols/store/maildir_uidlist.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace maillab::protocols::store::maildir {
namespace {

constexpr std::array<std::pair<SpecialUse, std::string_view>, 6> kSpecialUseWords{{
    {SpecialUse::None, "-"},
    {SpecialUse::Sent, "Sent"},
    {SpecialUse::Drafts, "Drafts"},
    {SpecialUse::Trash, "Trash"},
    {SpecialUse::Junk, "Junk"},
    {SpecialUse::Archive, "Archive"},
}};

// Reads one space-terminated number from the front of `text`.
template <class Number>
bool take_number(std::string_view& text, Number& value) {
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr == text.data() + text.size() || *parsed.ptr != ' ') {
        return false;
    }
    text.remove_prefix(static_cast<std::size_t>(parsed.ptr - text.data()) + 1);
    return true;
}

std::string_view take_line(std::string_view& text) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

std::string format_record(const UidListRecord& record) {
    return std::to_string(record.uid) + " " + std::to_string(record.modseq) + " " +
           std::to_string(record.size) + " " + std::to_string(record.internal_date) + " " +
           std::to_string(record.saved_at) + " " + record.location + "\n";
}

std::string format_counters(char kind, const UidList& list) {
    return std::string(1, kind) + " " + std::to_string(list.uidnext) + " " +
           std::to_string(list.highest_modseq) + " ";
}

// A record line after the numbers that precede it:
// "<uid> <modseq> <size> <date> <save-date> <location>", version 1 without <save-date>.
std::optional<UidListRecord> parse_record(std::string_view line, Uid uidnext, bool version1) {
    UidListRecord record;
    if (!take_number(line, record.uid) || !take_number(line, record.modseq) ||
        !take_number(line, record.size) || !take_number(line, record.internal_date)) {
        return std::nullopt;
    }
    record.saved_at = record.internal_date;
    if (!version1 && !take_number(line, record.saved_at)) return std::nullopt;
    const bool located = line.starts_with("cur/") || line.starts_with("new/");
    const std::string_view file = line.substr(std::min<std::size_t>(4, line.size()));
    if (!located || file.empty() || file[0] == '.' || file.find('/') != std::string_view::npos ||
        record.uid == 0 || record.uid >= uidnext) {
        return std::nullopt;
    }
    if (std::any_of(file.begin(), file.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        return std::nullopt;
    }
    record.location = std::string(line);
    return record;
}

bool by_uid(const UidListRecord& record, Uid uid) {
    return record.uid < uid;
}

// Applies one appended line ("+ ..." or "- ..."); false if it is malformed.
bool apply_change(std::string_view line, UidList& list, bool version1) {
    const char kind = line.front();
    line.remove_prefix(std::min<std::size_t>(2, line.size()));
    Uid uidnext = 0;
    ModSeq highest = 0;
    if (!take_number(line, uidnext) || !take_number(line, highest) || uidnext < list.uidnext ||
        highest < list.highest_modseq) {
        return false;
    }
    list.uidnext = uidnext;
    list.highest_modseq = highest;
    auto& records = list.records;
    if (kind == '-') {
        Uid uid = 0;
        const auto parsed = std::from_chars(line.data(), line.data() + line.size(), uid);
        if (parsed.ec != std::errc() || parsed.ptr != line.data() + line.size()) return false;
        const auto found = std::lower_bound(records.begin(), records.end(), uid, by_uid);
        if (found != records.end() && found->uid == uid) records.erase(found);
        return true;
    }
    auto record = parse_record(line, list.uidnext, version1);
    if (!record) return false;
    const auto found = std::lower_bound(records.begin(), records.end(), record->uid, by_uid);
    if (found != records.end() && found->uid == record->uid) {
        *found = std::move(*record);
    } else {
        if (records.size() >= kMaxUidListRecords) return false;
        records.insert(found, std::move(*record));
    }
    return true;
}

}  // namespace

std::string format_uidlist_upsert(const UidList& list, const UidListRecord& record) {
    return format_counters('+', list) + format_record(record);
}

std::string format_uidlist_removal(const UidList& list, Uid uid) {
    return format_counters('-', list) + std::to_string(uid) + "\n";
}

std::string format_uidlist(const UidList& list) {
    std::string special = "-";
    for (const auto& [use, word] : kSpecialUseWords) {
        if (use == list.special_use) special = word;
    }
    std::string text = std::string(kUidListHeader) + "\n" + std::to_string(list.uidvalidity) + " " +
                       std::to_string(list.uidnext) + " " + std::to_string(list.highest_modseq) +
                       " " + special + "\n";
    for (const auto& record : list.records)
        text += format_record(record);
    return text;
}

std::optional<UidList> parse_uidlist(std::string_view text) {
    const std::string_view version = take_line(text);
    const bool version1 = version == kUidListHeaderVersion1;
    if (version != kUidListHeader && !version1) return std::nullopt;
    UidList list;
    std::string_view header = take_line(text);
    if (!take_number(header, list.uidvalidity) || !take_number(header, list.uidnext) ||
        !take_number(header, list.highest_modseq) || list.uidvalidity == 0 || list.uidnext == 0) {
        return std::nullopt;
    }
    bool known_special = false;
    for (const auto& [use, word] : kSpecialUseWords) {
        if (header == word) {
            list.special_use = use;
            known_special = true;
        }
    }
    if (!known_special) return std::nullopt;
    std::size_t changes = 0;
    // Only the last line can lack its newline.
    const bool last_line_complete = text.ends_with('\n');
    while (!text.empty()) {
        std::string_view line = take_line(text);
        if (line.empty()) continue;
        if (line.starts_with("+ ") || line.starts_with("- ")) {
            // Cut short by a crash while it was appended.
            if (text.empty() && !last_line_complete) break;
            if (++changes > 2 * kMaxUidListRecords || !apply_change(line, list, version1))
                return std::nullopt;
            continue;
        }
        // The records written whole come before any appended change.
        if (changes > 0 || list.records.size() >= kMaxUidListRecords) return std::nullopt;
        auto record = parse_record(line, list.uidnext, version1);
        if (!record || (!list.records.empty() && record->uid <= list.records.back().uid)) {
            return std::nullopt;
        }
        list.records.push_back(std::move(*record));
    }
    return list;
}

}  // namespace maillab::protocols::store::maildir
