// Explanation: the plain-language meaning of a command or reply, and where the
// RFC says so. Every engine attaches one to each event it emits, so the GUI,
// the transcript and lessons can teach without knowing protocol internals.
#pragma once

#include <string>

namespace maillab::protocols::core {

struct Explanation {
    std::string meaning;    // "RCPT names one recipient of the message"
    std::string reference;  // "RFC 5321 §4.1.1.3"

    bool empty() const { return meaning.empty() && reference.empty(); }
    bool operator==(const Explanation&) const = default;
};

}  // namespace maillab::protocols::core
