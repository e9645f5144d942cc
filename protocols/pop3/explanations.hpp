// Plain-language explanations of POP3 commands and replies, each with the RFC
// section that defines them, written for a student reading a trace.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocols/core/explanation.hpp"
#include "protocols/pop3/command_parser.hpp"
#include "protocols/pop3/response.hpp"

namespace maillab::protocols::pop3::explain {

using core::Explanation;

// What a command asks for (used by the server on receipt and the client on sending).
Explanation command(const Command& cmd);
// The client's view of a reply to the command it sent.
Explanation response(Verb sent, const Response& reply);

// Server replies.
Explanation greeting(bool with_apop_timestamp);
Explanation capa(bool authorization);
Explanation user_accepted(std::string_view user);
Explanation plaintext_refused();
Explanation pass_without_user();
Explanation logged_in(std::string_view method, std::size_t count, std::size_t octets);
Explanation login_failed(std::string_view method);
Explanation login_delay();
Explanation temporary_failure();
Explanation in_use();
Explanation too_many_login_failures(std::size_t limit);
Explanation apop_unavailable();
Explanation auth_mechanisms();
Explanation auth_continue();
Explanation sasl_response();
Explanation auth_cancelled();
Explanation auth_bad_base64();
Explanation auth_unknown_mechanism(std::string_view mechanism);
Explanation stls_begin();
Explanation stls_refused(std::string_view why);
Explanation stat(std::size_t count, std::size_t octets);
Explanation list_all(std::size_t count);
Explanation list_one(std::size_t number, std::size_t size);
Explanation uidl_all(std::size_t count);
Explanation uidl_one(std::size_t number, std::string_view uid);
Explanation retr(std::size_t number, std::size_t size);
Explanation top(std::size_t number, std::size_t lines);
Explanation dele(std::size_t number);
Explanation noop();
Explanation rset(std::size_t count);
Explanation no_such_message(std::string_view argument);
Explanation already_deleted(std::size_t number);
Explanation missing_argument(Verb verb);
Explanation wrong_state(Verb verb, bool logged_in);
Explanation unknown_command(std::string_view keyword);
Explanation bad_line(ParseError error);
Explanation line_too_long(std::size_t limit);
Explanation too_many_bad_commands(std::size_t limit);
Explanation quit_without_update();
Explanation quit_update(std::size_t removed);
Explanation quit_update_failed();
Explanation read_failed(std::size_t number);
Explanation idle_timeout();
Explanation dropped_without_quit(bool in_transaction);
Explanation state_transaction();
Explanation state_update();
Explanation state_authorization_after_tls();

}  // namespace maillab::protocols::pop3::explain
