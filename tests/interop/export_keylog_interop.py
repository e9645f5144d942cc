#!/usr/bin/env python3
"""`maillab export ports-and-tls --pcap X --keylog K`: the lesson's POP3 over
STLS and over 995 is TLS in the pcap, so tshark alone sees no password; with
-o tls.keylog_file:K it decrypts the records and decodes the POP3 commands
that travelled inside TLS.
Usage: export_keylog_interop.py MAILLAB_BINARY"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import check, require, run

require("tshark")

maillab = sys.argv[1]
work = tempfile.mkdtemp(prefix="maillab-export-keylog-")
pcap = os.path.join(work, "ports-and-tls.pcap")
keylog = os.path.join(work, "keys.log")
result = run([maillab, "export", "ports-and-tls", "--pcap", pcap, "--keylog", keylog],
             timeout=120)
check(result.returncode in (0, 1), f"export failed: {result.returncode} {result.stderr}")
check(os.path.getsize(pcap) > 0, "no pcap written")
with open(keylog) as f:
    lines = [line.split() for line in f if line.strip()]
check(lines and all(len(parts) == 3 for parts in lines), "the key log is not SSLKEYLOGFILE")
randoms = {parts[1] for parts in lines}
print(f"{len(lines)} key log lines for {len(randoms)} TLS sessions")


def pop_requests(*options):
    """(server port, "COMMAND argument") for every POP3 request tshark decodes."""
    out = run(["tshark", "-r", pcap, *options, "-Y", "pop.request", "-T", "fields", "-e",
               "tcp.dstport", "-e", "pop.request.command", "-e", "pop.request.parameter"],
              timeout=120)
    check(out.returncode == 0, f"tshark failed: {out.stderr}")
    requests = []
    for line in out.stdout.splitlines():
        port, command, parameter = (line.split("\t") + ["", ""])[:3]
        requests.append((int(port), f"{command} {parameter}".strip()))
    return requests


clear = pop_requests()
decrypted = pop_requests("-o", f"tls.keylog_file:{keylog}")
passwords_clear = [r for r in clear if r[1] == "PASS wonderland"]
passwords_decrypted = [r for r in decrypted if r[1] == "PASS wonderland"]
# Without the keys: the plaintext session on 110, and STLS itself; nothing of 995.
check(passwords_clear == [(110, "PASS wonderland")],
      f"without keys tshark should see exactly the plaintext PASS: {clear}")
check((110, "STLS") in clear, "STLS is not visible in clear")
check(not any(port == 995 for port, _ in clear), "POP3 on 995 decoded without keys")
# With them: the logins inside STLS and inside 995 as well.
check(len(passwords_decrypted) == 3, f"with keys, expected 3 PASS commands: {decrypted}")
check((995, "RETR 1") in decrypted, "RETR on 995 not decrypted")
check(len(decrypted) > len(clear), "the keys decrypted nothing")
shutil.rmtree(work, ignore_errors=True)
print(f"export keylog ok: tshark decodes {len(clear)} POP3 requests without keys and "
      f"{len(decrypted)} with them")
