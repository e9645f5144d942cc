#!/usr/bin/env python3
"""Nothing acknowledged is lost (issue 9's crash test).

ROUNDS times on the same --data: `maillab serve` starts, SENDERS real SMTP
clients (smtplib, port 25) deliver a stream of messages to local users, and
the server is killed with SIGKILL at a random moment. A message counts as
acknowledged when its DATA got 250. After a last restart the queue drains,
and then:
  - every acknowledged message is in its recipient's Maildir (or, if any
    remain, in the queue) with its bytes intact: the stored file is the
    server's Return-Path and Received lines followed by exactly what was sent;
  - every file in the Maildirs is intact in the same way (a message killed in
    the middle of DATA is either absent or whole, never half).
Deliveries may repeat after a crash (the queue is at-least-once, like
Postfix); repeats are counted and reported, not failed.
With --classroom, serve runs as `serve --classroom 2` and the mail goes to
student01 and student02, whose accounts are made (and kept) by serve.
Usage: kill_during_delivery_test.py MAILLAB_BINARY [ROUNDS] [--classroom]"""
import os
import random
import re
import shutil
import smtplib
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from serve_harness import Serve, check, wait_until

CLASSROOM = "--classroom" in sys.argv[2:]
NUMBERS = [a for a in sys.argv[2:] if a != "--classroom"]
ROUNDS = int(NUMBERS[0]) if NUMBERS else 20
SENDERS = 3
USERS = ("student01", "student02") if CLASSROOM else ("alice", "bob")
TOKEN = re.compile(rb"X-Crash-Token: (\S+)\r\n")


def message_bytes(token, recipient, size):
    body = "".join(f"line {i} of {token} .dots. \r\n" for i in range(size))
    return (f"From: tester@maillab.test\r\nTo: {recipient}\r\nSubject: crash {token}\r\n"
            f"Message-ID: <{token}@crash.test>\r\nX-Crash-Token: {token}\r\n\r\n"
            f"{body}.leading dot survives\r\n").encode()


class Sender(threading.Thread):
    def __init__(self, port, name, attempted, acknowledged):
        super().__init__(daemon=True)
        self.port, self.name_ = port, name
        self.attempted, self.acknowledged = attempted, acknowledged

    def run(self):
        n = 0
        try:
            with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as s:
                while True:
                    n += 1
                    token = f"{self.name_}-{n}"
                    user = random.choice(USERS)
                    data = message_bytes(token, f"{user}@maillab.test", random.randrange(1, 200))
                    self.attempted[token] = (user, data)
                    s.sendmail("tester@maillab.test", [f"{user}@maillab.test"], data)
                    self.acknowledged[token] = (user, data)  # DATA was answered 250
        except (OSError, smtplib.SMTPException):
            return  # the server died under us: expected


def stored_messages(serve):
    """(user, file bytes) for every message in every Maildir."""
    return [(user, m) for user in USERS for m in serve.messages(user)]


def intact(stored, sent):
    """The server only prepends Return-Path and Received; the rest is what was sent."""
    return (stored.endswith(sent) and stored.startswith(b"Return-Path: <tester@maillab.test>\r\n")
            and b"\r\nReceived: from " in stored[:len(stored) - len(sent)])


serve = Serve(sys.argv[1], args=["--classroom", "2"] if CLASSROOM else [])
attempted, acknowledged = {}, {}
started = time.time()
try:
    for round_number in range(ROUNDS):
        serve.start()
        senders = [Sender(serve.port(25), f"r{round_number}s{i}", attempted, acknowledged)
                   for i in range(SENDERS)]
        for s in senders:
            s.start()
        time.sleep(random.uniform(0.1, 1.2))
        serve.kill()
        for s in senders:
            s.join(timeout=15)
    serve.start()
    wait_until(lambda: serve.queued() == [], 30, "the queue to drain after the last restart")

    corrupt = os.path.join(serve.queue_dir(), "corrupt")
    check(not os.path.isdir(corrupt) or os.listdir(corrupt) == [],
          f"queue files were found damaged and moved aside: {corrupt}")
    stored = stored_messages(serve)
    by_token = {}
    for user, data in stored:
        match = TOKEN.search(data)
        check(match is not None, f"a message in {user}'s Maildir has no token: {data[:200]!r}")
        token = match.group(1).decode()
        check(token in attempted, f"{user}'s Maildir holds {token}, which nobody sent")
        want_user, sent = attempted[token]
        check(user == want_user, f"{token} was sent to {want_user} but stored for {user}")
        check(intact(data, sent), f"{token} is corrupt in {user}'s Maildir")
        by_token.setdefault(token, 0)
        by_token[token] += 1

    lost = [t for t in acknowledged if t not in by_token]
    check(not lost, f"{len(lost)} of {len(acknowledged)} acknowledged messages are lost, "
          f"e.g. {lost[:5]}")
    check(len(acknowledged) >= ROUNDS, f"only {len(acknowledged)} messages were acknowledged "
          f"in {ROUNDS} rounds: the test did not exercise the server")
    repeats = sum(n - 1 for n in by_token.values())
    unacked_kept = len([t for t in by_token if t not in acknowledged])
    print(f"crash ok: {ROUNDS} kill -9 rounds in {time.time() - started:.1f} s, "
          f"{len(acknowledged)} acknowledged messages all present and intact; "
          f"{unacked_kept} unacknowledged ones delivered whole; {repeats} repeated deliveries")
    serve.stop()
    shutil.rmtree(serve.workdir, ignore_errors=True)
except BaseException:
    print("serve output:\n" + (serve.output() if serve.log_path else ""), file=sys.stderr)
    print("kept for inspection:", serve.workdir, file=sys.stderr)
    serve.kill()
    raise
