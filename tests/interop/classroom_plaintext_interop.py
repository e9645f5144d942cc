#!/usr/bin/env python3
"""On a listener that is not loopback, `maillab serve` refuses passwords
until the client starts TLS, limits the connections one remote address may
hold, and locks out an address after repeated failed logins; `--allow-plaintext` lets passwords through in the clear (the
eavesdropper demonstration).

Listens on this machine's first non-loopback IPv4 address (`hostname -I`);
connecting to it from here makes the peer that address too, so the server
sees a remote, non-loopback client. Skips when the machine has none.
Usage: classroom_plaintext_interop.py MAILLAB_BINARY"""
import imaplib
import os
import poplib
import smtplib
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, client_tls_context, skip


def lan_address():
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout
    except OSError:
        out = ""
    for word in out.split():
        if "." in word and not word.startswith("127."):
            return word
    skip("this machine has no non-loopback IPv4 address (hostname -I)")


def password_of(serve, name):
    with open(os.path.join(serve.data, "classroom", "accounts.txt")) as f:
        for line in f:
            if line.startswith(name + " "):
                return line.split()[1]
    raise AssertionError(f"{name} is not in the accounts file")


def refused_before_tls(serve, host):
    name, password = "student01", password_of(serve, "student01")
    ctx = client_tls_context()

    imap = imaplib.IMAP4(host, serve.port(143), timeout=20)
    check("LOGINDISABLED" in imap.capabilities, f"IMAP capabilities {imap.capabilities}")
    check("AUTH=PLAIN" not in imap.capabilities, "IMAP offers AUTH=PLAIN before STARTTLS")
    try:
        imap.login(name, password)
        raise AssertionError("IMAP LOGIN without TLS was accepted")
    except imaplib.IMAP4.error:
        pass
    imap.starttls(ssl_context=ctx)
    check("LOGINDISABLED" not in imap.capabilities, "LOGINDISABLED still there after STARTTLS")
    imap.login(name, password)
    imap.logout()

    smtp = smtplib.SMTP(host, serve.port(587), timeout=20)
    smtp.ehlo()
    check(not smtp.has_extn("auth"), "SMTP advertises AUTH before STARTTLS")
    code, _ = smtp.docmd("AUTH", "PLAIN AHN0dWRlbnQwMQB4")
    check(500 <= code < 600, f"SMTP AUTH without TLS: {code}")
    smtp.starttls(context=ctx)
    smtp.ehlo()
    check(smtp.has_extn("auth"), "SMTP does not advertise AUTH after STARTTLS")
    smtp.login(name, password)
    smtp.quit()

    pop = poplib.POP3(host, serve.port(110), timeout=20)
    try:
        pop.user(name)
        pop.pass_(password)
        raise AssertionError("POP3 USER/PASS without TLS was accepted")
    except poplib.error_proto as e:
        check(str(e).startswith("b'-ERR"), f"POP3 refusal: {e}")
    pop.quit()
    pop = poplib.POP3(host, serve.port(110), timeout=20)
    pop.stls(context=ctx)
    pop.user(name)
    pop.pass_(password)
    pop.quit()


def accepted_in_the_clear(serve, host):
    name, password = "student01", password_of(serve, "student01")
    imap = imaplib.IMAP4(host, serve.port(143), timeout=20)
    check("LOGINDISABLED" not in imap.capabilities, "LOGINDISABLED with --allow-plaintext")
    imap.login(name, password)
    imap.logout()
    smtp = smtplib.SMTP(host, serve.port(587), timeout=20)
    smtp.ehlo()
    check(smtp.has_extn("auth"), "no AUTH before STARTTLS with --allow-plaintext")
    smtp.login(name, password)
    smtp.quit()
    pop = poplib.POP3(host, serve.port(110), timeout=20)
    pop.user(name)
    pop.pass_(password)
    pop.quit()


def per_address_limit(serve, host, limit):
    """limit connections from one remote address live at once; one more is told why."""
    held = [socket.create_connection((host, serve.port(143)), timeout=20) for _ in range(limit)]
    try:
        for s in held:
            check(s.recv(200).startswith(b"* OK"), "a connection within the limit was not greeted")
        extra = socket.create_connection((host, serve.port(143)), timeout=20)
        greeting = extra.recv(200)
        extra.close()
        check(greeting.startswith(b"* BYE") and b"too many connections" in greeting,
              f"connection over the per-address limit got {greeting!r}")
    finally:
        for s in held:
            s.close()
    # Once they are closed the address may connect again.
    deadline = time.time() + 10
    while True:
        with socket.create_connection((host, serve.port(143)), timeout=20) as again:
            if again.recv(200).startswith(b"* OK"):
                break
        check(time.time() < deadline, "the address stayed refused after its connections closed")
        time.sleep(0.1)


def failed_login_lockout(serve, host, limit):
    """After `limit` wrong passwords from one address, its new connections are refused."""
    ctx = client_tls_context()
    for _ in range(limit):
        pop = poplib.POP3(host, serve.port(110), timeout=30)
        pop.stls(context=ctx)
        pop.user("student02")
        try:
            pop.pass_("not-the-password")
            raise AssertionError("a wrong POP3 password was accepted")
        except poplib.error_proto as e:
            check("[AUTH]" in str(e), f"POP3 wrong password: {e}")
        pop.close()
    for port, expected in ((110, b"-ERR too many failed logins"),
                           (143, b"* BYE [UNAVAILABLE] too many failed logins")):
        wait_until_refused = time.time() + 10
        while True:
            with socket.create_connection((host, serve.port(port)), timeout=20) as s:
                line = s.recv(200)
            if line.startswith(expected):
                break
            check(time.time() < wait_until_refused, f"after {limit} failures port {port} said "
                  f"{line!r}")
            time.sleep(0.1)


def main():
    maillab = sys.argv[1]
    host = lan_address()
    limit = 3
    with Serve(maillab, args=["--classroom", "2", "--listen", host,
                              "--max-per-address", str(limit)]) as serve:
        check("Passwords are refused until the client starts TLS" in serve.output(),
              "serve does not say passwords need TLS")
        refused_before_tls(serve, host)
        per_address_limit(serve, host, limit)
    with Serve(maillab, args=["--classroom", "2", "--listen", host,
                              "--allow-plaintext"]) as serve:
        check("--allow-plaintext" in serve.output(), "serve does not warn about --allow-plaintext")
        accepted_in_the_clear(serve, host)
    with Serve(maillab, args=["--classroom", "2", "--listen", host,
                              "--max-failed-logins", "3"]) as serve:
        failed_login_lockout(serve, host, 3)
    print(f"ok: on {host} passwords wait for TLS unless --allow-plaintext; "
          f"{limit} connections per address; 3 failed logins lock the address out")


if __name__ == "__main__":
    main()
