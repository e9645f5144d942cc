#!/usr/bin/env python3
"""swaks against `maillab serve`: plain SMTP on 25 to a local user, STARTTLS on
587 with AUTH PLAIN and with AUTH LOGIN, implicit TLS on 465. Each run must
exit 0, see the replies a real server gives, and leave its message in bob's
Maildir under --data. Usage: swaks_interop.py MAILLAB_BINARY"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, require, run, unique_token, wait_for_message

require("swaks")


def swaks(serve, port, token, *options):
    command = ["swaks", "--server", "127.0.0.1", "--port", str(serve.port(port)),
               "--from", "alice@maillab.test", "--to", "bob@maillab.test",
               "--helo", "swaks.client.test", "--timeout", "20",
               "--header", f"Subject: {token}", "--body", f"Body of {token}\n", *options]
    result = run(command, timeout=60)
    transcript = result.stdout + result.stderr
    check(result.returncode == 0, f"swaks {' '.join(options)} exited {result.returncode}:\n"
          + transcript)
    return transcript


def replies(transcript):
    """Server lines as swaks shows them: '<-' in the clear, '<~' inside TLS."""
    return [line[4:] for line in transcript.splitlines() if line.startswith(("<-  ", "<~  ", "<-* ", "<~* "))]


def expect_reply(transcript, prefix, what):
    check(any(r.startswith(prefix) for r in replies(transcript)),
          f"no '{prefix}' reply ({what}) in:\n{transcript}")


with Serve(sys.argv[1]) as serve:
    # Plain SMTP to the MX port: no TLS, no AUTH, mail for a local user.
    token = unique_token("swaks-plain")
    out = swaks(serve, 25, token)
    expect_reply(out, "220 mail.maillab.test", "greeting")
    expect_reply(out, "250-mail.maillab.test", "EHLO")
    expect_reply(out, "250 2.1.5", "RCPT accepted")
    expect_reply(out, "354 ", "DATA go ahead")
    expect_reply(out, "250 2.0.0", "message accepted")
    check(not any(line.startswith("<~") for line in out.splitlines()), "TLS on a plain session")
    message = wait_for_message(serve, "bob", token)
    check(message.startswith(b"Return-Path: <alice@maillab.test>"), "no Return-Path on delivery")
    check(b"Received: from swaks.client.test" in message, "no Received header naming the HELO")

    # Submission with STARTTLS, once per SASL mechanism.
    for mechanism in ("PLAIN", "LOGIN"):
        token = unique_token(f"swaks-starttls-{mechanism}")
        out = swaks(serve, 587, token, "--tls", "--auth", mechanism, "--auth-user", "alice",
                    "--auth-password", "alice")
        expect_reply(out, "220 2.0.0", "ready to start TLS")
        check("TLS started" in out, "swaks did not start TLS:\n" + out)
        check(any(line.startswith("<~  250-") and "AUTH" in line for line in out.splitlines()),
              "EHLO after STARTTLS does not offer AUTH:\n" + out)
        if mechanism == "LOGIN":
            expect_reply(out, "334 VXNlcm5hbWU6", "LOGIN asks for the user name")
            expect_reply(out, "334 UGFzc3dvcmQ6", "LOGIN asks for the password")
        expect_reply(out, "235 2.7.0", "authenticated")
        check(any(line.startswith("<~  250 2.0.0") for line in out.splitlines()),
              "the message was not accepted inside TLS:\n" + out)
        wait_for_message(serve, "bob", token)

    # A wrong password is refused with 535 and swaks reports failure.
    result = run(["swaks", "--server", "127.0.0.1", "--port", str(serve.port(587)), "--from",
                  "alice@maillab.test", "--to", "bob@maillab.test", "--tls", "--auth", "PLAIN",
                  "--auth-user", "alice", "--auth-password", "wrong", "--timeout", "20"],
                 timeout=60)
    check(result.returncode != 0, "swaks succeeded with a wrong password")
    check("<~* 535 5.7.8" in result.stdout + result.stderr,
          "no 535 5.7.8 for a wrong password:\n" + result.stdout + result.stderr)

    # Implicit TLS on 465: the greeting itself arrives encrypted.
    token = unique_token("swaks-465")
    out = swaks(serve, 465, token, "--tls-on-connect", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "alice")
    check(any(line.startswith("<~  220 mail.maillab.test") for line in out.splitlines()),
          "greeting not inside TLS on 465:\n" + out)
    expect_reply(out, "235 2.7.0", "authenticated")
    wait_for_message(serve, "bob", token)

    check(len(serve.messages("bob")) == 4, f"bob has {len(serve.messages('bob'))} messages, not 4")
    print("swaks interop ok: plain 25, STARTTLS+PLAIN, STARTTLS+LOGIN, 465 tls-on-connect")
