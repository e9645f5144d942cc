"""What every real-client test of `maillab serve` needs: a server on free high
ports with its own --data directory, a way to skip when a client program is
missing, a TLS context for the lab's self-signed certificate, and a look into
the Maildirs and the queue that serve keeps under --data.

Layout under --data (see cli/serve_command.cpp and sim/world/mail_server.cpp):
  DATA/mail.maillab.test/mail/ACCOUNT/{new,cur,tmp}   each account's INBOX
  DATA/mail.maillab.test/queue/ID                     one file per queued message
  DATA/mx.elsewhere.test/...                          the simulated remote server
  DATA/tls/cert.pem, DATA/tls/key.pem                 the generated certificate
"""
import os
import random
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

# ctest treats this exit code as "skipped" (SKIP_RETURN_CODE in CMakeLists.txt).
SKIP_EXIT_CODE = 77
SERVICE_PORTS = (25, 587, 465, 110, 995, 143, 993)
MAIL_HOST = "mail.maillab.test"
REMOTE_HOST = "mx.elsewhere.test"
READY_LINE = "Stop with Ctrl-C."


def skip(reason):
    print("SKIP:", reason)
    sys.exit(SKIP_EXIT_CODE)


def require(*programs):
    for program in programs:
        if shutil.which(program) is None:
            skip(f"{program} is not installed (scripts/setup --tests installs it)")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def client_tls_context(**versions):
    """Accepts the lab's self-signed certificate, as a student's client would after a click."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    for name, value in versions.items():
        setattr(ctx, name, value)
    return ctx


def _ports_free(base):
    for port in SERVICE_PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", base + port))
            except OSError:
                return False
    return True


def listening(port):
    """True when something accepts connections on 127.0.0.1:port."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def free_port_base():
    for _ in range(200):
        base = random.randrange(20000, 60000, 10)
        if _ports_free(base):
            return base
    raise RuntimeError("no free block of ports found")


class Serve:
    """`maillab serve` as a child process. Use as a context manager, or call
    start() / stop() / kill() to restart it on the same --data."""

    def __init__(self, maillab, data=None, args=(), base=None, memory_backed=False):
        """memory_backed: --data on tmpfs (/dev/shm) when there is one, where
        fsync costs nothing — for tests about protocol behaviour under load,
        not about durability."""
        self.maillab = maillab
        self.workdir = tempfile.mkdtemp(prefix="maillab-serve-")
        self.scratch = None
        if memory_backed and data is None and os.access("/dev/shm", os.W_OK):
            self.scratch = tempfile.mkdtemp(prefix="maillab-serve-", dir="/dev/shm")
            data = os.path.join(self.scratch, "data")
        self.data = data or os.path.join(self.workdir, "data")
        self.args = list(args)
        self.base = base or free_port_base()
        self.process = None
        self.log_path = None
        self.starts = 0

    def port(self, standard_port):
        return self.base + standard_port

    def start(self, extra_args=(), timeout=20):
        self.starts += 1
        self.log_path = os.path.join(self.workdir, f"serve-{self.starts}.log")
        log = open(self.log_path, "w")
        command = [self.maillab, "serve", "--port-base", str(self.base), "--data", self.data,
                   *self.args, *extra_args]
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        end = time.time() + timeout
        while time.time() < end:
            if READY_LINE in self.output():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"maillab serve exited with {self.process.returncode}:\n"
                                   + self.output())
            time.sleep(0.05)
        raise RuntimeError("maillab serve did not start:\n" + self.output())

    def output(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self, timeout=10):
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("maillab serve did not stop on SIGTERM")

    def kill(self):
        """kill -9: no chance to clean up, as in a power cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            if exc[0] is None:
                shutil.rmtree(self.workdir, ignore_errors=True)
                if self.scratch:
                    shutil.rmtree(self.scratch, ignore_errors=True)
            else:
                print("serve output:\n" + self.output(), file=sys.stderr)
                print("kept for inspection:", self.workdir, file=sys.stderr)

    # What serve keeps under --data.
    def maildir(self, account, host=MAIL_HOST):
        return os.path.join(self.data, host, "mail", account)

    def queue_dir(self, host=MAIL_HOST):
        return os.path.join(self.data, host, "queue")

    def messages(self, account, host=MAIL_HOST):
        """The bytes of every message in the account's INBOX (new/ and cur/)."""
        out = []
        for sub in ("new", "cur"):
            folder = os.path.join(self.maildir(account, host), sub)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as f:
                    out.append(f.read())
        return out

    def queued(self, host=MAIL_HOST):
        """Names of the queue files (one per message still waiting; unfinished
        writes and emptied spares are not entries)."""
        folder = self.queue_dir(host)
        if not os.path.isdir(folder):
            return []
        return sorted(n for n in os.listdir(folder)
                      if os.path.isfile(os.path.join(folder, n)) and not n.endswith((".tmp", ".spare")))


def wait_until(condition, seconds, what):
    end = time.time() + seconds
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def messages_containing(serve, account, token, host=MAIL_HOST):
    return [m for m in serve.messages(account, host) if token.encode() in m]


def wait_for_message(serve, account, token, seconds=15, host=MAIL_HOST):
    """The one message carrying `token` in the account's Maildir, once delivered."""
    found = wait_until(lambda: messages_containing(serve, account, token, host), seconds,
                       f"a message with {token} in {account}'s Maildir")
    check(len(found) == 1, f"{len(found)} messages carry {token}, expected exactly one")
    return found[0]


def run(command, timeout=30, env=None, input=None, binary=False):
    """Runs a client program; returns the CompletedProcess, its output as text
    (newlines normalised) or, with binary=True, as the exact bytes."""
    return subprocess.run(command, capture_output=True, text=not binary, timeout=timeout, env=env,
                          input=input)


def unique_token(label):
    return f"{label}-{os.getpid()}-{random.randrange(10**9)}"
