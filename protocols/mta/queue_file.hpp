// Queue file: one queue entry as bytes on disk, and back.
//
// A line-based text format, readable with `less`, that survives any message
// bytes because the message's length is written before it:
//
//   maillab-queue 1                      magic and version
//   id: 0000002A                         queue id (hex, as format_queue_id)
//   arrival: 60000000                    virtual microseconds
//   first-attempt: -1
//   sender: alice@example.org            empty for "<>"
//   envid: ...  ret: full|hdrs|unspecified  smtputf8: 0|1  8bitmime: 0|1
//   rcpt: bob@example.net                starts a recipient; the keys below belong to it
//   notify: SUCCESS,FAILURE  orcpt: rfc822;bob@example.net  state: deferred
//   reply: 451 4.3.0 try later  status: 4.3.0  remote-mta: mx.example.net
//   attempts: 2  next-attempt: ...  last-attempt: ...  delay-warned: 0|1
//   message-length: 1234
//   (blank line)
//   exactly message-length bytes of message, nothing after them
//
// Each "key: value" is one LF-ended line; values escape '%', control bytes and
// DEL as %XX so a reply's CRLF cannot break the format. A missing field, a
// repeated one, an unknown key, a bad number, a wrong length or trailing bytes
// make the file invalid: the loader then moves it aside instead of guessing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

constexpr std::string_view kQueueFileMagic = "maillab-queue 1";
// Limits for reading a queue file (it may be damaged or hostile).
constexpr std::size_t kMaxQueueFileLineOctets = 16 * 1024;
constexpr std::size_t kMaxQueueFileRecipients = 1000;
constexpr std::size_t kMaxQueueFileMessageOctets = 64 * 1024 * 1024;

std::string serialize_queue_entry(const QueueEntry& entry);

struct QueueFileParse {
    std::optional<QueueEntry> entry;
    std::string error;  // "line 7: unknown field 'colour'" when entry is empty
};

QueueFileParse parse_queue_entry(std::string_view bytes);

}  // namespace maillab::protocols::mta
