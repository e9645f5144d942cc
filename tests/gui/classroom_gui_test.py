#!/usr/bin/env python3
"""`maillab serve --gui --classroom 30` under Xvfb: thirty students send a
message and log in by IMAP (with an ID naming their app, the session left
open) while the window is up; the window saves a screenshot of the class
view that is not blank, and the class report written at exit counts, for
every student whose client got through before the screenshot closed the
window, the message sent, IMAP and the app.
Usage: classroom_gui_test.py XVFB_RUN MAILLAB_BINARY"""
import imaplib
import json
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from serve_harness import client_tls_context, free_port_base, listening, wait_until

STUDENTS = 30
APPS = ("Thunderbird", "iOS Mail", "Gmail", "mutt")
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))

xvfb_run, maillab = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="maillab-classroom-gui-")
base = free_port_base()
png, report = os.path.join(work, "class.png"), os.path.join(work, "class.json")
data = os.path.join(work, "data")
serve = subprocess.Popen([xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", maillab, "serve",
                          "--gui", "--screenshot", png, "--port-base", str(base), "--data", data,
                          "--classroom", str(STUDENTS), "--class-report", report],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def student(number, password, done, held):
    name = f"student{number:02d}"
    ctx = client_tls_context()
    try:
        with smtplib.SMTP("127.0.0.1", base + 587, timeout=30) as s:
            s.starttls(context=ctx)
            s.login(name, password)
            s.sendmail(f"{name}@maillab.test", [f"student{number % STUDENTS + 1:02d}@maillab.test"],
                       f"Subject: hello from {name}\r\n\r\nhello\r\n")
        m = imaplib.IMAP4("127.0.0.1", base + 143, timeout=30)
        m.starttls(ssl_context=ctx)
        m._simple_command("ID", f'("name" "{APPS[number % len(APPS)]}")')
        m.login(name, password)
        m.select("INBOX")
        held.append(m)  # stays open: the window shows it as an open session
        done.append(number)
    except (OSError, smtplib.SMTPException, imaplib.IMAP4.error):
        pass  # the screenshot closed the window first; only the finished ones are checked


try:
    wait_until(lambda: listening(base + 587), 60, "serve --gui to listen")
    accounts = {}
    with open(os.path.join(data, "classroom", "accounts.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, password = line.split()
                accounts[name] = password
    done, held = [], []
    threads = [threading.Thread(target=student,
                                args=(i, accounts[f"student{i:02d}"], done, held))
               for i in range(1, STUDENTS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out, _ = serve.communicate(timeout=180)
    text = out.decode(errors="replace")
    assert serve.returncode == 0, f"serve --gui exited {serve.returncode}:\n{text}"
    assert os.path.getsize(png) > 20000, "the screenshot looks blank"
    with open(report) as f:
        rows = {row["account"]: row for row in json.load(f)["students"]}
    assert len(rows) == STUDENTS + 1, rows.keys()
    assert done, "no student got through before the window closed"
    for number in done:
        row = rows[f"student{number:02d}"]
        assert row["sent"] == 1, row
        assert "IMAP" in row["protocols"] and "SMTP" in row["protocols"], row
        assert APPS[number % len(APPS)] in row["apps"], row
        assert row["open_sessions"] == 0, row  # serve closed them when it stopped
    print(f"classroom --gui ok: {len(done)} of {STUDENTS} students counted; {png}")
    shutil.rmtree(work, ignore_errors=True)
finally:
    if serve.poll() is None:
        serve.kill()
