#include "protocols/imap/thread.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace maillab::protocols::imap {

ThreadForest thread_ordered_subject(std::vector<ThreadRecord> records) {
    std::sort(records.begin(), records.end(), [](const ThreadRecord& a, const ThreadRecord& b) {
        return std::tie(a.subject, a.sent, a.seq) < std::tie(b.subject, b.sent, b.seq);
    });
    // Each thread: the index of its first record, and the records it spans.
    struct Thread {
        std::size_t first;
        std::size_t end;
    };
    std::vector<Thread> threads;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (threads.empty() || records[threads.back().first].subject != records[i].subject) {
            threads.push_back({i, i + 1});
        } else {
            threads.back().end = i + 1;
        }
    }
    std::stable_sort(threads.begin(), threads.end(), [&](const Thread& a, const Thread& b) {
        const ThreadRecord& x = records[a.first];
        const ThreadRecord& y = records[b.first];
        return std::tie(x.sent, x.seq) < std::tie(y.sent, y.seq);
    });
    ThreadForest forest;
    forest.nodes.reserve(records.size());
    for (const Thread& t : threads) {
        const std::size_t root = forest.nodes.size();
        forest.roots.push_back(root);
        forest.nodes.push_back({records[t.first].id, {}});
        for (std::size_t i = t.first + 1; i < t.end; ++i) {
            forest.nodes[root].children.push_back(forest.nodes.size());
            forest.nodes.push_back({records[i].id, {}});
        }
    }
    return forest;
}

ThreadForest thread_messages(ThreadAlgorithm algorithm, std::vector<ThreadRecord> records) {
    if (algorithm == ThreadAlgorithm::References) return thread_references(std::move(records));
    return thread_ordered_subject(std::move(records));
}

std::string thread_lists(const ThreadForest& forest) {
    // Work left to do, last first: a node to write, or a parenthesis.
    struct Step {
        std::size_t node;
        char text;  // '(' or ')', or '\0' for the node
    };
    std::vector<Step> stack;
    const auto push_lists = [&](const std::vector<std::size_t>& nodes) {
        for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
            stack.push_back({0, ')'});
            stack.push_back({*it, '\0'});
            stack.push_back({0, '('});
        }
    };
    std::string out;
    push_lists(forest.roots);
    while (!stack.empty()) {
        const Step step = stack.back();
        stack.pop_back();
        if (step.text != '\0') {
            out += step.text;
            continue;
        }
        const ThreadForest::Node& node = forest.nodes[step.node];
        if (node.id != 0) {
            out += std::to_string(node.id);
            if (!node.children.empty()) out += ' ';
        }
        if (node.children.size() == 1) {
            stack.push_back({node.children.front(), '\0'});
        } else {
            push_lists(node.children);
        }
    }
    return out;
}

std::string thread_response(const ThreadForest& forest) {
    std::string out = "* THREAD";
    if (!forest.roots.empty()) {
        out += ' ';
        out += thread_lists(forest);
    }
    out += "\r\n";
    return out;
}

}  // namespace maillab::protocols::imap
