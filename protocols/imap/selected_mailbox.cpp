#include "protocols/imap/selected_mailbox.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

namespace {
constexpr std::pair<store::SystemFlag, std::string_view> kSystemFlags[] = {
    {store::SystemFlag::Seen, "\\Seen"},       {store::SystemFlag::Answered, "\\Answered"},
    {store::SystemFlag::Flagged, "\\Flagged"}, {store::SystemFlag::Deleted, "\\Deleted"},
    {store::SystemFlag::Draft, "\\Draft"},
};
}  // namespace

std::vector<std::string> flag_names(const store::Flags& flags, bool recent) {
    std::vector<std::string> names;
    if (recent) names.emplace_back("\\Recent");
    for (const auto& [flag, name] : kSystemFlags) {
        if (flags.has(flag)) names.emplace_back(name);
    }
    names.insert(names.end(), flags.keywords.begin(), flags.keywords.end());
    return names;
}

void write_flag_names(std::string& out, const store::Flags& flags, bool recent) {
    out += '(';
    const std::size_t open = out.size();
    const auto add = [&](std::string_view name) {
        if (out.size() != open) out += ' ';
        out += name;
    };
    if (recent) add("\\Recent");
    for (const auto& [flag, name] : kSystemFlags) {
        if (flags.has(flag)) add(name);
    }
    for (const std::string& keyword : flags.keywords)
        add(keyword);
    out += ')';
}

std::vector<UntaggedLine> flags_announcement(const std::vector<std::string>& keywords,
                                             bool read_only) {
    std::vector<std::string> flags = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};
    flags.insert(flags.end(), keywords.begin(), keywords.end());
    std::vector<UntaggedLine> lines{{flags_response(flags), "FLAGS"}};
    // A read-only session may change nothing (RFC 3501 §6.3.2); "\*": new keywords may be made.
    if (read_only) flags.clear();
    if (!read_only) flags.push_back("\\*");
    lines.push_back(
        {status_response("", Status::Ok, permanentflags_code(flags),
                         read_only ? "No permanent flags permitted" : "Flags permitted"),
         "PERMANENTFLAGS"});
    return lines;
}

SelectedMailbox::SelectedMailbox(std::string account, std::string name, std::uint32_t uidvalidity,
                                 bool read_only, std::vector<store::MessageInfo> messages,
                                 std::uint64_t highest_modseq, RecentClaims* claims,
                                 std::vector<std::string> keywords)
    : account_(std::move(account)),
      name_(std::move(name)),
      uidvalidity_(uidvalidity),
      read_only_(read_only),
      highest_modseq_(highest_modseq),
      claims_(claims),
      keywords_(std::move(keywords)) {
    messages_.reserve(messages.size());
    for (auto& info : messages)
        messages_.push_back(SelectedMessage{.info = std::move(info)});
    const std::uint32_t before = claim_recent(largest_uid());
    for (auto& m : messages_)
        m.recent = claims_ != nullptr && m.info.uid > before;
    told_exists_ = exists();
    told_recent_ = recent_count();
}

std::uint32_t SelectedMailbox::claim_recent(store::Uid highest) {
    if (claims_ == nullptr) return highest;
    // A read-only session sees what is still new without taking the news from others.
    if (read_only_) return claims_->claimed(account_, name_, uidvalidity_);
    return claims_->claim(account_, name_, uidvalidity_, highest);
}

std::uint32_t SelectedMailbox::recent_count() const {
    return static_cast<std::uint32_t>(std::count_if(
        messages_.begin(), messages_.end(), [](const SelectedMessage& m) { return m.recent; }));
}

std::optional<std::uint32_t> SelectedMailbox::first_unseen() const {
    for (std::size_t i = 0; i < messages_.size(); ++i) {
        if (!messages_[i].info.flags.has(store::SystemFlag::Seen))
            return static_cast<std::uint32_t>(i + 1);
    }
    return std::nullopt;
}

std::uint32_t SelectedMailbox::largest_uid() const {
    return messages_.empty() ? 0 : messages_.back().info.uid;
}

std::optional<std::uint32_t> SelectedMailbox::seq_of(store::Uid uid) const {
    const auto it =
        std::lower_bound(messages_.begin(), messages_.end(), uid,
                         [](const SelectedMessage& m, store::Uid u) { return m.info.uid < u; });
    if (it == messages_.end() || it->info.uid != uid) return std::nullopt;
    return static_cast<std::uint32_t>(it - messages_.begin() + 1);
}

