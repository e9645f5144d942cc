"""Shared pieces of bench/smtp, bench/pop3 and bench/load.

Every process a bench starts is registered here and stopped on exit, on
Ctrl-C and on SIGTERM, so a failed or interrupted run leaves nothing behind.
"""

import atexit
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# maillab serve listens on port-base + the standard port.
SMTP_PORT, SUBMISSION_PORT, POP3_PORT, IMAP_PORT = 25, 587, 110, 143
SERVE_PORTS = (25, 587, 465, 110, 995, 143, 993)

_cleanups = []


def _run_cleanups():
    while _cleanups:
        action = _cleanups.pop()
        try:
            action()
        except Exception as error:  # a cleanup failing must not stop the others
            print(f"cleanup: {error}", file=sys.stderr)


def _on_signal(signum, _frame):
    raise SystemExit(128 + signum)


atexit.register(_run_cleanups)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)


def on_exit(action):
    """Runs action() when the bench ends (last registered runs first)."""
    _cleanups.append(action)
    return action


def forget(action):
    if action in _cleanups:
        _cleanups.remove(action)


def stop_process(proc, timeout=10):
    """SIGTERM to the process group proc leads, SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def spawn(args, log_path, **kwargs):
    """Starts args in a new process group, output to log_path; stopped at exit."""
    log = open(log_path, "ab")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, **kwargs)
    log.close()
    proc.bench_cleanup = on_exit(lambda: stop_process(proc))
    return proc


def stop(proc):
    stop_process(proc)
    forget(proc.bench_cleanup)


def work_dir(prefix):
    """A fresh directory under $BENCH_TMP (default /tmp), removed at exit
    unless BENCH_KEEP=1."""
    base = os.environ.get("BENCH_TMP")
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    # Postfix's and Dovecot's unprivileged processes must reach their files inside.
    os.chmod(path, 0o755)
    if os.environ.get("BENCH_KEEP") != "1":
        on_exit(lambda: shutil.rmtree(path, ignore_errors=True))
    return path


def port_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_base():
    """A port base b such that b + 25, 587, 465, 110 and 995 are all free."""
    for _ in range(200):
        base = random.randrange(20000, 60000, 10)
        if all(port_free(base + p) for p in SERVE_PORTS):
            return base
    raise RuntimeError("no free port base found")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def maillab_binary():
    candidates = [os.environ.get("MAILLAB", ""), REPO / "build" / "maillab"]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return str(c)
    sys.exit("bench: build maillab first (cmake --build build --target maillab) or set MAILLAB")


class Maillab:
    """`maillab serve` with its mailboxes under data/, on a free port base."""

    def __init__(self, data, users, log_path, extra_args=()):
        self.data = Path(data)
        self.port_base = free_port_base()
        args = [maillab_binary(), "serve", "--listen", "127.0.0.1", "--port-base",
                str(self.port_base), "--data", str(self.data), *extra_args] + os.environ.get("MAILLAB_SERVE_ARGS", "").split()
        for name, password in users:
            args += ["--user", f"{name}:{password}"]
        self.proc = spawn(args, log_path)
        for p in (SMTP_PORT, SUBMISSION_PORT, POP3_PORT, IMAP_PORT):
            wait_port(self.port_base + p, self.proc)

    def port(self, standard):
        return self.port_base + standard

    def maildir(self, user):
        return maillab_maildir(self.data, user)

    def peak_rss_kib(self):
        return status_kib(self.proc.pid, "VmHWM")

    def rss_kib(self):
        return status_kib(self.proc.pid, "VmRSS")

    def stop(self):
        stop(self.proc)


def classroom_passwords(data):
    """{account: password} from `serve --classroom`'s DATA/classroom/accounts.txt."""
    passwords = {}
    for line in (Path(data) / "classroom" / "accounts.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, password = line.split()
            passwords[name] = password
    return passwords


def maillab_maildir(data, user):
    """INBOX of user in `maillab serve --data DATA` (see sim/world/mail_server.cpp)."""
    return Path(data) / "mail.maillab.test" / "mail" / user


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def maildir_files(maildir):
    files = []
    for sub in ("new", "cur"):
        d = Path(maildir) / sub
        if d.is_dir():
            files += [d / name for name in os.listdir(d)]
    return files


_MESSAGE_ID = re.compile(rb"^message-id:\s*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)


def message_id(path):
    """The Message-ID in a message file's header, or None."""
    with open(path, "rb") as f:
        head = f.read(16384)
    end = re.search(rb"\r?\n\r?\n", head)
    match = _MESSAGE_ID.search(head[: end.start()] if end else head)
    return match.group(1).decode("ascii", "replace") if match else None


def wait_for_count(maildirs, expected, timeout):
    """Waits until the Maildirs hold `expected` messages; returns (count, seconds)."""
    start = time.monotonic()
    while True:
        count = sum(len(maildir_files(m)) for m in maildirs)
        elapsed = time.monotonic() - start
        if count >= expected or elapsed > timeout:
            return count, elapsed
        time.sleep(0.05)


def ensure_packages(commands_to_packages):
    """apt-get installs the Debian packages whose command is missing. Postfix's
    debconf question is answered "No configuration" so no daemon is set up; a
    system-wide daemon the install started anyway is stopped (the benches run
    private instances on high ports)."""
    missing = [pkg for cmd, pkg in commands_to_packages.items() if shutil.which(cmd) is None
               and not os.path.exists(cmd)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"bench: installing {' '.join(missing)}", file=sys.stderr)
    if "postfix" in missing:
        subprocess.run(sudo + ["debconf-set-selections"], check=True,
                       input=b"postfix postfix/main_mailer_type select No configuration\n")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing,
                   check=True, env=env, stdout=subprocess.DEVNULL)
    for pid_file in ("/var/spool/postfix/pid/master.pid", "/run/dovecot/master.pid"):
        try:
            pid = int(Path(pid_file).read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            print(f"bench: stopped the daemon the install started ({pid_file})", file=sys.stderr)
        except (OSError, ValueError, IndexError):
            pass


NOBODY_UID = 65534  # Dovecot refuses mail access as root


def start_dovecot(work, user, password, conf_template, template=None):
    """A private Dovecot under work/dovecot: user's Maildir at mail/USER (a copy of
    template, or empty), home at home/USER, all owned by nobody, passwd-file with
    {user}:{password}. conf_template is formatted with root, uid and port. Returns
    (process, port); the process is stopped at exit."""
    root = work / "dovecot"
    maildir = root / "mail" / user
    if template:
        shutil.copytree(template, maildir)
    else:
        for sub in ("cur", "new", "tmp"):
            (maildir / sub).mkdir(parents=True)
    (root / "home" / user).mkdir(parents=True)
    os.chmod(work, 0o755)
    os.chmod(root, 0o755)
    for path in [root / "mail", root / "home", root / "home" / user, *maildir.rglob("*"),
                 maildir]:
        os.chown(path, NOBODY_UID, NOBODY_UID)
    (root / "passwd").write_text(f"{user}:{password}\n")
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(conf_template.format(root=root, uid=NOBODY_UID, port=port))
    proc = spawn(["dovecot", "-F", "-c", str(conf)], work / "dovecot.out")
    try:
        wait_port(port, proc)
    except RuntimeError:
        log = root / "dovecot.log"
        print(log.read_text() if log.exists() else "", file=sys.stderr)
        raise
    return proc, port


def ratio_text(ours, reference):
    """ours / reference with two significant digits below 0.1 (0.031, not 0.03)."""
    r = ours / reference
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def median(values):
    return statistics.median(values) if values else float("nan")


def print_table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    print(line.format(*headers))
    for r in rows:
        print(line.format(*r))
