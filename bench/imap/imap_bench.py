#!/usr/bin/env python3
"""IMAP on a large mailbox, `maillab serve` against Dovecot's imapd (issue 6).

1. Fills one Maildir with N small messages directly on disk (cur/, flags in
   the ":2," suffix), in the layout serve uses:
   DATA/mail.maillab.test/mail/bob/{cur,new,tmp}; an exact copy, owned by an
   unprivileged user, becomes Dovecot's mail_location.
2. The first SELECT on each server is timed on its own: serve writes its
   maillab-uidlist, Dovecot its dovecot-uidlist and index.
3. SELECT INBOX and FETCH 1:* (FLAGS UID), interleaved A/B/A/B for R rounds;
   medians and the ratio maillab/Dovecot. Every FETCH must return N UIDs.
4. Mixed load: C concurrent clients x I iterations of SELECT, SEARCH UNSEEN,
   FETCH 20 messages' headers, STORE +FLAGS, NOOP; commands per second.
5. The usual mix (issue 9's target), on a mailbox of its own with 1,000
   messages: 10 clients, each iteration LOGIN, SELECT, UID FETCH of ten
   messages' flags and headers, APPEND, UID STORE +FLAGS \Seen and
   \Deleted on the appended message, UID EXPUNGE of it, LOGOUT; then the
   same without LOGIN/LOGOUT, each client keeping its connection. Every
   APPEND must report its UID (APPENDUID) and every command OK.
Both servers are private children on 127.0.0.1 high ports, plaintext
(serve allows LOGIN on loopback), and are stopped on exit or on a signal.
Exits non-zero when a correctness check fails.
Usage: imap_bench.py MAILLAB_BINARY [--messages N] [--rounds R] [--clients C] [--iterations I]"""
import argparse
import atexit
import imaplib
import os
import pwd
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "interop"))
from serve_harness import Serve, free_port_base  # noqa: E402

ACCOUNT, PASSWORD = "bob", "bob"
DOVECOT_USER = "nobody"  # Dovecot refuses mail access as root (uid 0)
CHILDREN = []
SCRATCH = []  # directories removed after the servers stopped


def cleanup():
    for proc in CHILDREN:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    CHILDREN.clear()
    for directory in SCRATCH:
        shutil.rmtree(directory, ignore_errors=True)
    SCRATCH.clear()


def on_signal(signum, _frame):
    cleanup()
    sys.exit(128 + signum)


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def fill_maildir(maildir, count):
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    now = int(time.time())
    cur = os.path.join(maildir, "cur")
    for i in range(count):
        flags = "S" if i % 3 else ""  # two thirds seen, one third unseen
        name = f"{now}.M{i}P{os.getpid()}.bench.maillab.test:2,{flags}"
        with open(os.path.join(cur, name), "wb") as f:
            f.write(f"From: alice@maillab.test\r\nTo: bob@maillab.test\r\n"
                    f"Subject: message {i}\r\nMessage-ID: <{i}.bench@maillab.test>\r\n"
                    f"Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nBody of message {i}.\r\n"
                    .encode())


