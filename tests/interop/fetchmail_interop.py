#!/usr/bin/env python3
"""fetchmail against `maillab serve`, over POP3 with STLS (port 110) and over
POP3S (995), with the lab's self-signed certificate (sslcertck off):
  --keep       every message reaches the MDA and stays on the server (a
               second POP3 LIST with poplib still shows it), and a second run
               with the same UID file fetches nothing new (UIDL);
  no --keep    every message reaches the MDA and is gone after fetchmail's
               clean QUIT (RFC 1939 §6), from POP3 and from the Maildir.
Usage: fetchmail_interop.py MAILLAB_BINARY"""
import email
import os
import poplib
import smtplib
import sys
from email.message import EmailMessage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import (Serve, check, client_tls_context, require, run, unique_token,
                           wait_for_message)

require("fetchmail")

# fetchmail's exit codes (fetchmail(1), EXIT CODES).
FETCHED = 0
NO_MAIL = 1


def submit(serve, count, label):
    tokens = [unique_token(f"{label}{i}") for i in range(count)]
    with smtplib.SMTP("127.0.0.1", serve.port(25), timeout=20) as s:
        for token in tokens:
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "alice@maillab.test", "bob@maillab.test", token
            msg.set_content(f"For fetchmail: {token}\n")
            s.send_message(msg)
    for token in tokens:
        wait_for_message(serve, "bob", token)
    return tokens


def pop3_list(serve):
    p = poplib.POP3_SSL("127.0.0.1", serve.port(995), context=client_tls_context(), timeout=20)
    p.user("bob")
    p.pass_("bob")
    count = len(p.list()[1])
    p.quit()
    return count


def fetchmail(serve, name, mode, keep):
    """Runs fetchmail once; returns (exit code, verbose log, subjects the MDA got)."""
    home = os.path.join(serve.workdir, name)
    os.makedirs(home, exist_ok=True)
    rc = os.path.join(home, "fetchmailrc")
    out = os.path.join(home, "delivered")  # one file per message the MDA got
    os.makedirs(out, exist_ok=True)
    port = serve.port(110 if mode == "stls" else 995)
    # STLS: TLS 1.2 or newer is required after CAPA offers STLS; POP3S: TLS from the start.
    tls = "sslproto 'TLS1.2+'" if mode == "stls" else "ssl"
    with open(rc, "w") as f:
        f.write(f"set no bouncemail\n"
                f"poll 127.0.0.1 with proto POP3 port {port}\n"
                f"  user \"bob\" there with password \"bob\" is \"root\" here\n"
                f"  {tls} no sslcertck\n")
    os.chmod(rc, 0o600)
    command = ["fetchmail", "-f", rc, "--nodetach", "--verbose", "--idfile",
               os.path.join(home, "fetchids"), "--mda", f"/bin/sh -c 'cat > {out}/$$.eml'"]
    if keep:
        command.append("--keep")
    result = run(command, timeout=60, env=dict(os.environ, HOME=home))
    log = result.stdout + result.stderr
    subjects = []
    for name in os.listdir(out):
        with open(os.path.join(out, name), "rb") as f:
            subjects.append(email.message_from_binary_file(f)["Subject"])
    return result.returncode, log, subjects


def expect_fetched(result, tokens, mode, what):
    code, log, subjects = result
    check(code == FETCHED, f"{what}: fetchmail exited {code}:\n{log}")
    check(sorted(subjects) == sorted(tokens), f"{what}: the MDA got {subjects}, not {tokens}")
    if mode == "stls":
        check("POP3> STLS" in log and "POP3< +OK Begin TLS" in log,
              f"{what}: fetchmail did not use STLS:\n{log}")
    check("POP3> QUIT" in log, f"{what}: no QUIT:\n{log}")


with Serve(sys.argv[1]) as serve:
    for mode in ("stls", "pop3s"):
        tokens = submit(serve, 3, f"fetch-{mode}-")

        kept = fetchmail(serve, f"keep-{mode}", mode, keep=True)
        expect_fetched(kept, tokens, mode, f"--keep over {mode}")
        check("(0 messages removed)" in kept[1], f"--keep over {mode} removed messages:\n{kept[1]}")
        check(pop3_list(serve) == 3, f"after --keep over {mode} POP3 LIST does not show 3")
        check(len(serve.messages("bob")) == 3, "--keep changed the Maildir")

        again = fetchmail(serve, f"keep-{mode}", mode, keep=True)
        check(again[0] == NO_MAIL, f"second --keep run over {mode} fetched again "
              f"(exit {again[0]}): UIDL not used:\n{again[1]}")

        taken = fetchmail(serve, f"take-{mode}", mode, keep=False)
        expect_fetched(taken, tokens, mode, f"no --keep over {mode}")
        check("(3 messages removed)" in taken[1], f"QUIT did not remove 3:\n{taken[1]}")
        check(pop3_list(serve) == 0, f"after fetchmail without --keep over {mode} "
              "messages are still listed")
        check(serve.messages("bob") == [], f"the Maildir still holds mail after {mode}")

    print("fetchmail interop ok: --keep and delete, over STLS and POP3S")
