#!/usr/bin/env python3
"""The hostile-input catalogue (issue 9): each row throws one known attack at a
running `maillab serve` through real sockets, checks the answer the RFCs ask
for, and then checks that the server still serves a normal SMTP and POP3
client (and, for the IMAP rows, a normal IMAP client). At the end, no forged
message reached any mailbox and a normal message still goes through.
Usage: hostile_test.py MAILLAB_BINARY"""
import os
import poplib
import smtplib
import socket
import ssl
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from serve_harness import Serve, check, client_tls_context, unique_token, wait_for_message

# Longer than the longest failed-login delay (POP3: 3 x 2 s), or the bridge
# would drop a storm client while the server still holds its answer.
IDLE_TIMEOUT_SECONDS = 7
MAX_CONNECTIONS = 6
SMTP_COMMAND_LIMIT = 2048  # kMaxCommandLineOctets, protocols/smtp/command_parser.hpp
SMTP_TEXT_LINE_LIMIT = 65536  # kMaxDataLineOctets, protocols/smtp/data_reader.hpp
POP3_COMMAND_LIMIT = 255  # kMaxCommandOctets, protocols/pop3/command_parser.hpp
POP3_MAX_AUTH_FAILURES = 3  # kDefaultMaxAuthFailures, protocols/pop3/server_session.hpp
SMTP_HARD_ERROR_LIMIT = 20  # kDefaultHardErrorLimit, protocols/smtp/server_config.hpp
SMTP_SOFT_ERROR_LIMIT = 10  # kDefaultSoftErrorLimit: from this 5xx on, replies are delayed
SMTP_ERROR_DELAY = 1.0  # kDefaultErrorDelay, seconds
POP3_AUTH_FAILURE_DELAY = 2.0  # kDefaultAuthFailureDelay: the k-th failure waits k times this
SLACK = 0.8  # a measured delay must reach this share of the configured one
FORGED = "forged-by-smuggling"
IMAP_LITERAL_LIMIT = 64 * 1024  # kMaxLiteralOctets, protocols/imap/command_reader.hpp
IMAP_SEARCH_DEPTH = 32  # kMaxSearchDepth, protocols/imap/search_key.hpp
HUGE_LITERAL = 4 * 1024 ** 3  # 4 GiB: one more than fits in 32 bits
MULTIPART_NESTING = 200