def dovecot_config(root, port, maildir_root):
    user = pwd.getpwnam(DOVECOT_USER)
    with open(os.path.join(root, "passwd"), "w") as f:
        f.write(f"{ACCOUNT}:{{PLAIN}}{PASSWORD}:{user.pw_uid}:{user.pw_gid}::{maildir_root}\n")
    conf = os.path.join(root, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:%h/Maildir
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
""")
    return conf


def connect(port):
    end = time.time() + 20
    while True:
        try:
            c = imaplib.IMAP4("127.0.0.1", port, timeout=600)
            c.login(ACCOUNT, PASSWORD)
            return c
        except (OSError, imaplib.IMAP4.error):
            if time.time() > end:
                raise
            time.sleep(0.1)


def timed_select(c, expected):
    started = time.perf_counter()
    typ, data = c.select("INBOX")
    took = time.perf_counter() - started
    if typ != "OK" or int(data[0]) != expected:
        fail(f"SELECT answered {typ} {data[:1]}, expected {expected} messages")
    return took


def timed_fetch(c, expected):
    started = time.perf_counter()
    typ, data = c.fetch("1:*", "(FLAGS UID)")
    took = time.perf_counter() - started
    uids = set()
    for item in data:
        line = item if isinstance(item, bytes) else item[0]
        m = re.search(rb"UID (\d+)", line)
        if m:
            uids.add(int(m.group(1)))
    if typ != "OK" or len(uids) != expected:
        fail(f"FETCH 1:* (FLAGS UID) gave {typ} and {len(uids)} distinct UIDs, expected {expected}")
    return took


def mixed_client(port, iterations, counts, errors, index):
    try:
        c = connect(port)
        done = 0
        for i in range(iterations):
            typ, data = c.select("INBOX")
            total = int(data[0])
            typ2, _ = c.search(None, "UNSEEN")
            first = 1 + (index * 997 + i * 20) % max(1, total - 20)
            typ3, _ = c.fetch(f"{first}:{first + 19}", "(BODY.PEEK[HEADER])")
            typ4, _ = c.store(str(first), "+FLAGS", "(\\Flagged)")
            typ5, _ = c.noop()
            if (typ, typ2, typ3, typ4, typ5) != ("OK",) * 5:
                raise RuntimeError(f"a command failed: {(typ, typ2, typ3, typ4, typ5)}")
            done += 5
        c.logout()
        counts[index] = done
    except Exception as e:  # reported by the caller, which fails the run
        errors.append(f"client {index}: {type(e).__name__}: {e}")


MIX_MAILBOX = "Mix"
APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")


def usual_iteration(c, index, i, filled):
    """One round of the usual mix on an open, authenticated connection; returns
    how many commands it sent. It reads ten of the messages filled in before the
    run (never expunged, so no client's FETCH races another's EXPUNGE)."""
    typ, _ = c.select(MIX_MAILBOX)
    first = 1 + (index * 97 + i * 10) % max(1, filled - 10)
    typ3, _ = c.uid("FETCH", f"{first}:{first + 9}", "(FLAGS BODY.PEEK[HEADER])")
    message = (f"From: client{index}@maillab.test\r\nTo: bob@maillab.test\r\n"
               f"Subject: mix {index}.{i}\r\n\r\nBody {index}.{i}\r\n").encode()
    typ4, data = c.append(MIX_MAILBOX, None, None, message)
    appended = APPENDUID.search(data[0] or b"")
    if appended is None:
        raise RuntimeError(f"APPEND gave no APPENDUID: {data!r}")
    uid = appended.group(1).decode()
    typ5, _ = c.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    typ6, _ = c.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
    typ7, _ = c.uid("EXPUNGE", uid)
    answers = (typ, typ3, typ4, typ5, typ6, typ7)
    if answers != ("OK",) * 6:
        raise RuntimeError(f"a command failed: {answers}")
    return 6


def usual_client(port, iterations, filled, counts, errors, index, keep_connection):
    try:
        done = 0
        c = connect(port) if keep_connection else None
        for i in range(iterations):
            if not keep_connection:
                c = connect(port)  # LOGIN
                done += 1
            done += usual_iteration(c, index, i, filled)
            if not keep_connection:
                c.logout()
                done += 1
        if keep_connection:
            c.logout()
        counts[index] = done
    except Exception as e:  # reported by the caller, which fails the run
        errors.append(f"client {index}: {type(e).__name__}: {e}")


def run_clients(clients, client):
    """Runs client(counts, errors, index) on `clients` threads at once; returns
    commands per second and the time taken."""
    counts, errors = [0] * clients, []
    threads = [threading.Thread(target=client, args=(counts, errors, i)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    if errors:
        fail("; ".join(errors))
    return sum(counts) / took, took


def mixed_load(port, clients, iterations):
    return run_clients(clients, lambda counts, errors, i:
                       mixed_client(port, iterations, counts, errors, i))


def usual_mix(port, clients, iterations, filled, keep_connection):
    return run_clients(clients, lambda counts, errors, i:
                       usual_client(port, iterations, filled, counts, errors, i, keep_connection))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("maillab")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--mix-clients", type=int, default=10)
    parser.add_argument("--mix-iterations", type=int, default=30)
    parser.add_argument("--mix-messages", type=int, default=1000)
    args = parser.parse_args()
    if shutil.which("dovecot") is None:
        fail("dovecot is not installed (apt-get install dovecot-imapd)")
    atexit.register(cleanup)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    work = tempfile.mkdtemp(prefix="imap-bench-")
    SCRATCH.append(work)
    os.chmod(work, 0o755)
    serve = Serve(os.path.abspath(args.maillab), data=os.path.join(work, "serve-data"))
    maildir = serve.maildir(ACCOUNT)
    started = time.perf_counter()
    fill_maildir(maildir, args.messages)
    fill_maildir(os.path.join(maildir, "." + MIX_MAILBOX), args.mix_messages)
    print(f"filled {args.messages} messages in {time.perf_counter() - started:.1f} s")
    dovecot_home = os.path.join(work, "dovecot-home")
    os.makedirs(dovecot_home)
    shutil.copytree(maildir, os.path.join(dovecot_home, "Maildir"))
    user = pwd.getpwnam(DOVECOT_USER)
    subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", dovecot_home], check=True)
    dovecot_root = os.path.join(work, "dovecot")
    os.makedirs(dovecot_root)
    os.chmod(dovecot_root, 0o755)
    dovecot_port = free_port_base() + 143
    conf = dovecot_config(dovecot_root, dovecot_port, dovecot_home)

    serve.start()
    CHILDREN.append(serve.process)
    SCRATCH.append(serve.workdir)
    dovecot = subprocess.Popen(["dovecot", "-F", "-c", conf], stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    CHILDREN.append(dovecot)
    ports = {"maillab": serve.port(143), "dovecot": dovecot_port}

    conns = {name: connect(port) for name, port in ports.items()}
    first = {name: timed_select(conns[name], args.messages) for name in ports}
    for name in ports:
        print(f"first SELECT (builds the uidlist) {name}: {first[name]:.2f} s")

    times = {(name, what): [] for name in ports for what in ("select", "fetch")}
    for r in range(args.rounds):
        for name in ports:  # A, B, A, B ...
            times[(name, "select")].append(timed_select(conns[name], args.messages))
            times[(name, "fetch")].append(timed_fetch(conns[name], args.messages))
        print(f"round {r + 1}: " + ", ".join(
            f"{n} select {times[(n, 'select')][-1]:.3f} s fetch {times[(n, 'fetch')][-1]:.3f} s"
            for n in ports))
    for c in conns.values():
        c.logout()

    rate = {}
    for name, port in ports.items():
        rate[name], took = mixed_load(port, args.clients, args.iterations)
        print(f"mixed load {name}: {args.clients} clients x {args.iterations} iterations, "
              f"{rate[name]:.2f} commands/s ({took:.1f} s)")

    usual = {}
    for keep in (False, True):
        for name, port in ports.items():
            usual[(name, keep)], took = usual_mix(port, args.mix_clients, args.mix_iterations,
                                                  args.mix_messages, keep)
            print(f"usual mix {'without' if keep else 'with'} logouts {name}: "
                  f"{args.mix_clients} clients x {args.mix_iterations} iterations, "
                  f"{usual[(name, keep)]:.0f} commands/s ({took:.1f} s)")

    print("\n| measurement | maillab serve | Dovecot imapd | maillab / Dovecot |")
    print("|---|---|---|---|")
    print(f"| first SELECT, {args.messages} messages (uidlist built) | {first['maillab']:.2f} s "
          f"| {first['dovecot']:.2f} s | {first['maillab'] / first['dovecot']:.1f}x |")
    for what, label in (("select", "SELECT INBOX"), ("fetch", "FETCH 1:* (FLAGS UID)")):
        a = statistics.median(times[("maillab", what)])
        b = statistics.median(times[("dovecot", what)])
        print(f"| {label}, median of {args.rounds} | {a:.3f} s | {b:.3f} s | {a / b:.1f}x |")
    print(f"| mixed load, {args.clients} clients x {args.iterations} iterations, commands/s "
          f"| {rate['maillab']:.2f} | {rate['dovecot']:.2f} "
          f"| {rate['maillab'] / rate['dovecot']:.3f} |")
    for keep in (False, True):
        a, b = usual[("maillab", keep)], usual[("dovecot", keep)]
        print(f"| usual mix {'without' if keep else 'with'} logouts, {args.mix_clients} clients "
              f"x {args.mix_iterations}, {args.mix_messages} messages, commands/s "
              f"| {a:.0f} | {b:.0f} | {a / b:.2f} |")
    print("imap bench ok")


if __name__ == "__main__":
    main()
