// Which commands only set a session up or close it: connect and greeting,
// TLS, capabilities, login, the folder list (EHLO, STARTTLS, AUTH; CAPA,
// STLS, USER, PASS; CAPABILITY, ENABLE, LOGIN, LIST...) and QUIT/LOGOUT.
// The terminal transcript folds these phases into one line and the window's
// sequence chart into one row; both ask this one classifier.
#pragma once

#include <string>
#include <string_view>

namespace maillab::sim {

// The verb of a command as sent, upper-cased: its first word, or its second
// after an IMAP tag ("A2 LOGIN alice" → "LOGIN"); a tag is a first word with
// more than letters in it.
std::string command_verb(std::string_view line);

// True for the commands that only set a session up (greeting, TLS,
// capabilities, login, listing folders); `line` is the command as sent,
// with or without an IMAP tag.
bool routine_command(std::string_view line);

// True for the commands that end a session politely: QUIT, LOGOUT.
bool closing_command(std::string_view line);

// True for the IMAP untagged answers that only describe a mailbox as it is
// opened: "* FLAGS (...)", "* 0 RECENT", "* OK [UIDVALIDITY 1] ..." and the
// other response codes SELECT sends. EXISTS, VANISHED and FETCH are news,
// not routine.
bool mailbox_status_reply(std::string_view reply);

// True for a reply that refuses or fails: SMTP 4xx/5xx, POP3 -ERR, an IMAP
// tagged NO or BAD. A refusal is never folded away.
bool refusal_reply(std::string_view reply);

}  // namespace maillab::sim
