#!/usr/bin/env python3
"""`maillab serve --classroom 30`: thirty students at once, each with the
account sheet's password. Every student sends one message to the next
student (smtplib, submission with STARTTLS), then reads their own inbox by
IMAP (imaplib, STARTTLS, with an ID naming the app) and by POP3 (poplib,
STLS). Checks:
  - the accounts file (mode 0600) and both account sheets: each student's
    address and password, the real ports, and the fingerprint of the
    certificate the server really presents;
  - every message reached the neighbour;
  - the class report written at SIGTERM: per student one message sent, one
    received, IMAP, POP3 and SMTP, three sessions, none open, the apps named;
  - a restart keeps every password.
Usage: classroom_interop.py MAILLAB_BINARY"""
import hashlib
import imaplib
import json
import os
import poplib
import smtplib
import socket
import stat
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, client_tls_context, wait_for_message

STUDENTS = 30
APP = "classroom-test-app"
# imaplib knows no ID command (RFC 2971); it is valid in every state.
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))


def read_accounts(serve):
    path = os.path.join(serve.data, "classroom", "accounts.txt")
    check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "the accounts file is not mode 0600")
    accounts = {}
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, password = line.split()
                accounts[name] = password
    return accounts


def served_fingerprint(serve):
    ctx = client_tls_context()
    with socket.create_connection(("127.0.0.1", serve.port(993))) as raw:
        with ctx.wrap_socket(raw) as tls:
            der = tls.getpeercert(binary_form=True)
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def check_sheets(serve, accounts):
    folder = os.path.join(serve.data, "classroom")
    with open(os.path.join(folder, "account-sheet.txt")) as f:
        text = f.read()
    with open(os.path.join(folder, "account-sheet.html")) as f:
        html = f.read()
    fingerprint = served_fingerprint(serve)
    pages = text.split("\f")[:-1]
    check(len(pages) == STUDENTS + 1, f"{len(pages)} pages in the text sheet")
    check(html.count("<section>") == STUDENTS + 1, "one HTML section per account")
    check("break-after: page" in html, "the HTML sheet has no page breaks")
    for page, (name, password) in zip(pages, sorted(accounts.items(),
                                                     key=lambda a: a[0] == "teacher")):
        check(page.lstrip().startswith(name + " "), f"the page for {name} starts with its name")
        check(f"Mail address:  {name}@maillab.test" in page, f"{name}'s address")
        check(f"Password:      {password}" in page, f"{name}'s password")
        check(f"{name}@maillab.test" in html and password in html, f"{name} in the HTML sheet")
        check(fingerprint in page, f"the served certificate's fingerprint on {name}'s page")
        for port in (993, 143, 995, 110, 465, 587):
            check(str(serve.port(port)) in page, f"port {serve.port(port)} on {name}'s page")


def student(serve, number, accounts, errors, sent_barrier):
    name = f"student{number:02d}"
    neighbour = f"student{number % STUDENTS + 1:02d}"
    password = accounts[name]
    try:
        ctx = client_tls_context()
        with smtplib.SMTP("127.0.0.1", serve.port(587), local_hostname=f"laptop-{number:02d}",
                          timeout=60) as smtp:
            smtp.starttls(context=ctx)
            smtp.login(name, password)
            smtp.sendmail(f"{name}@maillab.test", [f"{neighbour}@maillab.test"],
                          f"From: {name}@maillab.test\r\nTo: {neighbour}@maillab.test\r\n"
                          f"Subject: hello from {name}\r\n\r\ntoken-{name}-to-{neighbour}\r\n")
        sent_barrier.wait(timeout=120)
        previous = f"student{(number - 2) % STUDENTS + 1:02d}"
        token = f"token-{previous}-to-{name}"
        wait_for_message(serve, name, token, seconds=60)

        imap = imaplib.IMAP4("127.0.0.1", serve.port(143), timeout=60)
        imap.starttls(ssl_context=ctx)
        imap._simple_command("ID", f'("name" "{APP}")')
        imap.login(name, password)
        imap.select("INBOX")
        typ, data = imap.search(None, "ALL")
        check(typ == "OK" and len(data[0].split()) == 1, f"{name} sees one message by IMAP")
        typ, data = imap.fetch("1", "(RFC822)")
        check(token.encode() in data[0][1], f"{name} reads the neighbour's message by IMAP")
        imap.logout()

        pop = poplib.POP3("127.0.0.1", serve.port(110), timeout=60)
        pop.stls(context=ctx)
        pop.user(name)
        pop.pass_(password)
        check(pop.stat()[0] == 1, f"{name} sees one message by POP3")
        check(token.encode() in b"\r\n".join(pop.retr(1)[1]),
              f"{name} reads the neighbour's message by POP3")
        pop.quit()
    except Exception as e:  # noqa: BLE001 - reported with the student's name
        errors.append(f"{name}: {e!r}")
        sent_barrier.abort()


def main():
    maillab = sys.argv[1]
    serve = Serve(maillab)
    report_path = os.path.join(serve.workdir, "class.json")
    serve.args = ["--classroom", str(STUDENTS), "--class-report", report_path]
    with serve:
        check("Account sheet to print: " in serve.output(), "serve prints where the sheet is")
        accounts = read_accounts(serve)
        check(sorted(accounts) == [f"student{i:02d}" for i in range(1, STUDENTS + 1)] +
              ["teacher"], f"accounts: {sorted(accounts)}")
        check_sheets(serve, accounts)

        errors = []
        barrier = threading.Barrier(STUDENTS)
        threads = [threading.Thread(target=student, args=(serve, i, accounts, errors, barrier))
                   for i in range(1, STUDENTS + 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(not errors, "students failed:\n" + "\n".join(errors))
        check(serve.stop() == 0, "serve did not stop cleanly")

        with open(report_path) as f:
            report = json.load(f)
        rows = {row["account"]: row for row in report["students"]}
        check(len(rows) == STUDENTS + 1, f"{len(rows)} rows in the class report")
        for i in range(1, STUDENTS + 1):
            row = rows[f"student{i:02d}"]
            expected = {"sent": 1, "received": 1, "sessions": 3, "open_sessions": 0,
                        "protocols": ["IMAP", "POP3", "SMTP"]}
            for key, value in expected.items():
                check(row[key] == value, f"student{i:02d} {key}: {row[key]}, expected {value}")
            check(APP in row["apps"] and f"laptop-{i:02d}" in row["apps"],
                  f"student{i:02d}'s apps: {row['apps']}")
        check(rows["teacher"]["sessions"] == 0, "the teacher did not connect")
        check(report["unidentified_open_sessions"] == 0, "sessions left open")

        # A restart keeps the passwords on the printed sheet.
        serve.start()
        check(read_accounts(serve) == accounts, "a restart changed the passwords")
    print(f"ok: {STUDENTS} students sent, read by IMAP and POP3; class report and sheets match")


if __name__ == "__main__":
    main()
