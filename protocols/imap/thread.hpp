// THREAD (RFC 5256 §3): the two threading algorithms and the answer
// "* THREAD (2)(3 6 (4 23)(44 7 96))".
//
// ORDEREDSUBJECT (§3, THREAD Command):
// - [x] messages sorted by base subject, then sent date, then sequence number;
//       each run of one base subject (the empty one included) is a thread
// - [x] the thread's first message at the top, every other one its child
//       (no grandchildren); threads ordered by their first message's sent date
// REFERENCES (§3, THREAD Command), steps 1 to 6 (thread_references.cpp):
// - [x] 1A: the References (or the first In-Reply-To) IDs linked in a chain,
//       a missing message standing in as a dummy; an existing parent is kept;
//       no link that would make a loop; a message without a valid Message-ID,
//       or with one an earlier message has, gets a unique ID of its own
// - [x] 1B: the last reference made the message's parent, replacing the parent
//       it had; no parent when that would make a loop or there is no reference
// - [x] 2: the messages without a parent are the roots
// - [x] 3: dummies pruned, their children promoted; at the root only when there
//       is a single child
// - [x] 4: roots sorted by sent date (a dummy by its first child's)
// - [x] 5: roots with one base subject merged (subject_table): a dummy, or a
//       message that is not a reply, takes in the others; otherwise both go
//       under a new dummy
// - [x] 6: every set of siblings sorted by sent date, then sequence number
// Hostile input: no recursion (trees are flat vectors, walks use explicit
// stacks), so a chain of 100,000 replies or a References loop costs memory
// and time in proportion, never stack; IDs are bounded by message_ids.hpp.
// Step 1 is linear: a parent is unlinked without a search, and the loop checks'
// walks up the tree share a budget of 256 ancestors per message (a crafted
// mailbox of deep chains loses the links beyond it, as if they were loops).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "protocols/imap/sort_criteria.hpp"

namespace maillab::protocols::imap {

struct ThreadRecord {
    std::uint32_t seq = 0;
    std::uint32_t id = 0;   // what the answer names: sequence number or UID
    std::int64_t sent = 0;  // sort_keys.hpp sent_time
    std::string subject;    // collation key of the base subject
    bool reply_or_forward = false;
    std::string message_id;               // REFERENCES only; empty: none
    std::vector<std::string> references;  // REFERENCES only; parent last
};

// A forest over flat nodes; a node with id 0 is a dummy (REFERENCES only).
struct ThreadForest {
    struct Node {
        std::uint32_t id = 0;
        std::vector<std::size_t> children;
    };
    std::vector<Node> nodes;
    std::vector<std::size_t> roots;
    // REFERENCES: ancestors visited by step 1's loop checks, at most 256 per message.
    std::size_t loop_check_steps = 0;
};

// Records in any order; both use sequence numbers to break ties.
ThreadForest thread_ordered_subject(std::vector<ThreadRecord> records);
ThreadForest thread_references(std::vector<ThreadRecord> records);
ThreadForest thread_messages(ThreadAlgorithm algorithm, std::vector<ThreadRecord> records);

// "(2)(3 6 (4 23)(44 7 96))": one list per root; a chain of only children is
// written flat; two or more children each get their own parentheses.
std::string thread_lists(const ThreadForest& forest);
// "* THREAD (2)(3 6)\r\n", "* THREAD\r\n" when nothing matched.
std::string thread_response(const ThreadForest& forest);

}  // namespace maillab::protocols::imap
