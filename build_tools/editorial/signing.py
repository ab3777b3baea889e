"""OpenSSH signatures (``ssh-keygen -Y``), the mechanism git uses for signed commits.

Nothing here is cryptography of our own: signing and verifying are ``ssh-keygen -Y sign``,
``-Y verify``, ``-Y check-novalidate`` and ``-Y find-principals`` run on temporary files, always
in the namespace :data:`NAMESPACE`, so a signature made for this guide cannot be replayed as a
git commit signature or an SSH login, nor the other way round. The only computation done in
Python is the key fingerprint (``SHA256:`` + unpadded base64 of the sha256 of the key blob), the
display form ``ssh-keygen -l`` prints; a test checks both agree.

``ssh-keygen`` is looked up only when a signature is made or checked: a project without signed
records never needs it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "KEY_TYPES",
    "NAMESPACE",
    "PublicKey",
    "SigningError",
    "Verification",
    "check_novalidate",
    "find_principals",
    "fingerprint",
    "parse_public_key",
    "sign",
    "ssh_time",
    "verify",
]

#: The signature namespace of every approval and board event (CONTRIBUTING.md#signed-approvals).
NAMESPACE = "trastuzumab-guide"
#: Key types accepted on the review board (OpenSSH's names).
KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "sk-ssh-ed25519@openssh.com",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ecdsa-sha2-nistp256@openssh.com",
        "ssh-rsa",
    }
)
_INSTALL = (
    "ssh-keygen (OpenSSH) is needed to make or check signatures: install it (Debian/Ubuntu: "
    "`apt-get install openssh-client`; `make setup` does it), then run the command again"
)
_GOOD = re.compile(r"with (?P<type>\S+) key (?P<fingerprint>SHA256:[A-Za-z0-9+/]+)")


class SigningError(RuntimeError):
    """``ssh-keygen`` is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class PublicKey:
    type: str
    blob: str

    @property
    def line(self) -> str:
        """``TYPE BASE64`` without a comment: the form the board records."""
        return f"{self.type} {self.blob}"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self)


@dataclass(frozen=True)
class Verification:
    ok: bool
    #: ``SHA256:…`` of the key that made the signature, when ssh-keygen could read it.
    fingerprint: str | None
    #: ssh-keygen's own words when it refused (for messages).
    detail: str = ""


def parse_public_key(text: str, /) -> PublicKey:
    """``ssh-ed25519 AAAA… [comment]`` (one line of a ``.pub`` file) as a :class:`PublicKey`;
    raises ``ValueError`` naming what is wrong."""
    parts = text.strip().split()
    if len(parts) < 2:
        raise ValueError("a public key is one line 'TYPE BASE64 [comment]' (the .pub file)")
    kind, blob = parts[0], parts[1]
    if kind not in KEY_TYPES:
        known = ", ".join(sorted(KEY_TYPES))
        raise ValueError(f"key type {kind!r} is not accepted (one of {known})")
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the key is not valid base64") from None
    # The blob starts with its own type as an SSH string: a mislabelled key is refused.
    length = int.from_bytes(raw[:4], "big") if len(raw) >= 4 else -1
    if raw[4 : 4 + length].decode("ascii", "replace") != kind:
        raise ValueError(f"the key data is not a {kind} key")
    return PublicKey(kind, blob)


def fingerprint(key: PublicKey, /) -> str:
    """``SHA256:…`` exactly as ``ssh-keygen -l`` prints it."""
    digest = hashlib.sha256(base64.b64decode(key.blob)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def ssh_time(timestamp: str, /) -> str:
    """``2026-01-15T09:00:00Z`` → ``20260115090000Z`` (OpenSSH's form for ``valid-after``,
    ``valid-before`` and ``-Overify-time``)."""
    moment = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%SZ")


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise SigningError(_INSTALL)
    return found


def _run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_ssh_keygen(), *args], input=stdin, capture_output=True, check=False, timeout=60
    )