class Line:
    """A connection that reads CRLF lines, with a deadline for each."""

    def __init__(self, serve, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", serve.port(port)), timeout=timeout)
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"closed; unread: {self.buffer!r}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode("latin-1")

    def reply(self):
        """One SMTP reply (its last line) or one POP3 status line."""
        while True:
            line = self.line()
            if not (len(line) > 3 and line[3] == "-"):
                return line

    def closed_within(self, seconds):
        """True when the peer closes (EOF or reset) within `seconds`."""
        self.sock.settimeout(seconds)
        try:
            while True:
                if not self.sock.recv(65536):
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def starttls(self):
        self.sock = client_tls_context().wrap_socket(self.sock)
        self.buffer = b""

    def close(self):
        self.sock.close()


def smtp_session(serve, port=25):
    c = Line(serve, port)
    check(c.reply().startswith("220 "), "no SMTP greeting")
    c.send(b"EHLO hostile.test\r\n")
    check(c.reply().startswith("250 "), "EHLO refused")
    return c


def pop3_session(serve, port=110):
    c = Line(serve, port)
    check(c.reply().startswith("+OK"), "no POP3 greeting")
    return c


def expect(reply, prefix, what):
    check(reply.startswith(prefix), f"{what}: got {reply!r}, expected {prefix!r}")


# ---- the rows ---------------------------------------------------------------

def transaction(text):
    """SMTP steps: a mail transaction to bob whose message text is `text`."""
    return [(b"MAIL FROM:<alice@maillab.test>\r\nRCPT TO:<bob@maillab.test>\r\n",
             ["250 2.1.0", "250 2.1.5"]),
            (b"DATA\r\n", ["354 "]),
            (text, [])]


def smuggled(trick):
    """Only CRLF.CRLF ends the text; the bare CR/LF makes it refused whole, so
    the MAIL hidden behind the trick never runs as a command."""
    return transaction(b"Subject: innocent\r\n\r\nhello" + trick +
                       b"MAIL FROM:<admin@maillab.test>\r\nRCPT TO:<alice@maillab.test>\r\n"
                       + f"DATA\r\nSubject: {FORGED}\r\n\r\n{FORGED}\r\n.\r\n".encode()) + [
        (b"", ["550 5.5.2"]), (b"NOOP\r\n", ["250 2.0.0"])]


# (row, port, steps): each step sends bytes after the greeting (and after EHLO
# on SMTP ports), then expects replies starting with these prefixes, in order.
EXCHANGES = [
    ("SMTP smuggling \\n.\\n", 25, smuggled(b"\n.\n")),
    ("SMTP smuggling \\r.\\r", 25, smuggled(b"\r.\r")),
    ("SMTP smuggling \\n.\\r\\n", 25, smuggled(b"\n.\r\n")),
    ("SMTP command line over the limit", 25,
     [(b"NOOP " + b"x" * (SMTP_COMMAND_LIMIT * 4) + b"\r\nNOOP\r\n", ["500 5.5.2", "250 2.0.0"])]),
    ("SMTP text line over the limit", 25, transaction(
        f"Subject: {FORGED}\r\n\r\n".encode() + b"y" * (SMTP_TEXT_LINE_LIMIT * 2) + b"\r\n.\r\n")
     + [(b"", ["554 5.6.0"]), (b"NOOP\r\n", ["250 2.0.0"])]),
    ("POP3 command line over the limit", 110,
     [(b"USER " + b"u" * (POP3_COMMAND_LIMIT * 8) + b"\r\nCAPA\r\n", ["-ERR", "+OK"])]),
    ("NUL bytes in SMTP commands", 25,
     [(b"NO\x00OP\r\nMAIL FROM:<a\x00b@maillab.test>\r\nNOOP\r\n",
       ["500 5.5.2", "500 5.5.2", "250 2.0.0"])]),
    ("NUL bytes in POP3 commands", 110,
     [(b"USER b\x00ob\r\nCA\x00PA\r\nCAPA\r\n", ["-ERR", "-ERR", "+OK"])]),
    ("invalid base64 in SMTP AUTH PLAIN", 587,
     [(b"AUTH PLAIN not*base64!\r\nNOOP\r\n", ["501 5.5.2", "250 2.0.0"])]),
    ("invalid base64 in SMTP AUTH LOGIN", 587,
     [(b"AUTH LOGIN\r\n", ["334 "]), (b"%%%%\r\nNOOP\r\n", ["501 5.5.2", "250 2.0.0"])]),
    ("invalid base64 in POP3 AUTH PLAIN", 110,
     [(b"AUTH PLAIN not*base64!\r\nCAPA\r\n", ["-ERR", "+OK"])]),
]


def exchange(port, steps):
    def row(serve):
        c = smtp_session(serve, port) if port in (25, 587) else pop3_session(serve, port)
        for data, prefixes in steps:
            if data:
                c.send(data)
            for prefix in prefixes:
                expect(c.reply(), prefix, f"after sending {data[:40]!r}")
        c.close()
    return row


def starttls_injection(serve):
    c = smtp_session(serve)
    c.send(b"STARTTLS\r\nMAIL FROM:<evil@maillab.test>\r\n")
    expect(c.reply(), "220 2.0.0", "STARTTLS")
    c.sock.settimeout(0.5)
    try:
        extra = c.sock.recv(100)
    except socket.timeout:
        extra = b""
    check(extra == b"", f"a plaintext reply to the injected MAIL arrived: {extra!r}")
    c.sock.settimeout(10)
    c.starttls()
    c.send(b"EHLO hostile.test\r\n")
    expect(c.reply(), "250 ", "EHLO inside TLS")
    c.send(b"RCPT TO:<bob@maillab.test>\r\n")
    # Had the injected MAIL run, RCPT would be accepted.
    expect(c.reply(), "503 5.5.1", "RCPT without a (protected) MAIL")
    c.close()


def stls_injection(serve):
    c = pop3_session(serve)
    c.send(b"STLS\r\nUSER bob\r\nPASS bob\r\n")
    expect(c.reply(), "+OK", "STLS")
    c.starttls()
    c.send(b"STAT\r\n")
    # Had the injected USER/PASS run, STAT would answer +OK.
    expect(c.reply(), "-ERR", "STAT before a login inside TLS")
    c.send(b"USER bob\r\nPASS bob\r\nSTAT\r\n")
    expect(c.reply(), "+OK", "USER inside TLS")
    expect(c.reply(), "+OK", "PASS inside TLS")
    expect(c.reply(), "+OK", "STAT after a real login")
    c.send(b"QUIT\r\n")
    c.close()


def smtp_login_storm(serve):
    c = smtp_session(serve, 587)
    started = time.time()
    replies = []
    waits = []  # seconds from each AUTH to its answer
    for _ in range(SMTP_HARD_ERROR_LIMIT + 5):
        try:
            sent = time.time()
            c.send(b"AUTH PLAIN AGFsaWNlAHdyb25n\r\n")  # alice / wrong
            replies.append(c.reply())
            waits.append(time.time() - sent)
        except (ConnectionError, OSError):
            break
        if replies[-1].startswith("421"):
            break
    check(all(r.startswith("535 5.7.8") for r in replies[:-1]), f"replies {set(replies)}")
    expect(replies[-1], "421 4.7.0", f"after {len(replies)} failed logins")
    check(c.closed_within(5), "the server did not hang up after 421")
    # Slowed: from the soft limit on, each answer is held back (Postfix's tarpit).
    # The 421 comes in the same held chunk as the last 535, already read.
    slowed = waits[SMTP_SOFT_ERROR_LIMIT - 1:-1]
    check(all(w >= SMTP_ERROR_DELAY * SLACK for w in slowed),
          f"answers after the soft limit came in {[round(w, 2) for w in slowed]} s")
    check(waits[0] < SMTP_ERROR_DELAY * SLACK, f"the first failure waited {waits[0]:.2f} s")
    print(f"    {len(replies) - 1} failed SMTP logins, then 421, in {time.time() - started:.1f} s;"
          f" first answer after {waits[0]:.2f} s, last 535 after {waits[-2]:.2f} s")


def pop3_login_storm(serve):
    c = pop3_session(serve)
    started = time.time()
    answers = []
    waits = []  # seconds from each PASS to its answer
    for _ in range(POP3_MAX_AUTH_FAILURES + 3):
        try:
            c.send(b"USER bob\r\n")
            c.reply()
            sent = time.time()
            c.send(b"PASS wrong\r\n")
            answers.append(c.reply())
            waits.append(time.time() - sent)
        except (ConnectionError, OSError):
            break
    check(len(answers) <= POP3_MAX_AUTH_FAILURES and all("[AUTH]" in a for a in answers),
          f"failed logins answered {answers}")
    check(c.closed_within(10), "the server did not hang up after the failed logins")
    # Slowed: the k-th failure is answered k x auth_failure_delay late, so each
    # answer comes measurably later than the one before.
    check(len(waits) == POP3_MAX_AUTH_FAILURES, f"{len(waits)} answers")
    for k, w in enumerate(waits, start=1):
        check(w >= k * POP3_AUTH_FAILURE_DELAY * SLACK,
              f"failure {k} answered after {w:.2f} s, expected {k * POP3_AUTH_FAILURE_DELAY} s")
    check(waits[-1] - waits[0] >= POP3_AUTH_FAILURE_DELAY * SLACK,
          f"waits {[round(w, 2) for w in waits]} s do not grow")
    print(f"    {len(answers)} failed POP3 logins, then closed, in {time.time() - started:.1f} s;"
          f" answers after {', '.join(f'{w:.2f}' for w in waits)} s")


def slowloris(serve):
    for port in (25, 110):
        c = Line(serve, port)
        c.line()  # the greeting
        c.send(b"NOO")  # and then nothing, ever
        started = time.time()
        check(c.closed_within(IDLE_TIMEOUT_SECONDS * 4),
              f"an idle half-command on {port} was not timed out")
        waited = time.time() - started
        check(waited >= IDLE_TIMEOUT_SECONDS * 0.8, f"closed after {waited:.1f} s, too soon")


def too_many_connections(serve):
    for port, refusal in ((25, "421 4.7.0"), (110, "-ERR [SYS/TEMP]")):
        held = [Line(serve, port) for _ in range(MAX_CONNECTIONS)]
        for c in held:
            c.line()  # greeted: all of them are live
        extra = Line(serve, port)
        expect(extra.line(), refusal, f"connection {MAX_CONNECTIONS + 1} on {port}")
        check(extra.closed_within(5), "the refused connection stays open")
        for c in held:
            c.close()
        time.sleep(0.3)  # the bridge sees the closes
        extra.close()
    # Implicit TLS: no plaintext, just the close.
    held = [client_tls_context().wrap_socket(socket.create_connection(
        ("127.0.0.1", serve.port(995)), timeout=10)) for _ in range(MAX_CONNECTIONS)]
    try:
        client_tls_context().wrap_socket(socket.create_connection(
            ("127.0.0.1", serve.port(995)), timeout=10)).recv(10)
        raise AssertionError("connection over the limit on 995 got through the handshake")
    except (ssl.SSLError, ConnectionError, OSError):
        pass
    for s in held:
        s.close()
    time.sleep(0.3)


def tls_garbage(serve):
    garbage = [
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x00\x05hello",  # a handshake record whose body is not a ClientHello
        b"\x16\x03\x01\xff\xff" + b"\x00" * 64,  # a record announcing more than it sends
        bytes(range(256)) * 4,
    ]
    for port in (465, 995):
        for data in garbage:
            c = Line(serve, port)
            c.send(data)
            c.sock.settimeout(5)
            answer = b""
            try:
                while True:
                    chunk = c.sock.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
            except socket.timeout:
                if data.startswith(b"\x16\x03\x01\xff\xff"):
                    pass  # waiting for the rest of a record is right; the idle timeout ends it
                else:
                    raise AssertionError(f"{port} kept a garbage handshake open: {data[:20]!r}")
            except ConnectionResetError:
                pass
            check(answer == b"" or answer[0] == 0x15,
                  f"{port} answered garbage with something other than a TLS alert: {answer[:20]!r}")
            c.close()


# ---- IMAP rows --------------------------------------------------------------

def imap_session(serve, login=True):
    c = Line(serve, 143)
    expect(c.line(), "* OK", "IMAP greeting")
    if login:
        c.send(b"L LOGIN bob bob\r\n")
        expect(imap_tagged(c, "L"), "L OK", "IMAP LOGIN")
    return c


def imap_tagged(c, tag):
    """Reads up to the tagged reply; returns it. An untagged BYE ends the wait too."""
    while True:
        line = c.line()
        if line.startswith(tag + " ") or line.startswith("* BYE"):
            return line


def imap_noop_works(c, what):
    c.send(b"N NOOP\r\n")
    expect(imap_tagged(c, "N"), "N OK", f"NOOP after {what}")


def imap_refused(c, command, what, answers=("NO", "BAD")):
    """Sends one tagged command; its answer must be one of `answers`, then NOOP still works."""
    c.send(b"T " + command + b"\r\n")
    line = imap_tagged(c, "T")
    check(any(line.startswith(f"T {a}") for a in answers),
          f"{what}: got {line!r}, expected {' or '.join(answers)}")
    imap_noop_works(c, what)


def resident_kib(serve):
    with open(f"/proc/{serve.process.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def imap_huge_literal(serve):
    before = resident_kib(serve)
    for command in (b"SELECT", b"APPEND INBOX", b"LOGIN"):
        c = imap_session(serve, login=command != b"LOGIN")
        c.send(b"H " + command + b" {%d}\r\n" % HUGE_LITERAL)
        answer = c.line()
        check(answer.startswith(("H NO", "H BAD", "* BYE")),
              f"{command!r} with a 4 GiB literal: got {answer!r} (a '+' would invite the octets)")
        if not answer.startswith("* BYE"):
            imap_noop_works(c, f"a refused 4 GiB literal in {command!r}")
        c.close()
    grown = resident_kib(serve) - before
    check(grown < 64 * 1024, f"the server grew by {grown} KiB after announcing 4 GiB literals")


def imap_literal_never_sent(serve):
    c = imap_session(serve)
    c.send(b"W SELECT {5}\r\n")
    expect(c.line(), "+", "a literal within the limit")
    started = time.time()
    other = imap_session(serve)  # served while the first one waits
    imap_noop_works(other, "another session's pending literal")
    other.close()
    check(c.closed_within(IDLE_TIMEOUT_SECONDS * 4), "a literal never sent was not timed out")
    waited = time.time() - started
    check(waited >= IDLE_TIMEOUT_SECONDS * 0.8, f"closed after {waited:.1f} s, too soon")


def imap_search_nesting(serve):
    c = imap_session(serve)
    c.send(b"S SELECT INBOX\r\n")
    expect(imap_tagged(c, "S"), "S OK", "SELECT INBOX")
    for depth in (IMAP_SEARCH_DEPTH * 4, 10000):
        imap_refused(c, b"SEARCH " + b"(" * depth + b"ALL" + b")" * depth,
                     f"SEARCH nested {depth} deep", answers=("BAD",))
    imap_refused(c, b"SEARCH " + b"NOT " * 10000 + b"ALL", "SEARCH with 10000 NOTs",
                 answers=("BAD",))
    c.close()


def nested_multipart(depth):
    body = b"Content-Type: text/plain\r\n\r\ninnermost\r\n"
    for level in range(depth):
        boundary = b"b%d" % level
        body = (b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n--' + boundary
                + b"\r\n" + body + b"\r\n--" + boundary + b"--\r\n")
    return b"From: hostile@maillab.test\r\nSubject: nesting\r\nMIME-Version: 1.0\r\n" + body


def imap_bodystructure_nesting(serve):
    message = nested_multipart(MULTIPART_NESTING)
    c = imap_session(serve)
    c.send(b"A APPEND INBOX {%d}\r\n" % len(message))
    expect(c.line(), "+", "APPEND of a deeply nested message")
    c.send(message + b"\r\n")
    expect(imap_tagged(c, "A"), "A OK", "APPEND of a deeply nested message")
    c.send(b"S SELECT INBOX\r\n")
    expect(imap_tagged(c, "S"), "S OK", "SELECT INBOX")
    for item in (b"BODYSTRUCTURE", b"BODY", b"BODY.PEEK[1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1]"):
        c.send(b"F FETCH * (" + item + b")\r\n")
        answer = imap_tagged(c, "F")
        check(answer.startswith(("F OK", "F NO", "F BAD")), f"FETCH {item!r}: got {answer!r}")
    c.send(b"D STORE * +FLAGS.SILENT (\\Deleted)\r\nE EXPUNGE\r\n")
    expect(imap_tagged(c, "D"), "D OK", "STORE \\Deleted")
    expect(imap_tagged(c, "E"), "E OK", "EXPUNGE")
    c.close()


def imap_mailbox_escapes(serve):
    c = imap_session(serve)
    names = [b"../escape", b"../../escape", b"/tmp/escape", b"INBOX/../../escape",
             b'"../escape"', b"..", b".", b"INBOX/.."]
    for name in names:
        for command in (b"CREATE ", b"SELECT "):
            imap_refused(c, command + name, f"{command.decode()}{name.decode()}", answers=("NO",
                                                                                         "BAD"))
    c.close()
    mail = os.path.dirname(serve.maildir("bob"))
    for place in (os.path.join(mail, "escape"), os.path.join(serve.data, "escape"),
                  "/tmp/escape"):
        check(not os.path.exists(place), f"a mailbox name escaped to {place}")


def imap_bad_utf7(serve):
    c = imap_session(serve)
    for name in (b"&AGE", b"&Jjo!", b"&U,BTFw-&ZeVnLIqe-", b"&-&", b"caf\xc3\xa9", b"&ZeVnLIqe"):
        imap_refused(c, b"CREATE " + name, f"CREATE {name!r}")
    c.close()


def imap_nul_and_bad_tags(serve):
    c = imap_session(serve)
    imap_refused(c, b"NO\x00OP", "NUL in a command name", answers=("BAD",))
    imap_refused(c, b"SELECT IN\x00BOX", "NUL in a mailbox name", answers=("BAD",))
    for line in (b"a*b NOOP", b"+ NOOP", b"{3} NOOP", b"a%b NOOP", b"a\x00 NOOP", b" NOOP"):
        c.send(line + b"\r\n")
        answer = c.line()
        check(answer.startswith("* BAD") or " BAD" in answer[:20],
              f"bad tag {line!r}: got {answer!r}")
    imap_noop_works(c, "bad tags")
    c.close()


def imap_too_many_connections(serve):
    time.sleep(0.5)  # the bridge sees the previous rows' closes
    held = [Line(serve, 143) for _ in range(MAX_CONNECTIONS)]
    for c in held:
        expect(c.line(), "* OK", "an IMAP greeting within the limit")
    extra = Line(serve, 143)
    expect(extra.line(), "* BYE", f"IMAP connection {MAX_CONNECTIONS + 1}")
    check(extra.closed_within(5), "the refused IMAP connection stays open")
    for c in held:
        c.close()
    time.sleep(0.3)
    extra.close()


IMAP_ROWS = [
    ("IMAP literal of 4 GiB", imap_huge_literal),
    ("IMAP literal announced, never sent", imap_literal_never_sent),
    ("IMAP SEARCH nesting bomb", imap_search_nesting),
    ("IMAP BODYSTRUCTURE of 200 nested multiparts", imap_bodystructure_nesting),
    ("IMAP ../ and absolute mailbox names", imap_mailbox_escapes),
    ("IMAP invalid modified UTF-7", imap_bad_utf7),
    ("IMAP NUL bytes and bad tags", imap_nul_and_bad_tags),
    ("IMAP more connections than the limit", imap_too_many_connections),
]


ROWS = [(name, exchange(port, steps)) for name, port, steps in EXCHANGES] + [
    ("STARTTLS command injection", starttls_injection),
    ("STLS command injection", stls_injection),
    ("SMTP login storm", smtp_login_storm),
    ("POP3 login storm", pop3_login_storm),
    ("slowloris (idle half-command)", slowloris),
    ("more connections than the limit", too_many_connections),
    ("TLS handshake garbage on 465 and 995", tls_garbage),
] + IMAP_ROWS


def still_serves(serve):
    with smtplib.SMTP("127.0.0.1", serve.port(25), timeout=10) as s:
        check(s.noop()[0] == 250, "SMTP NOOP failed")
    p = poplib.POP3("127.0.0.1", serve.port(110), timeout=10)
    p.user("alice")
    p.pass_("alice")
    p.stat()
    p.quit()
    c = imap_session(serve)
    imap_noop_works(c, "the row")
    c.send(b"Q LOGOUT\r\n")
    expect(imap_tagged(c, "Q"), "* BYE", "LOGOUT")
    c.close()


if __name__ == "__main__":
    failures = []
    serve = Serve(sys.argv[1], args=["--idle-timeout", str(IDLE_TIMEOUT_SECONDS),
                                     "--max-connections", str(MAX_CONNECTIONS)])
    with serve:
        for name, row in ROWS:
            started = time.time()
            try:
                row(serve)
                still_serves(serve)
                print(f"ok   {name} ({time.time() - started:.1f} s)")
            except Exception as e:  # one row's failure must not hide the others
                failures.append(name)
                print(f"FAIL {name}: {type(e).__name__}: {e}")
        token = unique_token("after-the-attacks")
        with smtplib.SMTP("127.0.0.1", serve.port(25), timeout=10) as s:
            s.sendmail("alice@maillab.test", ["bob@maillab.test"],
                       f"Subject: {token}\r\n\r\nstill here\r\n")
        wait_for_message(serve, "bob", token)
        for user in ("alice", "bob"):
            for message in serve.messages(user):
                check(FORGED.encode() not in message, f"a forged message reached {user}")
        if failures:
            raise SystemExit(f"{len(failures)} of {len(ROWS)} rows failed: {failures}")
    print(f"hostile ok: {len(ROWS)} attacks answered, the server kept serving")
