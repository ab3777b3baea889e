"""Fixture reviewers with throwaway keys, made by ``ssh-keygen`` in a temporary folder per test.

No private key is ever committed: every key here lives and dies with the test's tmp folder.
The names are placeholders ("Fixture Reviewer …"), never real people.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Reviewer:
    principal: str
    name: str
    role: str
    credentials: str
    #: The private key (its ``.pub`` beside it).
    key: Path

    @property
    def public_key(self) -> Path:
        return self.key.with_suffix(".pub")

    @property
    def person(self) -> list[str]:
        """``--reviewer NAME --role ROLE --credentials CRED`` (start-review, approve)."""
        return ["--reviewer", self.name, "--role", self.role, "--credentials", self.credentials]

    @property
    def signs(self) -> list[str]:
        """``--signer PRINCIPAL --key KEYFILE`` (approve)."""
        return ["--signer", self.principal, "--key", str(self.key)]

    def board_add(self, project: Path, by: Reviewer | None = None) -> list[str]:
        """The CLI arguments that add this reviewer's key to ``project``'s board, signed by
        ``by`` (default: self, as the board's founding member)."""
        signer = by or self
        return [
            "board",
            "add",
            self.principal,
            "--project",
            str(project),
            "--name",
            self.name,
            "--role",
            self.role,
            "--public-key",
            str(self.public_key),
            "--by",
            signer.principal,
            "--key",
            str(signer.key),
        ]


def keygen(folder: Path, name: str, /) -> Path:
    """A new ed25519 key pair ``folder/name`` and ``folder/name.pub`` (no passphrase)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    subprocess.run(
        [
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            f"{name} (test key)",
            "-f",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


def fixture_reviewers(folder: Path, /) -> tuple[Reviewer, Reviewer]:
    """Two fixture reviewers, each with a fresh key in ``folder``."""
    one = Reviewer(
        "reviewer-one@example.test",
        "Fixture Reviewer One",
        "Test oncologist",
        "MD (fixture)",
        keygen(folder, "reviewer-one"),
    )
    two = Reviewer(
        "reviewer-two@example.test",
        "Fixture Reviewer Two",
        "Test cardiologist",
        "MD, PhD (fixture)",
        keygen(folder, "reviewer-two"),
    )
    return one, two
