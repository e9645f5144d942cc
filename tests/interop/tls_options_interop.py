#!/usr/bin/env python3
"""`maillab serve`'s TLS options, checked with Python's ssl module (OpenSSL):
  - without --tls-cert the self-signed certificate is made on first start,
    saved as DATA/tls/cert.pem and key.pem (key mode 0600) and served again
    after a restart (same SHA-256 fingerprint on 465, 995 and STARTTLS);
  - --tls-cert/--tls-key serve the given certificate instead; a key that
    does not belong to it is refused at start; one option without the other
    is a usage error;
  - TLS 1.2 is the minimum: a client limited to TLS 1.1 gets the server's
    protocol_version alert, TLS 1.2 and 1.3 work;
  - --keylog FILE receives the SSLKEYLOGFILE lines of every session: each line
    Python's own key log writes for the same sessions is in it.
Usage: tls_options_interop.py MAILLAB_BINARY"""
import hashlib
import os
import smtplib
import socket
import ssl
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, check, client_tls_context, require, run

require("openssl")


def der_of_pem_file(path):
    with open(path) as f:
        return ssl.PEM_cert_to_DER_cert(f.read())


def implicit_tls(serve, port, ctx=None):
    """Handshakes on an implicit-TLS port; returns (certificate DER, version)."""
    ctx = ctx or client_tls_context()
    with socket.create_connection(("127.0.0.1", serve.port(port)), timeout=20) as raw:
        with ctx.wrap_socket(raw) as tls:
            tls.recv(200)  # the greeting: the session is fully up
            return tls.getpeercert(binary_form=True), tls.version()


def starttls_certificate(serve, ctx=None):
    with smtplib.SMTP("127.0.0.1", serve.port(587), timeout=20) as s:
        s.starttls(context=ctx or client_tls_context())
        return s.sock.getpeercert(binary_form=True), s.sock.version()


def fingerprint(der):
    return hashlib.sha256(der).hexdigest()


def check_generated_certificate_is_kept(maillab):
    serve = Serve(maillab)
    with serve:
        cert_file = os.path.join(serve.data, "tls", "cert.pem")
        key_file = os.path.join(serve.data, "tls", "key.pem")
        check(os.path.exists(cert_file) and os.path.exists(key_file),
              "no certificate saved under DATA/tls on first start")
        check(stat.S_IMODE(os.stat(key_file).st_mode) == 0o600, "the private key is not 0600")
        saved = der_of_pem_file(cert_file)
        first = implicit_tls(serve, 465)[0]
        check(first == saved, "port 465 does not serve the saved certificate")
        check(implicit_tls(serve, 995)[0] == saved, "port 995 does not serve it")
        check(starttls_certificate(serve)[0] == saved, "STARTTLS on 587 does not serve it")
        serve.stop()
        serve.start()
        second = implicit_tls(serve, 465)[0]
        check(fingerprint(second) == fingerprint(first),
              "a restart on the same --data serves a different certificate")
        check(der_of_pem_file(cert_file) == saved, "the saved certificate was replaced")
    return fingerprint(first)


def make_certificate(directory, name, common_name):
    cert = os.path.join(directory, f"{name}.crt")
    key = os.path.join(directory, f"{name}.key")
    result = run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30", "-subj",
                  f"/CN={common_name}", "-keyout", key, "-out", cert])
    check(result.returncode == 0, "openssl req failed: " + result.stderr)
    return cert, key


def check_given_certificate(maillab, generated_fingerprint):
    serve = Serve(maillab)
    cert, key = make_certificate(serve.workdir, "custom", "custom.maillab.test")
    other_key = make_certificate(serve.workdir, "other", "other.maillab.test")[1]
    given = der_of_pem_file(cert)
    serve.args = ["--tls-cert", cert, "--tls-key", key]
    with serve:
        check(implicit_tls(serve, 465)[0] == given, "465 does not serve --tls-cert")
        check(implicit_tls(serve, 995)[0] == given, "995 does not serve --tls-cert")
        check(starttls_certificate(serve)[0] == given, "STARTTLS does not serve --tls-cert")
        check(fingerprint(given) != generated_fingerprint, "the test certificates collide")
        check(not os.path.exists(os.path.join(serve.data, "tls", "cert.pem")),
              "a self-signed certificate was generated although --tls-cert was given")

        mismatched = run([maillab, "serve", "--port-base", str(serve.base), "--data",
                          os.path.join(serve.workdir, "d"), "--tls-cert", cert, "--tls-key",
                          other_key], timeout=20)
        check(mismatched.returncode == 1 and "does not belong" in mismatched.stderr,
              f"a key of another certificate was accepted: {mismatched.returncode} "
              f"{mismatched.stderr}")
        alone = run([maillab, "serve", "--port-base", str(serve.base), "--tls-cert", cert],
                    timeout=20)
        check(alone.returncode != 0 and "--tls-key" in alone.stderr,
              f"--tls-cert without --tls-key was accepted: {alone.returncode} {alone.stderr}")