std::optional<std::vector<std::uint32_t>> SelectedMailbox::resolve(const SequenceSet& set,
                                                                   bool uid) const {
    std::vector<std::uint32_t> seqs;
    // No sequence number is valid in an empty mailbox; a UID set just matches nothing.
    if (messages_.empty()) {
        if (!uid) return std::nullopt;
        return seqs;
    }
    const std::uint32_t largest = uid ? largest_uid() : exists();
    for (const SeqRange& r : set.ranges) {
        std::uint32_t lo = r.first == kStar ? largest : r.first;
        std::uint32_t hi = r.last == kStar ? largest : r.last;
        if (lo > hi) std::swap(lo, hi);
        if (!uid) {
            if (hi > largest) return std::nullopt;
            for (std::uint32_t s = lo; s <= hi; ++s)
                seqs.push_back(s);
            continue;
        }
        auto it =
            std::lower_bound(messages_.begin(), messages_.end(), lo,
                             [](const SelectedMessage& m, store::Uid u) { return m.info.uid < u; });
        for (; it != messages_.end() && it->info.uid <= hi; ++it)
            seqs.push_back(static_cast<std::uint32_t>(it - messages_.begin() + 1));
    }
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    return seqs;
}

SequenceSet SelectedMailbox::missing(const SequenceSet& wanted, std::uint32_t uidnext) const {
    std::vector<SeqRange> ranges;
    if (uidnext <= 1) return {};
    for (const SeqRange& r : wanted.ranges) {
        std::uint32_t lo = r.first == kStar ? uidnext - 1 : r.first;
        std::uint32_t hi = r.last == kStar ? uidnext - 1 : r.last;
        if (lo > hi) std::swap(lo, hi);
        hi = std::min(hi, uidnext - 1);
        if (lo <= hi) ranges.push_back({lo, hi});
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const SeqRange& a, const SeqRange& b) { return a.first < b.first; });
    SequenceSet gone;
    std::uint64_t next = 1;  // numbers below are done
    for (const SeqRange& r : ranges) {
        std::uint64_t cursor = std::max<std::uint64_t>(r.first, next);
        auto it = std::lower_bound(
            messages_.begin(), messages_.end(), cursor,
            [](const SelectedMessage& m, std::uint64_t u) { return m.info.uid < u; });
        while (cursor <= r.last) {
            const std::uint64_t stop = it == messages_.end()
                                           ? std::uint64_t{r.last} + 1
                                           : std::min<std::uint64_t>(it->info.uid, r.last + 1ULL);
            if (stop > cursor) {
                gone.ranges.push_back(
                    {static_cast<std::uint32_t>(cursor), static_cast<std::uint32_t>(stop - 1)});
            }
            cursor = stop + 1;
            if (it != messages_.end()) ++it;
        }
        next = std::max<std::uint64_t>(next, std::uint64_t{r.last} + 1);
    }
    return gone;
}

bool SelectedMailbox::needs_details() const {
    return std::any_of(messages_.begin(), messages_.end(),
                       [](const SelectedMessage& m) { return !m.complete; });
}

void SelectedMailbox::fill_details(const std::vector<store::MessageInfo>& messages) {
    for (const store::MessageInfo& info : messages) {
        const auto seq = seq_of(info.uid);
        if (!seq) continue;
        SelectedMessage& m = at(*seq);
        if (m.complete) continue;
        m.info.size = info.size;
        m.info.internal_date = info.internal_date;
        m.info.saved_at = info.saved_at;
        m.complete = true;
    }
}

void SelectedMailbox::update(const store::MessageInfo& info) {
    const auto seq = seq_of(info.uid);
    if (!seq) return;
    SelectedMessage& m = at(*seq);
    m.info.flags = info.flags;
    m.info.modseq = info.modseq;
    highest_modseq_ = std::max(highest_modseq_, info.modseq);
}

std::optional<std::uint32_t> SelectedMailbox::remove(store::Uid uid) {
    const auto seq = seq_of(uid);
    if (!seq) return std::nullopt;
    if (at(*seq).expunged) --held_expunges_;
    if (*seq <= told_exists_) {
        --told_exists_;
        if (at(*seq).recent) --told_recent_;
    }
    messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(*seq - 1));
    forget_retained(uid);
    return seq;
}

