#!/usr/bin/env python3
"""curl against `maillab serve`: sends with smtp:// (plain on 25, STARTTLS
with --ssl-reqd on 587) and smtps:// (465), then reads with pop3:// and
pop3s://: LIST matches the Maildir, RETR returns the stored bytes, and DELE
removes a message once curl's session ends with QUIT.
Usage: curl_interop.py MAILLAB_BINARY"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, require, run, unique_token, wait_for_message

require("curl")

CURL = ["curl", "--silent", "--show-error", "--max-time", "20"]


def send(serve, url, token, *options):
    eml = os.path.join(serve.workdir, f"{token}.eml")
    with open(eml, "wb") as f:
        f.write(f"From: alice@maillab.test\r\nTo: bob@maillab.test\r\nSubject: {token}\r\n"
                f"\r\nSent by curl: {token}\r\n".encode())
    result = run(CURL + [url, "--mail-from", "alice@maillab.test", "--mail-rcpt",
                         "bob@maillab.test", "-T", eml, *options])
    check(result.returncode == 0, f"curl {url} exited {result.returncode}: {result.stderr}")
    return wait_for_message(serve, "bob", token)


def pop3(url, *options):
    """What curl prints, as bytes: a retrieved message exactly as it arrived."""
    result = run(CURL + ["-u", "bob:bob", url, *options], binary=True)
    check(result.returncode == 0, f"curl {url} {options} exited {result.returncode}: "
          + result.stderr.decode(errors="replace"))
    return result.stdout


def listing(url, *options):
    """LIST as curl prints it: {number: size}."""
    out = {}
    for line in pop3(url, *options).decode().splitlines():
        number, size = line.split()
        out[int(number)] = int(size)
    return out


with Serve(sys.argv[1]) as serve:
    plain = send(serve, f"smtp://127.0.0.1:{serve.port(25)}", unique_token("curl-smtp"))
    check(b"Received: from " in plain, "no Received header")
    send(serve, f"smtp://127.0.0.1:{serve.port(587)}", unique_token("curl-starttls"),
         "--ssl-reqd", "-k", "--user", "alice:alice")
    send(serve, f"smtps://127.0.0.1:{serve.port(465)}", unique_token("curl-smtps"), "-k",
         "--user", "alice:alice")

    # A wrong password must fail the transfer.
    bad = run(CURL + [f"smtp://127.0.0.1:{serve.port(587)}", "--ssl-reqd", "-k", "--user",
                      "alice:wrong", "--mail-from", "alice@maillab.test", "--mail-rcpt",
                      "bob@maillab.test", "-T", "/dev/null"])
    check(bad.returncode == 67, f"wrong password: curl exited {bad.returncode}, expected 67 "
          f"(login denied): {bad.stderr}")

    stored = serve.messages("bob")
    check(len(stored) == 3, f"bob's Maildir holds {len(stored)} messages, expected 3")
    pop_url = f"pop3://127.0.0.1:{serve.port(110)}/"
    pops_url = f"pop3s://127.0.0.1:{serve.port(995)}/"
    sizes = listing(pop_url)
    check(sorted(sizes) == [1, 2, 3], f"LIST numbers {sorted(sizes)}")
    check(sorted(sizes.values()) == sorted(len(m) for m in stored),
          f"LIST sizes {sizes} differ from the Maildir file sizes")
    check(listing(pops_url, "-k") == sizes, "LIST over pop3s differs from pop3")
    check(listing(pop_url, "--ssl-reqd", "-k") == sizes, "LIST after STLS differs")

    retrieved = [pop3(pop_url + str(n)) for n in (1, 2, 3)]
    check(sorted(retrieved) == sorted(stored), "RETR does not return the stored messages")
    check(pop3(pops_url + "2", "-k") == retrieved[1], "RETR over pop3s differs")

    # DELE marks; curl's QUIT then removes (RFC 1939 §6).
    out = pop3(pops_url, "-k", "-X", "DELE 1", "-I")
    check(out == b"", f"DELE printed {out!r}")
    after = listing(pop_url)
    check(len(after) == 2, f"after DELE 1 + QUIT, LIST shows {len(after)} messages")
    remaining = serve.messages("bob")
    check(len(remaining) == 2 and retrieved[0] not in remaining,
          "message 1 is still in the Maildir after DELE + QUIT")

    # An unknown message number is an -ERR, which curl reports as a failure.
    missing = run(CURL + ["-u", "bob:bob", pop_url + "9"])
    check(missing.returncode != 0, "RETR 9 of 2 messages succeeded")

    print("curl interop ok: smtp, smtp+STARTTLS, smtps, pop3 and pop3s LIST/RETR/DELE")
