#!/usr/bin/env python3
"""Real clients against `maillab serve`: Python's smtplib submits with
STARTTLS and AUTH, curl sends over implicit TLS (smtps), poplib reads the
mail over POP3 with STLS and over implicit TLS, and the sessions appear in
the --trace output. Usage: serve_interop.py MAILLAB_BINARY"""
import json, os, poplib, random, re, shutil, socket, smtplib, ssl, subprocess, sys, tempfile, time
from email.message import EmailMessage

maillab = sys.argv[1]
base = 20000 + random.randrange(0, 20000)
workdir = tempfile.mkdtemp(prefix="maillab-interop-")
trace = os.path.join(workdir, "trace.jsonl")
server = subprocess.Popen([maillab, "serve", "--port-base", str(base), "--trace", trace,
                           "--data", os.path.join(workdir, "data")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

def wait_for(port, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")

ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE

try:
    wait_for(base + 587)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alice@maillab.test", "bob@maillab.test", "via smtplib"
    msg.set_content("Sent by a real client into the simulated world.\n")
    with smtplib.SMTP("127.0.0.1", base + 587, timeout=20) as s:
        s.starttls(context=ctx)
        s.login("alice", "alice")
        assert s.send_message(msg) == {}, "a recipient was refused"

    eml = os.path.join(workdir, "curl.eml")
    with open(eml, "w") as f:
        f.write("From: alice@maillab.test\r\nTo: bob@maillab.test\r\nSubject: via curl smtps\r\n\r\nHi\r\n")
    subprocess.run(["curl", "-s", "-k", "--max-time", "20", f"smtps://127.0.0.1:{base + 465}",
                    "--user", "alice:alice", "--mail-from", "alice@maillab.test",
                    "--mail-rcpt", "bob@maillab.test", "-T", eml], check=True)
    time.sleep(1)

    p = poplib.POP3("127.0.0.1", base + 110, timeout=20)
    p.stls(context=ctx)
    p.user("bob")
    p.pass_("bob")
    count, _ = p.stat()
    assert count == 2, f"bob has {count} messages, expected 2"
    subjects = sorted(next(l for l in p.retr(i)[1] if l.startswith(b"Subject:")) for i in (1, 2))
    assert subjects == [b"Subject: via curl smtps", b"Subject: via smtplib"], subjects
    p.dele(1)
    p.quit()

    p = poplib.POP3_SSL("127.0.0.1", base + 995, context=ctx, timeout=20)
    p.user("bob")
    p.pass_("bob")
    assert p.stat()[0] == 1, "DELE + QUIT did not remove exactly one message"
    p.quit()

    # APOP (RFC 1939 §7): the greeting carries <pid.clock@host>, and the
    # password never crosses the wire, only MD5(timestamp + password).
    p = poplib.POP3_SSL("127.0.0.1", base + 995, context=ctx, timeout=20)
    greeting = p.getwelcome().decode()
    assert re.search(r"<[^<>@\s]+@[^<>\s]+>", greeting), f"no APOP timestamp in {greeting!r}"
    assert p.apop("bob", "bob").startswith(b"+OK"), "APOP login refused"
    assert p.stat()[0] == 1, "APOP login sees a different maildrop"
    p.quit()

    time.sleep(0.5)
    events = [json.loads(line) for line in open(trace)]
    payloads = [e.get("payload", "") for e in events if e["kind"] in ("command", "reply")]
    assert any(x.startswith("STAT") for x in payloads), "STAT missing from the trace"
    assert any(x.startswith("MAIL FROM:<alice@maillab.test>") for x in payloads), "MAIL missing"
    assert any(e["kind"] == "host_added" and e.get("payload", "").startswith("client 127.0.0.1:")
               for e in events), "no real-client host in the trace"
    print("interop ok:", len(events), "trace events")
    shutil.rmtree(workdir, ignore_errors=True)
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
