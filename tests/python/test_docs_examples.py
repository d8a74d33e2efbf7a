"""Runs the examples of the authoring docs, so that what a reader copies works as shown.

A fenced block is an example when the line before it is a marker comment:

- `<!-- qaf-example file=NAME -->`: the block is written to NAME in a scratch folder, one folder a
  page, in the order the page gives them;
- `<!-- qaf-example file=NAME merge -->`: the block is a JSON object merged into NAME's JSON: a
  member that holds a list in both is extended, any other member is set; so a tutorial can add a
  section at a time;
- `<!-- qaf-example file=NAME replace -->`: the same, but every member given replaces the one
  in NAME, lists included (a section rewritten whole);
- `from=OTHER` with merge or replace: start from a copy of OTHER (a new version of a pack);
- `<!-- qaf-example run -->` (optionally `status=N`, default 0): a console block; each `$ qaf ...`
  line is run in the scratch folder with the built CLI, and the lines after it, up to the next
  `$`, are exactly what it must print (stdout, then stderr), with the exit status given.

Runs the built CLI (QAF_CLI, set by `make test`; default build/bin/qaf).
"""
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
PAGES = ["docs/portfolio-format.md", "docs/writing-a-pack.md"]

MARKER = re.compile(r"^<!-- qaf-example (.*?) -->$")
FENCE = re.compile(r"^```(\w*)$")


def examples(page):
    """The page's examples in order: (line, options, block text)."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    found = []
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        if not marker:
            i += 1
            continue
        assert i + 1 < len(lines) and FENCE.match(lines[i + 1]), (
            f"{page}:{i + 1}: a qaf-example marker is followed by a fenced block"
        )
        end = i + 2
        while end < len(lines) and lines[end] != "```":
            end += 1
        assert end < len(lines), f"{page}:{i + 1}: the example's block is not closed"
        options = dict(
            (word.split("=", 1) + [""])[:2] for word in marker.group(1).split()
        )
        found.append((i + 1, options, "\n".join(lines[i + 2 : end]) + "\n"))
        i = end + 1
    return found


def merge(base, fragment, extend_lists=True):
    for key, value in fragment.items():
        if extend_lists and isinstance(base.get(key), list) and isinstance(value, list):
            base[key].extend(value)
        else:
            base[key] = value
    return base


def run_console(block, folder, status, where):
    """Runs each `$ qaf ...` line of a console block; returns how many commands it ran."""
    commands = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append([line[2:], []])
        else:
            assert commands, f"{where}: output before the first '$ ' command"
            commands[-1][1].append(line)
    for command, expected in commands:
        words = shlex.split(command)
        assert words[0] == "qaf", f"{where}: only qaf commands are run, not {words[0]!r}"
        done = subprocess.run(
            [str(CLI)] + words[1:], cwd=folder, capture_output=True, text=True, timeout=120
        )
        printed = (done.stdout + done.stderr).splitlines()
        assert printed == expected, f"{where}: `{command}` printed\n" + "\n".join(printed)
        assert done.returncode == status, (
            f"{where}: `{command}` exited {done.returncode}, the page says {status}\n"
            + done.stderr
        )
    return len(commands)


@pytest.mark.parametrize("page", PAGES)
def test_every_example_runs_as_shown(page, tmp_path):
    found = examples(page)
    assert found, f"{page} has no qaf-example blocks"
    ran = 0
    for line, options, block in found:
        where = f"{page}:{line}"
        if "file" in options:
            target = tmp_path / options["file"]
            if "merge" in options or "replace" in options:
                start = tmp_path / options.get("from", options["file"])
                merged = merge(
                    json.loads(start.read_text(encoding="utf-8")),
                    json.loads(block),
                    extend_lists="merge" in options,
                )
                target.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
            else:
                target.write_text(block, encoding="utf-8")
        elif "run" in options:
            ran += run_console(block, tmp_path, int(options.get("status", "0")), where)
        else:
            pytest.fail(f"{where}: a qaf-example says file=NAME or run")
    assert ran > 0, f"{page} runs no command"


def test_every_json_block_of_the_authoring_pages_parses():
    """A JSON block a reader copies must at least be JSON, marked as an example or not; blocks
    that show a part of a file say so with a `...` and are left out."""
    for page in PAGES + ["docs/vocabulary.md"]:
        text = (ROOT / page).read_text(encoding="utf-8")
        for block in re.findall(r"^```json\n(.*?)^```$", text, re.S | re.M):
            if "..." in block:
                continue
            json.loads(block)
