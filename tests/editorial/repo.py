"""A throwaway copy of this repository, driven as a maintainer would: the reviewer CLI and the
Makefile's own build and preview commands, run in the copy (its ``calculator`` and ``docs``).

Reviewer names here are placeholders for tests ("Fixture Reviewer …"), never real people.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.editorial.signers import Reviewer, fixture_reviewers

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "docs/trastuzumab/index.md"
REVIEWER = [
    "--reviewer",
    "Fixture Reviewer One",
    "--role",
    "Test oncologist",
    "--credentials",
    "MD (fixture)",
]
AUTHOR = ["--actor", "Fixture editorial team"]


def worktree_files() -> list[str]:
    """Every tracked or new (not ignored) file of this work tree, relative to it."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name]


def make_recipe(target: str, /) -> list[str]:
    """The first command of ``target`` in the Makefile, with ``$(PY)`` as this Python and
    ``$(PORT)`` and ``$(SITE_DIR)`` at their defaults."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        command = line.strip()
        if not command.startswith("@"):
            # $(PORT) at its default: the preview port a reader gets from `make serve`.
            for name, value in (
                ("$(PY)", sys.executable),
                ("$(PORT)", "8000"),
                ("$(SITE_DIR)", "site"),
            ):
                command = command.replace(name, value)
            return shlex.split(command)
    raise AssertionError(f"Makefile target {target} has no command")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@dataclass
class Repo:
    path: Path
    #: ``--signer PRINCIPAL --key KEYFILE`` of the reviewer seated by :meth:`seat_reviewer`.
    signs: list[str] = field(default_factory=list)

    @classmethod
    def copy(cls, dest: Path, /) -> Repo:
        """Every tracked or new (not ignored) file of the work tree; the installed runtimes
        (npm's Pyodide, the pyodide-build venv) are linked, not copied."""
        for name in worktree_files():
            source = ROOT / name
            if source.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
        for linked in ("node_modules", ".venv-pyodide"):
            if (ROOT / linked).exists():
                (dest / linked).symlink_to(ROOT / linked)
        # The build caches are content-addressed (keyed by the sources they were made from): the
        # copy shares this work tree's, so a build of unchanged rules reuses the wheel, the
        # trimmed standard library and the Brotli copies instead of making them again (minutes
        # of CPU over this module), and a changed rule still gets its own.
        for cache in (".cache/pyodide", ".cache/compress"):
            (ROOT / cache).mkdir(parents=True, exist_ok=True)
            (dest / cache).parent.mkdir(parents=True, exist_ok=True)
            (dest / cache).symlink_to(ROOT / cache)
        from tests.safety.stand_in import write_passing_results  # for `make safety`: see there

        write_passing_results(dest)
        return cls(dest)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PYTHONPATH"}}
        env.update(
            NO_MKDOCS_2_WARNING="1",
            PYODIDE_SNAPSHOT="false",
            GUIDE_NOW="2026-01-15T09:00:00Z",
            GUIDE_TODAY="2026-01-20",
        )
        env.update(extra)
        return env

    def run(self, *command: str, stdin: str | None = None, **env: str) -> Run:
        done = subprocess.run(
            list(command),
            cwd=self.path,
            env=self.env(**env),
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def editorial(self, *args: str, now: str = "2026-01-15T09:00:00Z") -> Run:
        return self.run(sys.executable, "-m", "build_tools.editorial", *args, GUIDE_NOW=now)

    def seat_reviewer(self, keys: Path, /) -> Reviewer:
        """Fixture Reviewer One (a throwaway key in ``keys``) founds the copy's review board."""
        one, _ = fixture_reviewers(keys)
        run = self.editorial(*one.board_add(self.path), now="2026-01-10T09:00:00Z")
        assert run.code == 0, run.output
        self.signs = one.signs
        return one

    def make_build(self, **env: str) -> Run:
        """The Makefile's exact build command (``make build`` without its setup steps)."""
        return self.run(*make_recipe("build"), **env)

    def rules_sha256(self) -> str:
        """What ``python -m calculator`` stamps on a result, run in the copy."""
        done = self.run(sys.executable, "-m", "calculator", stdin='{"indication": "early_breast"}')
        assert done.code == 0, done.output
        return json.loads(done.out)["rules"]["sha256"]

    def rules_version(self) -> str:
        done = self.run(sys.executable, "-c", "import calculator; print(calculator.__version__)")
        assert done.code == 0, done.output
        return done.out.strip()

    def status(self) -> dict:
        document = json.loads((self.path / "site" / "status.json").read_text(encoding="utf-8"))
        (article,) = [a for a in document["articles"] if a["id"] == "trastuzumab"]
        return article

    def page(self, url: str) -> str:
        return (self.path / "site" / url / "index.html").read_text(encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text, encoding="utf-8")

    def history(self) -> list[dict]:
        import yaml

        from build_tools.editorial.body import split_front_matter

        front, _ = split_front_matter(self.read(ARTICLE))
        return yaml.safe_load(front or "")["review_history"]