def check_minimum_version(serve):
    # SECLEVEL=0 lets this client offer TLS 1.1 at all, so a refusal is the server's.
    old = client_tls_context(minimum_version=ssl.TLSVersion.TLSv1_1,
                             maximum_version=ssl.TLSVersion.TLSv1_1)
    old.set_ciphers("DEFAULT:@SECLEVEL=0")
    for port in (465, 995):
        try:
            implicit_tls(serve, port, old)
        except ssl.SSLError as e:
            check("PROTOCOL_VERSION" in e.reason,
                  f"TLS 1.1 on {port} failed, but not by the server's protocol_version "
                  f"alert: {e}")
        else:
            raise AssertionError(f"TLS 1.1 handshake on {port} succeeded")
    try:
        starttls_certificate(serve, old)
    except ssl.SSLError as e:
        check("PROTOCOL_VERSION" in e.reason, f"TLS 1.1 after STARTTLS: {e}")
    else:
        raise AssertionError("TLS 1.1 after STARTTLS succeeded")

    tls12 = client_tls_context(maximum_version=ssl.TLSVersion.TLSv1_2)
    check(implicit_tls(serve, 465, tls12)[1] == "TLSv1.2", "TLS 1.2 is not accepted")
    check(implicit_tls(serve, 995)[1] == "TLSv1.3", "TLS 1.3 is not the default")

    # The command-line tool a student would try; -brief prints the protocol.
    result = run(["openssl", "s_client", "-connect", f"127.0.0.1:{serve.port(995)}", "-tls1_1",
                  "-cipher", "DEFAULT:@SECLEVEL=0", "-brief"], input="", timeout=20)
    check(result.returncode != 0 and "alert protocol version" in result.stderr + result.stdout,
          "openssl s_client -tls1_1 was not refused with a protocol version alert:\n"
          + result.stdout + result.stderr)


def keylog_lines(path):
    with open(path) as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def check_keylog(maillab):
    serve = Serve(maillab)
    server_log = os.path.join(serve.workdir, "server.keys")
    client_log = os.path.join(serve.workdir, "client.keys")
    with open(server_log, "w") as f:
        f.write("# lines already here stay\n")
    serve.args = ["--keylog", server_log]
    with serve:
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            ctx = client_tls_context(maximum_version=version)
            ctx.keylog_filename = client_log
            implicit_tls(serve, 465, ctx)
            implicit_tls(serve, 995, ctx)
            starttls_certificate(serve, ctx)
        ours = keylog_lines(client_log)
        theirs = keylog_lines(server_log)
        randoms = {line.split()[1] for line in ours}
        check(len(randoms) == 6, f"expected 6 sessions in Python's key log, got {len(randoms)}")
        check(any(line.startswith("CLIENT_RANDOM ") for line in theirs),
              "no TLS 1.2 CLIENT_RANDOM line in --keylog")
        check(any(line.startswith("CLIENT_HANDSHAKE_TRAFFIC_SECRET ") for line in theirs),
              "no TLS 1.3 CLIENT_HANDSHAKE_TRAFFIC_SECRET line in --keylog")
        missing = ours - theirs
        check(not missing, f"{len(missing)} secrets of real sessions are missing from --keylog, "
              f"e.g. {sorted(missing)[:1]}")
        with open(server_log) as f:
            check(f.readline() == "# lines already here stay\n", "--keylog did not append")


if __name__ == "__main__":
    maillab = sys.argv[1]
    generated = check_generated_certificate_is_kept(maillab)
    check_given_certificate(maillab, generated)
    with Serve(maillab) as serve:
        check_minimum_version(serve)
    check_keylog(maillab)
    print("TLS options ok: certificate kept across restarts, --tls-cert/--tls-key, "
          "TLS 1.1 refused, --keylog")
