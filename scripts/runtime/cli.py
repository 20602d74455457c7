"""The frame every command line shares: UTF-8 output whatever the locale, and a `--root` option naming the
repository (or package) the command works on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.runtime.root import repo_root


def utf8_output() -> None:
    """Print every character: a problem message quotes text in any script, and a C locale must not turn it into a
    UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def parser(doc: str | None, root_help: str = "the repository to work on (default: this one)") -> argparse.ArgumentParser:
    """An argument parser described by the first line of doc, with --root."""
    out = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None)
    out.add_argument("--root", type=Path, default=None, help=root_help)
    return out


def root_of(args) -> Path:
    """The --root given (a folder, or exit 2 saying so), or the repository this code lives in."""
    if args.root is None:
        return repo_root()
    if not args.root.is_dir():
        print(f"--root {args.root} is not a folder. Fix: name the repository's folder", file=sys.stderr)
        raise SystemExit(2)
    return args.root.resolve()


def generated(path: Path, text: str, check: bool, stale: str, wrote: str, out=None) -> int:
    """A generated file's command: with check, exit 1 (saying stale) when the committed file differs from text;
    otherwise write it and say wrote. The one way every generated page is checked and written."""
    out = out or sys.stderr
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            print(stale, file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    print(wrote, file=out)
    return 0
