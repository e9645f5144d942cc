#!/usr/bin/env python3
"""Postfix's load generator against `maillab serve`: smtp-source sends 1,000
messages over 10 parallel sessions to bob@maillab.test on port 25; every one
must end up as its own file in bob's Maildir, the queue must drain, and each
stored message must carry its Received and Return-Path headers.
The Maildir is on tmpfs where available: this test is about the protocol
under parallel load; the crash tests (tests/crash) are about durability.
Usage: smtp_source_interop.py MAILLAB_BINARY"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, require, run, wait_until

require("smtp-source")

MESSAGES = 1000
SESSIONS = 10

with Serve(sys.argv[1], memory_backed=True) as serve:
    started = time.time()
    result = run(["smtp-source", "-s", str(SESSIONS), "-m", str(MESSAGES), "-f",
                  "alice@maillab.test", "-t", "bob@maillab.test", f"127.0.0.1:{serve.port(25)}"],
                 timeout=120)
    check(result.returncode == 0, f"smtp-source exited {result.returncode}: {result.stderr}")
    # smtp-source reports any reply it did not expect on stderr.
    check(result.stderr.strip() == "", f"smtp-source complained: {result.stderr}")
    sent = time.time() - started

    wait_until(lambda: len(serve.messages("bob")) >= MESSAGES, 60,
               f"{MESSAGES} messages in bob's Maildir")
    stored = serve.messages("bob")
    check(len(stored) == MESSAGES, f"bob's Maildir holds {len(stored)} messages, not {MESSAGES}")
    wait_until(lambda: serve.queued() == [], 10, "the queue to drain")
    for message in stored:
        check(message.startswith(b"Return-Path: <alice@maillab.test>\r\nReceived: from "),
              "a stored message lacks Return-Path and Received:\n" + message[:300].decode())
    print(f"smtp-source interop ok: {MESSAGES} messages over {SESSIONS} sessions in {sent:.1f} s "
          f"({MESSAGES / sent:.0f}/s), all {len(stored)} in the Maildir")
