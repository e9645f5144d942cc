// ServerSession's LIST and LSUB: RFC 3501 §6.3.8-§6.3.9 with LIST-EXTENDED
// (RFC 5258) selection and return options, LIST-STATUS (RFC 5819) and the
// special-use attributes (RFC 6154).
#include <algorithm>
#include <string>
#include <vector>

#include "protocols/imap/data_response.hpp"
#include "protocols/imap/list_pattern.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/store/mailbox_name.hpp"

namespace maillab::protocols::imap {

namespace {

bool has(const std::vector<std::string>& options, std::string_view name) {
    return std::find(options.begin(), options.end(), name) != options.end();
}

struct ListEntry {
    std::string name;
    std::vector<std::string> attributes;
    bool selectable = true;
    bool child_info = false;  // RECURSIVEMATCH: listed for a subscribed descendant
};

// RFC 3501 §6.3.9: when "%" stops a pattern above a subscribed name, LSUB names
// the level it stopped at with \Noselect, if that name is not subscribed itself,
// so a client walking the tree one level at a time finds the subscription.
void add_unsubscribed_parents(std::vector<ListEntry>& entries,
                              const std::vector<std::string>& subscriptions,
                              const std::vector<std::string>& patterns) {
    constexpr char d = store::kHierarchyDelimiter;
    const auto listed = [&](std::string_view name) {
        return std::any_of(entries.begin(), entries.end(),
                           [&](const ListEntry& e) { return e.name == name; });
    };
    for (const std::string& pattern : patterns) {
        if (pattern.find('%') == std::string::npos) continue;
        for (const std::string& s : subscriptions) {
            for (auto cut = s.find(d); cut != std::string::npos; cut = s.find(d, cut + 1)) {
                const std::string parent = s.substr(0, cut);
                if (!list_pattern_matches(pattern, parent, d) || listed(parent)) continue;
                if (std::find(subscriptions.begin(), subscriptions.end(), parent) !=
                    subscriptions.end()) {
                    continue;
                }
                entries.push_back({parent, {"\\Noselect"}, false, false});
            }
        }
    }
}

}  // namespace

std::vector<std::string> ServerSession::list_attributes(const store::MailboxInfo& mailbox,
                                                        bool lsub) const {
    std::vector<std::string> attributes;
    // A name only there for its children: IMAP4rev2 says it does not exist
    // (\NonExistent implies \Noselect, RFC 9051 §7.3.1), as Dovecot does with LIST-EXTENDED.
    if (!mailbox.selectable) attributes.emplace_back(rev2_ ? "\\NonExistent" : "\\Noselect");
    if (lsub) return attributes;
    attributes.emplace_back(mailbox.has_children ? "\\HasChildren" : "\\HasNoChildren");
    if (const auto use = store::special_use_attribute(mailbox.special_use); !use.empty())
        attributes.emplace_back(use);
    return attributes;
}

void ServerSession::selected_list_response(std::string_view name) {
    const auto boxes = store_->list_mailboxes(user_);
    if (!boxes) return;
    for (const store::MailboxInfo& mb : boxes.value()) {
        if (mb.name != name) continue;
        data(list_response(list_attributes(mb, false), store::kHierarchyDelimiter,
                           client_name(mb.name), false, true),
             "LIST");
        return;
    }
}

void ServerSession::list(const std::string& tag, const ListCmd& l) {
    constexpr char d = store::kHierarchyDelimiter;
    const std::string_view verb = l.lsub ? "LSUB" : "LIST";
    const bool subscribed_only = has(l.selection, "SUBSCRIBED");
    const bool special_only = has(l.selection, "SPECIAL-USE");
    const bool recursive = has(l.selection, "RECURSIVEMATCH");
    // RFC 5258 §3: RECURSIVEMATCH alone (or with only REMOTE) would be ambiguous, so it is
    // a syntax error.
    if (recursive && !subscribed_only && !special_only) {
        bad(tag, "RECURSIVEMATCH needs another selection option");
        return;
    }
    const bool show_subscribed = l.lsub || subscribed_only || has(l.returns, "SUBSCRIBED");
    // An empty pattern asks only for the delimiter and root (RFC 3501 §6.3.8).
    if (!l.lsub && l.selection.empty() && l.patterns.size() == 1 && l.patterns.front().empty()) {
        data(list_response({"\\Noselect"}, d, ""), verb);
        reply(tag, Status::Ok, std::nullopt, "LIST completed");
        return;
    }
    std::vector<std::string> patterns;
    for (const std::string& p : l.patterns) {
        patterns.push_back(list_canonical_pattern(l.reference.name, p));
        if (patterns.back().size() > kMaxListPatternOctets) {
            bad(tag, "Mailbox pattern too long");
            return;
        }
    }
    const auto matches = [&](std::string_view name) {
        return std::any_of(patterns.begin(), patterns.end(),
                           [&](const std::string& p) { return list_pattern_matches(p, name, d); });
    };
    auto boxes = store_->list_mailboxes(user_);
    auto subs = store_->subscriptions(user_);
    if (!boxes || !subs) return store_failure(tag, boxes ? subs.error() : boxes.error());
    const auto subscribed = [&](std::string_view name) {
        return std::find(subs.value().begin(), subs.value().end(), name) != subs.value().end();
    };

    std::vector<ListEntry> entries;
    for (const store::MailboxInfo& mb : boxes.value()) {
        ListEntry e{mb.name, list_attributes(mb, l.lsub), mb.selectable, false};
        const bool is_sub = subscribed(mb.name);
        if (show_subscribed && is_sub && !l.lsub) e.attributes.emplace_back("\\Subscribed");
        if (!matches(mb.name)) continue;
        // RFC 5258 §3.5: with RECURSIVEMATCH a match is told (CHILDINFO) that it has a
        // subscribed descendant the patterns did not match, so the client knows to look.
        if (recursive && subscribed_only &&
            std::any_of(subs.value().begin(), subs.value().end(), [&](const std::string& s) {
                return store::is_below(s, mb.name) && !matches(s);
            })) {
            e.child_info = true;
        }
        if ((l.lsub || subscribed_only) && !is_sub && !e.child_info) continue;
        if (special_only && store::special_use_attribute(mb.special_use).empty()) continue;
        entries.push_back(std::move(e));
    }
    // Subscribed names that no longer exist are still listed (RFC 3501 §6.3.9, RFC 5258 §3).
    if (l.lsub || subscribed_only) {
        for (const std::string& s : subs.value()) {
            const bool exists =
                std::any_of(boxes.value().begin(), boxes.value().end(),
                            [&](const store::MailboxInfo& mb) { return mb.name == s; });
            if (exists || !matches(s)) continue;
            entries.push_back({s,
                               l.lsub ? std::vector<std::string>{"\\Noselect"}
                                      : std::vector<std::string>{"\\NonExistent", "\\Subscribed"},
                               false, false});
        }
    }
    if (l.lsub) add_unsubscribed_parents(entries, subs.value(), patterns);
    for (const ListEntry& e : entries) {
        std::string line = list_response(e.attributes, d, client_name(e.name), l.lsub, rev2_);
        if (e.child_info) {
            line.resize(line.size() - 2);
            line += " (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n";
        }
        data(std::move(line), verb);
        // RFC 5819 §2: the STATUS of each selectable match follows its LIST line.
        if (!l.status_items.empty() && e.selectable) {
            if (const auto items = status_items(e.name, l.status_items))
                data(status_data_response(client_name(e.name), *items, rev2_), "STATUS");
        }
    }
    reply(tag, Status::Ok, std::nullopt, std::string{verb} + " completed");
}

}  // namespace maillab::protocols::imap