def _words(done: subprocess.CompletedProcess[bytes]) -> str:
    text = (done.stderr + b"\n" + done.stdout).decode("utf-8", "replace")
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("Signing data on standard input")
    ]
    return "; ".join(lines)


def sign(payload: bytes, key: Path, /) -> str:
    """The armored signature (``-----BEGIN SSH SIGNATURE-----``…) of ``payload`` by the private
    key in ``key`` (an agent or a passphrase prompt work as for ``git commit -S``)."""
    if not key.is_file():
        raise SigningError(f"{key}: no such key file (the private key, e.g. ~/.ssh/id_ed25519)")
    done = subprocess.run(
        [_ssh_keygen(), "-Y", "sign", "-n", NAMESPACE, "-f", str(key)],
        input=payload,
        capture_output=True,
        check=False,
        timeout=600,
    )
    signature = done.stdout.decode("ascii", "replace")
    if done.returncode != 0 or "BEGIN SSH SIGNATURE" not in signature:
        raise SigningError(f"ssh-keygen could not sign with {key}: {_words(done)}")
    return signature


def _with_files(
    signature: str,
    allowed_signers: str | None,
    run: Callable[[str, str], subprocess.CompletedProcess[bytes]],
) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="guide-sig-") as folder:
        sig = Path(folder) / "payload.sig"
        sig.write_text(signature, encoding="ascii", errors="replace")
        signers = Path(folder) / "allowed_signers"
        signers.write_text(allowed_signers or "", encoding="utf-8")
        return run(str(sig), str(signers))


def verify(
    payload: bytes,
    signature: str,
    /,
    *,
    principal: str,
    allowed_signers: str,
    verify_time: str | None = None,
) -> Verification:
    """``ssh-keygen -Y verify``: is ``signature`` over ``payload`` made by a key that
    ``allowed_signers`` lists for ``principal`` (valid at ``verify_time``, a timestamp)?"""

    def run(sig: str, signers: str) -> subprocess.CompletedProcess[bytes]:
        args = ["-Y", "verify", "-f", signers, "-I", principal, "-n", NAMESPACE, "-s", sig]
        if verify_time:
            args.append(f"-Overify-time={ssh_time(verify_time)}")
        return _run(args, payload)

    done = _with_files(signature, allowed_signers, run)
    match = _GOOD.search(done.stdout.decode("utf-8", "replace"))
    if done.returncode == 0 and match:
        return Verification(True, match["fingerprint"])
    return Verification(False, None, _words(done))


def check_novalidate(payload: bytes, signature: str, /) -> Verification:
    """``ssh-keygen -Y check-novalidate``: is ``signature`` a valid signature of ``payload`` by
    the key embedded in it, whoever that is? (Tells a changed payload or a forged signature from
    a sound signature by a key that is not on the board.)"""

    def run(sig: str, _: str) -> subprocess.CompletedProcess[bytes]:
        return _run(["-Y", "check-novalidate", "-n", NAMESPACE, "-s", sig], payload)

    done = _with_files(signature, None, run)
    match = _GOOD.search(done.stdout.decode("utf-8", "replace"))
    if done.returncode == 0 and match:
        return Verification(True, match["fingerprint"])
    return Verification(False, None, _words(done))


def find_principals(
    signature: str, allowed_signers: str, /, *, verify_time: str | None = None
) -> list[str]:
    """``ssh-keygen -Y find-principals``: the principals ``allowed_signers`` lists for the key
    that made ``signature`` (valid at ``verify_time``; empty when the key is not listed)."""

    def run(sig: str, signers: str) -> subprocess.CompletedProcess[bytes]:
        args = ["-Y", "find-principals", "-f", signers, "-s", sig]
        if verify_time:
            args.append(f"-Overify-time={ssh_time(verify_time)}")
        return _run(args, b"")

    done = _with_files(signature, allowed_signers, run)
    if done.returncode != 0:
        return []
    return [line.strip() for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
