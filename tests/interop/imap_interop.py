#!/usr/bin/env python3
"""Real IMAP clients against `maillab serve`:
- Python's imaplib over STARTTLS (143) and implicit TLS (993): login, list,
  select, search, fetch, store, copy, uid move, append, and IDLE in one
  session while a second session changes a flag and expunges;
- curl imap:// and imaps://: list mailboxes, fetch a message by UID;
- mutt in batch mode (under `script`, it wants a terminal) reading INBOX over
  imaps and deleting a message, checked afterwards with imaplib.
Usage: imap_interop.py MAILLAB_BINARY"""
import imaplib
import os
import shutil
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, client_tls_context, wait_for_message

CTX = client_tls_context()


def submit(serve, subject, body="Hello over IMAP.\n"):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alice@maillab.test", "bob@maillab.test", subject
    msg.set_content(body)
    with smtplib.SMTP("127.0.0.1", serve.port(587), timeout=20) as s:
        s.starttls(context=CTX)
        s.login("alice", "alice")
        check(s.send_message(msg) == {}, "a recipient was refused")
    wait_for_message(serve, "bob", subject)


def ok(result, what):
    typ, data = result
    check(typ == "OK", f"{what}: {typ} {data}")
    return data


def login_starttls(serve):
    m = imaplib.IMAP4("127.0.0.1", serve.port(143), timeout=20)
    check("STARTTLS" in m.capabilities, f"no STARTTLS in {m.capabilities}")
    ok(m.starttls(ssl_context=CTX), "STARTTLS")
    ok(m.login("bob", "bob"), "LOGIN")
    return m


