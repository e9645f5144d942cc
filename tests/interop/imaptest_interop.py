#!/usr/bin/env python3
"""Dovecot's imaptest against `maillab serve`: the IMAP compliance and stress
tester the Dovecot project runs against its own server.

- The scripted suite (release-2.3, every group whose capability serve
  advertises) must end with 0 failed groups and 0 failed commands, base and
  extensions, with no group skipped for a missing capability.
- A stress run of 10 clients for 20 s on one mailbox (login, select, fetch,
  store, expunge, append, logout, interleaved) must report no protocol error.

imaptest is built from the source kept in the workplace's shared tools by
their build script (Dovecot's headers and libdovecot come from Debian), once
per build directory.
Usage: imaptest_interop.py MAILLAB_BINARY IMAPTEST_BUILD_SCRIPT IMAPTEST_DIR"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, skip

STRESS_CLIENTS = 10
STRESS_SECONDS = 20


def build_imaptest(script, directory):
    if not os.path.exists(script):
        message = f"imaptest's build script {script} is missing"
        if os.environ.get("CI"):
            raise AssertionError(message)
        skip(message)
    built = subprocess.run(["bash", script, directory], capture_output=True, text=True,
                           timeout=900)
    check(built.returncode == 0, f"building imaptest failed:\n{built.stdout}\n{built.stderr}")
    return built.stdout.strip().splitlines()[-1]


def run_imaptest(imaptest, source_dir, serve, *args, timeout):
    common = [f"host=127.0.0.1", f"port={serve.port(143)}", "user=tester", "pass=pw"]
    done = subprocess.run([imaptest, *common, *args], cwd=source_dir, capture_output=True,
                          text=True, timeout=timeout)
    return done.stdout + done.stderr


def scripted_suite(imaptest, source_dir, serve):
    out = run_imaptest(imaptest, source_dir, serve, "test=tests", timeout=300)
    groups = re.search(r"^(\d+) test groups: (\d+) failed, (\d+) skipped", out, re.M)
    base = re.search(r"^base protocol: (\d+)/(\d+) individual commands failed", out, re.M)
    extensions = re.search(r"^extensions: (\d+)/(\d+) individual commands failed", out, re.M)
    check(groups and base and extensions, "imaptest printed no summary:\n" + out[-4000:])
    total, failed, skipped = (int(g) for g in groups.groups())
    print(f"scripted: {total} groups, {failed} failed, {skipped} skipped; "
          f"base {base.group(1)}/{base.group(2)}, extensions {extensions.group(1)}/"
          f"{extensions.group(2)} commands failed")
    check(total >= 71, f"only {total} test groups ran")
    check(failed == 0 and base.group(1) == "0" and extensions.group(1) == "0",
          "imaptest's scripted suite found failures:\n" + out[-6000:])
    check(skipped == 0, f"{skipped} groups were skipped for a capability serve lacks")


def stress(imaptest, source_dir, serve):
    out = run_imaptest(imaptest, source_dir, serve, "mbox=tests/default.mbox",
                       f"clients={STRESS_CLIENTS}", f"secs={STRESS_SECONDS}",
                       timeout=STRESS_SECONDS + 120)
    errors = [line for line in out.splitlines() if "Error:" in line]
    # The last row of numbers counts the commands of each kind, LOGIN first.
    rows = [line.split() for line in out.splitlines()
            if line.strip() and all(word.isdigit() for word in line.split())]
    check(rows, "imaptest's stress run printed no totals:\n" + out[-4000:])
    logins = int(rows[-1][0])
    print(f"stress: {STRESS_CLIENTS} clients x {STRESS_SECONDS} s, {logins} logins, "
          f"{sum(int(n) for n in rows[-1])} commands, {len(errors)} errors")
    check(not errors, f"{len(errors)} errors, the first ones:\n" + "\n".join(errors[:20]))
    check(logins >= STRESS_CLIENTS, f"only {logins} logins in {STRESS_SECONDS} s")


def main():
    maillab, script, directory = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    imaptest = build_imaptest(script, directory)
    source_dir = os.path.join(directory, "src")
    # A fresh --data each time: the scripted tests assume a known, empty account.
    with tempfile.TemporaryDirectory(prefix="maillab-imaptest-") as data:
        with Serve(maillab, data=os.path.join(data, "data"), args=["--user", "tester:pw"]) as serve:
            scripted_suite(imaptest, source_dir, serve)
        with Serve(maillab, data=os.path.join(data, "stress"),
                   args=["--user", "tester:pw"]) as serve:
            stress(imaptest, source_dir, serve)


if __name__ == "__main__":
    main()