std::vector<UntaggedLine> SelectedMailbox::announce_keywords(const store::Flags& flags) {
    bool learned = false;
    for (const std::string& keyword : flags.keywords) {
        if (std::find(keywords_.begin(), keywords_.end(), keyword) != keywords_.end()) continue;
        keywords_.push_back(keyword);
        learned = true;
    }
    if (!learned) return {};
    return flags_announcement(keywords_, read_only_);
}

const std::string* SelectedMailbox::retained(store::Uid uid) const {
    const auto found = retained_.find(uid);
    return found == retained_.end() ? nullptr : found->second.get();
}

void SelectedMailbox::forget_retained(store::Uid uid) {
    const auto found = retained_.find(uid);
    if (found == retained_.end()) return;
    retained_octets_ -= found->second->size();
    retained_.erase(found);
}

void SelectedMailbox::queue(const store::Change& change) {
    if (change.kind == store::ChangeKind::Expunged && change.retained &&
        retained_octets_ + change.retained->size() <= kMaxRetainedOctets &&
        retained_.emplace(change.uid, change.retained).second) {
        retained_octets_ += change.retained->size();
    }
    changes_.push_back(change);
}

void SelectedMailbox::apply(const store::Change& change, std::vector<store::Uid>& flag_changes) {
    highest_modseq_ = std::max(highest_modseq_, change.modseq);
    switch (change.kind) {
        case store::ChangeKind::Appended: {
            if (change.uid <= largest_uid()) return;
            const std::uint32_t before = claim_recent(change.uid);
            messages_.push_back(SelectedMessage{
                .info = {.uid = change.uid, .modseq = change.modseq, .flags = change.flags},
                .recent = claims_ != nullptr && change.uid > before,
                .complete = false});
            return;
        }
        case store::ChangeKind::FlagsChanged: {
            const auto seq = seq_of(change.uid);
            if (!seq || at(*seq).expunged) return;
            // This session's own STORE may have told newer flags since the change was queued.
            if (change.modseq < at(*seq).info.modseq) return;
            at(*seq).info.flags = change.flags;
            at(*seq).info.modseq = change.modseq;
            flag_changes.push_back(change.uid);
            return;
        }
        case store::ChangeKind::Expunged: {
            const auto seq = seq_of(change.uid);
            if (!seq || at(*seq).expunged) return;
            at(*seq).expunged = true;
            ++held_expunges_;
            return;
        }
        default:
            return;
    }
}

std::vector<UntaggedLine> SelectedMailbox::flush(bool allow_expunge, UpdateStyle style) {
    std::vector<UntaggedLine> out;
    std::vector<store::Uid> flag_changes;
    for (const store::Change& change : changes_)
        apply(change, flag_changes);
    changes_.clear();

    if (allow_expunge && held_expunges_ > 0) {
        std::vector<std::uint32_t> gone;
        for (std::size_t i = 0; i < messages_.size();) {
            if (!messages_[i].expunged) {
                ++i;
                continue;
            }
            // A message that came and went between two flushes was never told: no EXPUNGE.
            if (i < told_exists_) {
                gone.push_back(messages_[i].info.uid);
                if (!style.qresync) {
                    out.push_back({expunge_response(static_cast<std::uint32_t>(i + 1)), "EXPUNGE"});
                }
                --told_exists_;
                if (messages_[i].recent) --told_recent_;
            }
            forget_retained(messages_[i].info.uid);
            messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (style.qresync && !gone.empty()) {
            out.push_back({vanished_response(compress_numbers(gone), false), "VANISHED"});
        }
        held_expunges_ = 0;
    }
    if (exists() != told_exists_) {
        out.push_back({exists_response(exists()), "EXISTS"});
        told_exists_ = exists();
    }
    if (recent_count() != told_recent_) {
        told_recent_ = recent_count();
        if (style.recent) out.push_back({recent_response(told_recent_), "RECENT"});
    }
    std::sort(flag_changes.begin(), flag_changes.end());
    flag_changes.erase(std::unique(flag_changes.begin(), flag_changes.end()), flag_changes.end());
    for (const store::Uid uid : flag_changes) {
        const auto seq = seq_of(uid);
        if (!seq || at(*seq).expunged) continue;
        const SelectedMessage& m = at(*seq);
        for (UntaggedLine& line : announce_keywords(m.info.flags))
            out.push_back(std::move(line));
        FetchResponse fetch(*seq);
        fetch.uid(uid).flags(flag_names(m.info.flags, m.recent && style.recent));
        if (style.condstore) fetch.modseq(m.info.modseq);
        out.push_back({fetch.str(), "FETCH"});
    }
    return out;
}

}  // namespace maillab::protocols::imap