def imaplib_session(serve):
    m = login_starttls(serve)
    names = b"\n".join(ok(m.list(), "LIST"))
    for box in (b"INBOX", b"Archive", b"Trash", b"\\Sent"):
        check(box in names, f"{box} missing from LIST: {names}")
    check(ok(m.select("INBOX"), "SELECT") == [b"3"], "INBOX should hold 3 messages")
    found = ok(m.search(None, "SUBJECT", "second"), "SEARCH")
    check(found == [b"2"], f"SEARCH SUBJECT second found {found}")
    data = ok(m.fetch("2", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "FETCH")
    check(b"Subject: imap-second" in data[0][1], f"FETCH header: {data}")
    flags = ok(m.fetch("2", "(FLAGS)"), "FETCH FLAGS")
    check(b"\\Seen" not in flags[0], "BODY.PEEK must not set \\Seen")
    body = ok(m.fetch("2", "(BODY[TEXT])"), "FETCH BODY[TEXT]")
    check(b"second body" in body[0][1], f"body text: {body}")
    flags = ok(m.fetch("2", "(FLAGS)"), "FETCH FLAGS")
    check(b"\\Seen" in flags[0], f"BODY[] sets \\Seen (RFC 3501 6.4.5): {flags}")
    ok(m.store("1", "+FLAGS", "(\\Flagged)"), "STORE")
    check(ok(m.search(None, "FLAGGED"), "SEARCH FLAGGED") == [b"1"], "flag not searchable")
    copied = ok(m.copy("1", "Archive"), "COPY")
    check(b"COPYUID" in copied[0], f"COPY without COPYUID: {copied}")
    uid3 = ok(m.fetch("3", "(UID)"), "FETCH UID")[0].split()[-1].rstrip(b")")
    moved = ok(m.uid("MOVE", uid3.decode(), "Trash"), "UID MOVE")
    check(ok(m.select("INBOX"), "SELECT") == [b"2"], "UID MOVE left the message in INBOX")
    appended = ok(m.append("Archive", "(\\Seen)", None,
                           b"From: bob@maillab.test\r\nSubject: imap-appended\r\n\r\nkept\r\n"),
                  "APPEND")
    check(b"APPENDUID" in appended[0], f"APPEND without APPENDUID: {appended}")
    status = ok(m.status("Archive", "(MESSAGES)"), "STATUS")
    check(b"MESSAGES 2" in status[0], f"Archive after COPY and APPEND: {status}")
    status = ok(m.status("Trash", "(MESSAGES)"), "STATUS")
    check(b"MESSAGES 1" in status[0], f"Trash after UID MOVE: {status}")
    m.logout()


def idle_sees_other_session(serve):
    """RFC 2177: a client in IDLE is told at once about another session's changes."""
    watcher = imaplib.IMAP4_SSL("127.0.0.1", serve.port(993), ssl_context=CTX, timeout=20)
    ok(watcher.login("bob", "bob"), "LOGIN 993")
    ok(watcher.select("INBOX"), "SELECT")
    tag = watcher._new_tag().decode()
    watcher.send(f"{tag} IDLE\r\n".encode())
    check(watcher.readline().startswith(b"+"), "no continuation for IDLE")

    other = login_starttls(serve)
    ok(other.select("INBOX"), "SELECT (other)")
    ok(other.store("1", "+FLAGS", "(\\Answered)"), "STORE (other)")
    watcher.sock.settimeout(10)
    line = watcher.readline()
    check(b"FETCH" in line and b"\\Answered" in line, f"IDLE did not report the flag: {line}")
    ok(other.store("2", "+FLAGS", "(\\Deleted)"), "STORE \\Deleted (other)")
    ok(other.expunge(), "EXPUNGE (other)")
    # First the \Deleted flag as an untagged FETCH, then the expunge itself.
    seen = [watcher.readline() for _ in range(2)]
    check(b"\\Deleted" in seen[0], f"IDLE did not report \\Deleted: {seen}")
    check(seen[1].strip() == b"* 2 EXPUNGE", f"IDLE did not report the expunge: {seen}")
    watcher.send(b"DONE\r\n")
    line = watcher.readline()
    check(line.startswith(tag.encode() + b" OK"), f"IDLE did not end with OK: {line}")
    other.logout()
    watcher.logout()


def curl_session(serve):
    if shutil.which("curl") is None:
        print("curl missing: its part is skipped")
        return
    base = ["curl", "--silent", "--show-error", "--max-time", "20", "-u", "bob:bob"]
    listing = subprocess.run(base + ["--ssl-reqd", "-k", f"imap://127.0.0.1:{serve.port(143)}/"],
                             capture_output=True, check=True).stdout
    check(b"INBOX" in listing and b"Archive" in listing, f"curl imap LIST: {listing}")
    message = subprocess.run(base + ["-k", f"imaps://127.0.0.1:{serve.port(993)}/INBOX;UID=1"],
                             capture_output=True, check=True).stdout
    check(b"Subject: imap-first" in message, f"curl imaps fetch: {message[:200]}")
    print("curl: imap LIST with --ssl-reqd and imaps FETCH by UID ok")


def mutt_session(serve):
    if shutil.which("mutt") is None or shutil.which("script") is None:
        print("mutt or script missing: its part is skipped")
        return
    submit(serve, "imap-for-mutt", "mutt deletes this.\n")
    home = os.path.join(serve.workdir, "mutt-home")
    os.makedirs(home, exist_ok=True)
    rc = os.path.join(home, "muttrc")
    with open(rc, "w") as f:
        f.write(f"set imap_user=bob\nset imap_pass=bob\nset ssl_verify_host=no\n"
                f"set certificate_file={home}/certs\nset ssl_starttls=yes\n"
                f"set folder=imaps://127.0.0.1:{serve.port(993)}/\nset spoolfile=+INBOX\n"
                "set move=no\nset confirmappend=no\nset delete=yes\nset quit=yes\n"
                "set timeout=5\nset mail_check=0\n")
    # mutt asks about the self-signed certificate: (a)ccept always is answered by "a".
    push = "<search>imap-for-mutt<enter><delete-message><sync-mailbox><quit>"
    command = f"mutt -n -F {rc} -e 'push \"{push}\"'"
    env = dict(os.environ, HOME=home, TERM="xterm")
    proc = subprocess.run(["script", "-qec", command, "/dev/null"], input=b"a\n" * 3,
                          capture_output=True, env=env, timeout=60)
    m = imaplib.IMAP4_SSL("127.0.0.1", serve.port(993), ssl_context=CTX, timeout=20)
    ok(m.login("bob", "bob"), "LOGIN")
    ok(m.select("INBOX"), "SELECT")
    left = ok(m.search(None, "SUBJECT", "imap-for-mutt"), "SEARCH")
    m.logout()
    check(left == [b""], f"mutt did not delete the message (exit {proc.returncode}): "
          + proc.stdout.decode(errors="replace")[-400:])
    print("mutt: read INBOX over imaps and deleted a message")


with Serve(sys.argv[1]) as serve:
    for n, subject in enumerate(("imap-first", "imap-second", "imap-third")):
        submit(serve, subject, f"{subject.split('-')[1]} body\n")
    imaplib_session(serve)
    print("imaplib: login, list, select, search, fetch, store, copy, uid move, append ok")
    idle_sees_other_session(serve)
    print("imaplib: IDLE reported a flag change and an expunge by another session")
    curl_session(serve)
    mutt_session(serve)
    print("imap interop ok")
