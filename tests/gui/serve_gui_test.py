#!/usr/bin/env python3
"""`maillab serve --gui` under Xvfb: while the window is open, a real client
submits a message and reads it back over IMAP; the session is in the trace,
the window saves a screenshot that is not blank, and serve exits cleanly.
Usage: serve_gui_test.py XVFB_RUN MAILLAB_BINARY"""
import imaplib
import json
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
from email.message import EmailMessage

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from serve_harness import client_tls_context, free_port_base, listening, wait_until

xvfb_run, maillab = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="maillab-serve-gui-")
base = free_port_base()
png, trace = os.path.join(work, "live.png"), os.path.join(work, "trace.jsonl")
serve = subprocess.Popen([xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", maillab, "serve",
                          "--gui", "--screenshot", png, "--port-base", str(base),
                          "--data", os.path.join(work, "data"), "--trace", trace],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


try:
    ctx = client_tls_context()
    wait_until(lambda: listening(base + 587), 60, "serve --gui to listen")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alice@maillab.test", "bob@maillab.test", "seen live"
    msg.set_content("Shown in the window as it happens.\n")
    with smtplib.SMTP("127.0.0.1", base + 587, timeout=30) as s:
        s.starttls(context=ctx)
        s.login("alice", "alice")
        s.send_message(msg)
    m = imaplib.IMAP4_SSL("127.0.0.1", base + 993, ssl_context=ctx, timeout=30)
    m.login("bob", "bob")
    typ, data = m.select("INBOX")
    assert typ == "OK" and data == [b"1"], f"SELECT: {typ} {data}"
    m.logout()
    out, _ = serve.communicate(timeout=180)
    text = out.decode(errors="replace")
    assert serve.returncode == 0, f"serve --gui exited {serve.returncode}:\n{text}"
    assert "saved " in text, text
    assert os.path.getsize(png) > 20000, "the screenshot looks blank"
    events = [json.loads(line) for line in open(trace)]
    commands = [e.get("payload", "") for e in events if e["kind"] == "command"]
    assert any(c.startswith("MAIL FROM:<alice@maillab.test>") for c in commands), commands
    assert any("SELECT INBOX" in c for c in commands), commands
    print("serve --gui ok:", len(events), "events")
    shutil.rmtree(work, ignore_errors=True)
finally:
    if serve.poll() is None:
        serve.kill()
