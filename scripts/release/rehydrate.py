"""Rebuild the full package from the text-free variant and your own copy of each article.

Usage: python -m scripts.release.rehydrate PACKAGE --text ARTICLE_ID=PATH [--text …] --out DIR

PACKAGE is the text-free zip (or its unpacked folder). Each PATH is your copy of one article; its sha256 must be
the one data/articles.csv records, or nothing is written. DIR receives datapackage.json, data/ (every table with
its `text` and `cue_text` columns and its notes whole again, the article texts and the CSV on the Web metadata),
equal byte for byte to the same files of the full zip; `python -m scripts.validate DIR` then validates it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from scripts.contract import text_free as tf
from scripts.contract.paths import MAX_FILE_BYTES
from scripts.contract.reader import PackageError, open_package
from scripts.release import variants
from scripts.runtime import cli
from scripts.validate.inputs import ScratchFull, UnusableInput, unpacked


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("package", type=Path, help="the text-free zip or its unpacked folder")
    parser.add_argument("--text", action="append", default=[], metavar="ARTICLE_ID=PATH", help="your copy of one article")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the full package into (must be empty or absent)")
    args = parser.parse_args(argv)
    texts = {}
    for item in args.text:
        article_id, sep, path = item.partition("=")
        if not sep or not article_id or not path:
            print(f"rehydrate: --text {item!r} is not ARTICLE_ID=PATH. Fix: write it as --text sheinbaum-trump-call=article.txt", file=sys.stderr)
            return 2
        if not Path(path).is_file() or Path(path).stat().st_size > MAX_FILE_BYTES:
            print(f"rehydrate: {path}: is not a regular file of at most {MAX_FILE_BYTES:,} bytes. Fix: give the path of your "
                  f"copy of {article_id}", file=sys.stderr)
            return 2
        try:
            texts[article_id] = Path(path).read_bytes()
        except OSError as error:
            print(f"rehydrate: {path}: cannot be read ({error.strerror}). Fix: give the path of your copy of {article_id}", file=sys.stderr)
            return 2
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        print(f"rehydrate: {args.out} is {'not a folder' if not args.out.is_dir() else 'not empty'}. Fix: name a new folder "
              "with --out", file=sys.stderr)
        return 2
    if not args.out.absolute().parent.is_dir():
        print(f"rehydrate: {args.out.absolute().parent} is not a folder, so {args.out} cannot be made in it. Fix: name a "
              "folder whose parent exists with --out", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="rehydrate-") as scratch:
        try:
            variant = open_package(unpacked(args.package, Path(scratch)), texts=False)
        except ScratchFull as error:
            print(f"rehydrate: {args.package}: {error}; nothing was written", file=sys.stderr)
            return 2
        except (UnusableInput, PackageError) as error:
            print(f"rehydrate: {args.package}: {error}. Fix: give the text-free zip as downloaded", file=sys.stderr)
            return 2
        if not variant.text_free:
            print(f"rehydrate: {args.package} is not the text-free variant (its datapackage.json has no \"variant\": \"text-free\"). "
                  "Fix: it already holds the text; use it as it is", file=sys.stderr)
            return 2
        try:
            files = variants.rehydrate(variant, texts)
        except (variants.TextMismatch, tf.RehydrationError) as error:
            print(f"rehydrate: {error}. Fix: use the article exactly as published (README.md, \"Checking your own copy\"); "
                  "nothing was written", file=sys.stderr)
            return 1
    staging = args.out.absolute().parent / f".{args.out.name}.partial-{os.getpid()}"
    try:  # written whole in a staging folder beside --out, then renamed: never a half-written package
        variants.write(files, staging)
        os.replace(staging, args.out)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"rehydrate: {error.filename or args.out}: {error.strerror or error} while writing (a full disk or a file-size "
              f"limit). Fix: free space, then run again; nothing was written to {args.out}", file=sys.stderr)
        return 1
    print(f"wrote the full package ({len(files)} files) to {args.out}; check it with `python -m scripts.validate {args.out}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
