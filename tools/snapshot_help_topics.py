"""Write the corpus of notebook 08 into the package: the help topics of the Python manual.

CPython ships its reference manual's help texts (what ``help("with")``
prints) in the standard-library module ``pydoc_data.topics``. The text changes
between Python releases, so the course keeps one fixed copy in
``mi_helpers/data/python_help_topics.json.gz`` and every Python version reads
the same words (and reproduces the same stored outputs).

Run once with the Python whose manual you want (the committed copy comes
from CPython 3.11.7): ``python tools/snapshot_help_topics.py``.
"""

from __future__ import annotations

import gzip
import json
import platform
from pathlib import Path

from pydoc_data.topics import topics

OUT = Path(__file__).resolve().parents[1] / "mi_helpers" / "data" / "python_help_topics.json.gz"

payload = {
    "python_version": platform.python_version(),
    "source": "CPython Lib/pydoc_data/topics.py (the Python reference manual's help topics)",
    "licence": "Python Software Foundation License Version 2; see LICENSE-PSF.txt beside this file",
    "topics": topics,
}
raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, indent=0).encode("utf-8")
OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(topics)} topics, Python {payload['python_version']})")
