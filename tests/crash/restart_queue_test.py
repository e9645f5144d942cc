#!/usr/bin/env python3
"""Store and forward survives kill -9 (issue 4's restart test).

`maillab serve --offline-remote` starts with mx.elsewhere.test down, so mail
submitted for carol@elsewhere.test waits in mail.maillab.test's queue
(DATA/mail.maillab.test/queue, one file per message). The server is killed
with SIGKILL; after a restart that is still offline the messages are still
queued and not delivered; after a restart with the remote server up they are
relayed through the simulated MX and land in carol's Maildir on
mx.elsewhere.test (DATA/mx.elsewhere.test/mail/carol), and the queue is empty.
Usage: restart_queue_test.py MAILLAB_BINARY"""
import os
import smtplib
import sys
import time
from email.message import EmailMessage

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from serve_harness import (REMOTE_HOST, Serve, check, client_tls_context, unique_token,
                           wait_for_message, wait_until)

MESSAGES = 3


def submit(serve, tokens):
    with smtplib.SMTP("127.0.0.1", serve.port(587), timeout=20) as s:
        s.starttls(context=client_tls_context())
        s.login("alice", "alice")
        for token in tokens:
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = ("alice@maillab.test",
                                                      "carol@elsewhere.test", token)
            msg.set_content(f"Waits for the remote server: {token}\n")
            check(s.send_message(msg) == {}, "a recipient was refused")


serve = Serve(sys.argv[1])
with serve:
    serve.stop()
    serve.start(["--offline-remote"])
    tokens = [unique_token(f"queued{i}") for i in range(MESSAGES)]
    submit(serve, tokens)
    queued = serve.queued()
    check(len(queued) == MESSAGES, f"{len(queued)} queue files after submitting {MESSAGES}")
    time.sleep(1)  # the MTA tries the unreachable MX meanwhile
    serve.kill()

    check(serve.queued() == queued, f"the queue changed across kill -9: {serve.queued()}")
    serve.start(["--offline-remote"])
    time.sleep(1.5)  # time enough to deliver, were the remote server up
    check(serve.queued() == queued, "after a restart the queue lost or gained files")
    check(serve.messages("carol", REMOTE_HOST) == [], "delivered although the remote is down")
    serve.kill()

    serve.start()
    for token in tokens:
        message = wait_for_message(serve, "carol", token, seconds=30, host=REMOTE_HOST)
        check(b"by mail.maillab.test" in message and b"by mx.elsewhere.test" in message,
              "the delivered message does not show both hops in its Received headers")
    wait_until(lambda: serve.queued() == [], 10, "mail.maillab.test's queue to drain")
    print(f"restart ok: {MESSAGES} messages survived kill -9 in the queue and were relayed "
          "once mx.elsewhere.test was reachable")
