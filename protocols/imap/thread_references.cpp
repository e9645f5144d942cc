// THREAD=REFERENCES (RFC 5256 §3): the algorithm's six steps, one function each.
#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "protocols/imap/thread.hpp"

namespace maillab::protocols::imap {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Ancestors step 1's loop checks may visit per message, all messages pooled. Normal mail
// needs a few (only a container that already has children is walked from); a crafted
// mailbox of deep chains would otherwise need messages × depth. Past the budget a link
// whose check would walk further is not made, as if it were a loop.
constexpr std::size_t kLoopCheckStepsPerMessage = 256;

struct Container {
    std::size_t record = kNone;  // kNone: a dummy
    std::size_t parent = kNone;
    std::size_t slot = 0;  // position in the parent's children, so unlinking costs no search
    std::vector<std::size_t> children;
};

class ReferencesThreader {
public:
    explicit ReferencesThreader(std::vector<ThreadRecord> records)
        : records_(std::move(records)),
          loop_check_budget_(kLoopCheckStepsPerMessage * records_.size()) {
        std::sort(records_.begin(), records_.end(),
                  [](const ThreadRecord& a, const ThreadRecord& b) { return a.seq < b.seq; });
    }

    ThreadForest run() {
        for (std::size_t i = 0; i < records_.size(); ++i)
            link_message(i);             // step 1
        std::vector<std::size_t> roots;  // step 2
        for (std::size_t c = 0; c < nodes_.size(); ++c) {
            if (nodes_[c].parent == kNone) roots.push_back(c);
        }
        roots = prune(roots);           // step 3
        sort_roots(roots);              // step 4
        roots = merge_subjects(roots);  // step 5
        sort_siblings(roots);           // step 6
        return forest(roots);
    }

private:
    std::size_t add_container() {
        nodes_.emplace_back();
        return nodes_.size() - 1;
    }

    std::size_t container_for(const std::string& id) {
        const auto [it, added] = id_table_.try_emplace(id, nodes_.size());
        if (added) add_container();
        return it->second;
    }

    // Linking `parent` above `child` would make a loop when child is parent or one of its
    // ancestors. A child without children (a new message, most dummies) is no one's ancestor:
    // so a long chain of replies costs no walk up the chain per message.
    bool would_loop(std::size_t parent, std::size_t child) {
        if (nodes_[child].children.empty()) return parent == child;
        for (std::size_t up = parent; up != kNone; up = nodes_[up].parent) {
            if (up == child) return true;
            if (loop_check_steps_ == loop_check_budget_) return true;  // see the budget above
            ++loop_check_steps_;
        }
        return false;
    }

    void link(std::size_t parent, std::size_t child) {
        nodes_[child].parent = parent;
        nodes_[child].slot = nodes_[parent].children.size();
        nodes_[parent].children.push_back(child);
    }

    // The last sibling takes the child's place: the order of siblings before step 4 does
    // not matter, since every sort key differs once step 3 has pruned the dummies.
    void unlink(std::size_t child) {
        std::vector<std::size_t>& siblings = nodes_[nodes_[child].parent].children;
        const std::size_t moved = siblings.back();
        siblings[nodes_[child].slot] = moved;
        nodes_[moved].slot = nodes_[child].slot;
        siblings.pop_back();
        nodes_[child].parent = kNone;
    }

    // Step 1: the message's own container, then 1A and 1B.
    void link_message(std::size_t index) {
        const ThreadRecord& record = records_[index];
        std::size_t self = kNone;
        if (!record.message_id.empty()) {
            const std::size_t found = container_for(record.message_id);
            // A dummy so far takes the message; a duplicate ID gets a container of its own.
            if (nodes_[found].record == kNone) self = found;
        }
        if (self == kNone) self = add_container();
        nodes_[self].record = index;

        const std::vector<std::string>& refs = record.references;
        for (std::size_t k = 0; k + 1 < refs.size(); ++k) {  // 1A
            const std::size_t parent = container_for(refs[k]);
            const std::size_t child = container_for(refs[k + 1]);
            if (nodes_[child].parent == kNone && !would_loop(parent, child)) link(parent, child);
        }
        if (nodes_[self].parent != kNone) unlink(self);  // 1B
        if (refs.empty()) return;
        const std::size_t parent = container_for(refs.back());
        if (!would_loop(parent, self)) link(parent, self);
    }

    bool dummy(std::size_t c) const { return nodes_[c].record == kNone; }

    // Every container below `roots`, each after all of its descendants.
    std::vector<std::size_t> post_order(const std::vector<std::size_t>& roots) const {
        std::vector<std::size_t> order;
        std::vector<std::size_t> stack(roots.begin(), roots.end());
        while (!stack.empty()) {
            const std::size_t c = stack.back();
            stack.pop_back();
            order.push_back(c);
            stack.insert(stack.end(), nodes_[c].children.begin(), nodes_[c].children.end());
        }
        std::reverse(order.begin(), order.end());
        return order;
    }

