"""docs/errors.md lists every diagnostic code the library can produce, once, and nothing else."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r'"(qaf\.[a-z_]+\.[a-z_]+)"')


def codes_in_source():
    found = set()
    # The library, the command line, and the Python module (its binding and its own checks).
    sources = [path for folder in ("src", "tools", "bindings", "python")
               for pattern in ("*.cpp", "*.hpp", "*.py") for path in (ROOT / folder).rglob(pattern)]
    for path in sources:
        found.update(CODE.findall(path.read_text(encoding="utf-8")))
    return found


def codes_in_docs():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `(qaf\.[a-z_]+\.[a-z_]+)` \|", text, flags=re.MULTILINE)


def test_every_code_in_the_source_is_documented():
    missing = codes_in_source() - set(codes_in_docs())
    assert not missing, f"add these codes to docs/errors.md: {sorted(missing)}"


def test_every_documented_code_exists_and_is_listed_once():
    documented = codes_in_docs()
    assert len(documented) == len(set(documented)), "a code is listed twice"
    stale = set(documented) - codes_in_source()
    assert not stale, f"docs/errors.md lists codes nothing produces: {sorted(stale)}"
