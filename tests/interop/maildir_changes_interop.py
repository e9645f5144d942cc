#!/usr/bin/env python3
"""Another program changes serve's Maildir behind its back (a delivery agent
drops a file into new/, a local mail reader deletes one), and a real IMAP
client with the mailbox selected hears of it: at its next NOOP, and while in
IDLE within about a second, with the UIDs of the other messages kept.
Usage: maildir_changes_interop.py MAILLAB_BINARY"""
import imaplib
import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check

MESSAGE = ("From: someone@maillab.test\r\nTo: tester@maillab.test\r\nSubject: {0}\r\n\r\n"
           "Body of {0}.\r\n")


def file_holding(serve, token):
    inbox = serve.maildir("tester")
    for sub in ("new", "cur"):
        for name in os.listdir(os.path.join(inbox, sub)):
            path = os.path.join(inbox, sub, name)
            with open(path, "rb") as f:
                if token.encode() in f.read():
                    return path
    raise AssertionError(f"no message file holds {token}")


def deliver_behind_the_back(serve, token):
    """As a delivery agent does: write in tmp/, then rename into new/."""
    inbox = serve.maildir("tester")
    name = f"{int(time.time())}.external{token}.host"
    with open(os.path.join(inbox, "tmp", name), "w", newline="") as f:
        f.write(MESSAGE.format(token))
    os.rename(os.path.join(inbox, "tmp", name), os.path.join(inbox, "new", name))


def noop_until(client, pattern, seconds=5):
    end = time.time() + seconds
    while time.time() < end:
        client.noop()
        told = b" ".join(line for line in client.untagged_responses.get("EXPUNGE", [])) + \
            b" ".join(line for line in client.untagged_responses.get("EXISTS", []))
        if re.search(pattern, told):
            return
        time.sleep(0.2)
    raise AssertionError(f"NOOP never told {pattern!r} within {seconds} s")


def check_noop(serve):
    client = imaplib.IMAP4("127.0.0.1", serve.port(143))
    client.login("tester", "pw")
    for token in ("first", "second", "third"):
        client.append("INBOX", None, None, MESSAGE.format(token).encode())
    client.select("INBOX")
    typ, data = client.uid("SEARCH", "ALL")
    check(data[0].split() == [b"1", b"2", b"3"], f"UIDs before: {data}")

    os.remove(file_holding(serve, "second"))
    client.untagged_responses.clear()
    noop_until(client, rb"2")  # "* 2 EXPUNGE"
    check(client.untagged_responses.get("EXPUNGE") == [b"2"],
          f"expected one EXPUNGE of message 2: {client.untagged_responses}")

    deliver_behind_the_back(serve, "fourth")
    client.untagged_responses.clear()
    noop_until(client, rb"3")  # "* 3 EXISTS"
    typ, data = client.uid("SEARCH", "ALL")
    check(data[0].split() == [b"1", b"3", b"4"], f"UIDs after: {data}")
    typ, data = client.fetch("3", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    check(b"fourth" in data[0][1], f"message 3 is not the new file: {data}")
    client.logout()


def read_until(sock, pattern, seconds):
    sock.settimeout(0.2)
    seen = b""
    end = time.time() + seconds
    while time.time() < end:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        if not chunk:
            break
        seen += chunk
        if re.search(pattern, seen):
            return seen
    raise AssertionError(f"waited {seconds} s for {pattern!r}, got {seen!r}")


def check_idle(serve):
    with socket.create_connection(("127.0.0.1", serve.port(143)), timeout=10) as sock:
        read_until(sock, rb"\* OK", 5)
        sock.sendall(b"a LOGIN tester pw\r\nb SELECT INBOX\r\n")
        read_until(sock, rb"b OK", 5)
        sock.sendall(b"c IDLE\r\n")
        read_until(sock, rb"\+ ", 5)
        deliver_behind_the_back(serve, "fifth")
        started = time.time()
        read_until(sock, rb"\* 4 EXISTS\r\n", 4)
        waited = time.time() - started
        os.remove(file_holding(serve, "first"))
        read_until(sock, rb"\* 1 EXPUNGE\r\n", 4)
        sock.sendall(b"DONE\r\n")
        read_until(sock, rb"c OK", 5)
        sock.sendall(b"d LOGOUT\r\n")
        print(f"IDLE heard of the new file after {waited:.2f} s")


def main():
    with Serve(sys.argv[1], args=["--user", "tester:pw"]) as serve:
        check_noop(serve)
        check_idle(serve)
    print("ok: NOOP and IDLE both tell what other programs did to the Maildir")


if __name__ == "__main__":
    main()