    // Step 3. Bottom-up, so a dummy's children are final when it is judged: below the root
    // every dummy gives way to its children; at the root only one with a single child does.
    std::vector<std::size_t> prune(const std::vector<std::size_t>& roots) {
        const auto promoted = [&](const std::vector<std::size_t>& list, bool at_root) {
            std::vector<std::size_t> kept;
            for (std::size_t c : list) {
                if (!dummy(c) || (at_root && nodes_[c].children.size() > 1)) {
                    kept.push_back(c);
                    continue;
                }
                for (std::size_t grandchild : nodes_[c].children)
                    nodes_[grandchild].parent = at_root ? kNone : nodes_[c].parent;
                kept.insert(kept.end(), nodes_[c].children.begin(), nodes_[c].children.end());
            }
            return kept;
        };
        for (std::size_t c : post_order(roots))
            nodes_[c].children = promoted(nodes_[c].children, false);
        return promoted(roots, true);
    }

    // The sent date and sequence number a container sorts by: a dummy's first child's.
    std::pair<std::int64_t, std::uint32_t> sort_key(std::size_t c) const {
        while (dummy(c) && !nodes_[c].children.empty())
            c = nodes_[c].children.front();
        if (dummy(c)) return {0, 0};
        const ThreadRecord& r = records_[nodes_[c].record];
        return {r.sent, r.seq};
    }

    void sort_list(std::vector<std::size_t>& list) const {
        std::stable_sort(list.begin(), list.end(),
                         [&](std::size_t a, std::size_t b) { return sort_key(a) < sort_key(b); });
    }

    // Step 4: the roots, a dummy's children first.
    void sort_roots(std::vector<std::size_t>& roots) {
        for (std::size_t c : roots) {
            if (dummy(c)) sort_list(nodes_[c].children);
        }
        sort_list(roots);
    }

    const ThreadRecord* thread_record(std::size_t c) const {
        if (dummy(c)) {
            if (nodes_[c].children.empty()) return nullptr;
            c = nodes_[c].children.front();
            if (dummy(c)) return nullptr;
        }
        return &records_[nodes_[c].record];
    }

    bool reply(std::size_t c) const {
        return !dummy(c) && records_[nodes_[c].record].reply_or_forward;
    }

    // Step 5.
    std::vector<std::size_t> merge_subjects(std::vector<std::size_t> roots) {
        std::unordered_map<std::string, std::size_t> subject_table;
        for (std::size_t c : roots) {  // 5B
            const ThreadRecord* r = thread_record(c);
            if (r == nullptr || r->subject.empty()) continue;
            const auto [it, added] = subject_table.try_emplace(r->subject, c);
            if (added) continue;
            const std::size_t old = it->second;
            if (!dummy(old) && (dummy(c) || (reply(old) && !reply(c)))) it->second = c;
        }
        std::vector<bool> gone(nodes_.size(), false);
        const std::size_t count = roots.size();
        for (std::size_t i = 0; i < count; ++i) {  // 5C
            const std::size_t c = roots[i];
            if (gone[c]) continue;
            const ThreadRecord* r = thread_record(c);
            if (r == nullptr || r->subject.empty()) continue;
            std::size_t& held = subject_table[r->subject];
            if (held == c) continue;
            const std::size_t old = held;
            gone[c] = true;
            if (dummy(old) && dummy(c)) {
                for (std::size_t child : nodes_[c].children)
                    nodes_[child].parent = old;
                nodes_[old].children.insert(nodes_[old].children.end(), nodes_[c].children.begin(),
                                            nodes_[c].children.end());
                nodes_[c].children.clear();
            } else if (dummy(old) || (reply(c) && !reply(old))) {
                link(old, c);
            } else {
                const std::size_t joined = add_container();
                gone.push_back(false);
                gone[old] = true;
                link(joined, old);
                link(joined, c);
                roots.push_back(joined);
                held = joined;
            }
        }
        std::vector<std::size_t> kept;
        for (std::size_t c : roots) {
            if (!gone[c]) kept.push_back(c);
        }
        return kept;
    }

    // Step 6: every set of siblings; the roots last, since a dummy sorts by its first child.
    void sort_siblings(std::vector<std::size_t>& roots) {
        for (std::size_t c : post_order(roots))
            sort_list(nodes_[c].children);
        sort_list(roots);
    }

    ThreadForest forest(const std::vector<std::size_t>& roots) const {
        ThreadForest out;
        out.nodes.resize(nodes_.size());
        for (std::size_t c = 0; c < nodes_.size(); ++c) {
            out.nodes[c].id = dummy(c) ? 0 : records_[nodes_[c].record].id;
            out.nodes[c].children = nodes_[c].children;
        }
        out.roots = roots;
        out.loop_check_steps = loop_check_steps_;
        return out;
    }

    std::vector<ThreadRecord> records_;
    std::vector<Container> nodes_;
    std::unordered_map<std::string, std::size_t> id_table_;
    std::size_t loop_check_budget_;
    std::size_t loop_check_steps_ = 0;
};

}  // namespace

ThreadForest thread_references(std::vector<ThreadRecord> records) {
    return ReferencesThreader{std::move(records)}.run();
}

}  // namespace maillab::protocols::imap
