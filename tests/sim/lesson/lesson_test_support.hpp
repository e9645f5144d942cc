// A small valid lesson and helpers to break it line by line, so each test can
// name the exact line and column its diagnostic must point at.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sim/lesson/lesson_loader.hpp"

namespace maillab::sim::lesson::test {

// Line numbers matter: the tests below replace lines by number.
inline const std::string kTinyLesson = R"(id = "tiny"
title = "Tiny"
summary = "A tiny lesson."
level = "beginner"
minutes = 5

[world]

[[world.servers]]
name = "mail.example.org"
address = "192.0.2.10"
domains = ["example.org"]
services = ["smtp", "submission", "imap"]

[[world.servers.accounts]]
user = "alice"
password = "secret"

[[world.devices]]
name = "laptop"
address = "198.51.100.10"
kind = "laptop"

[[world.devices.accounts]]
server = "mail.example.org"
user = "alice"
password = "secret"

[[steps]]
title = "Sync"
narration = "The laptop syncs."
actions = [{ do = "imap-sync", device = "laptop" }]
checks = [{ check = "mailbox-count", server = "mail.example.org", account = "alice", equals = 0 }]

[[quiz]]
question = "Which protocol keeps mail on the server?"
choices = ["POP3", "IMAP"]
answer = 2
explanation = "IMAP."
)";

// The lesson with line `number` (from 1) replaced by `text`.
inline std::string with_line(const std::string& lesson, int number, const std::string& text) {
    std::istringstream in{lesson};
    std::string line;
    std::string out;
    for (int n = 1; std::getline(in, line); ++n)
        out += (n == number ? text : line) + "\n";
    return out;
}

inline std::vector<std::string> problems(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : parse_lesson(text, "t.toml").diagnostics)
        out.push_back(format_diagnostic(d));
    return out;
}

}  // namespace maillab::sim::lesson::test
