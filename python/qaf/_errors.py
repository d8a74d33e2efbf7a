"""The exceptions qaf raises for a mistake in a pack, a portfolio or an argument.

Both are ``ValueError``s carrying every diagnostic, not only the first: a person fixing a pack
sees all of its mistakes at once. The C++ module raises them (bindings/python/_qaf.cpp)."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One mistake: a stable ``code`` (docs/errors.md), where it is (``pointer``: an RFC 6901 JSON
    Pointer, ``row:column`` for CSV, ``line:column`` for malformed JSON, or the name of the
    argument), what was found and expected (``message``), and the input's name (``file``)."""

    code: str
    pointer: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.pointer}: {self.code}: {self.message}"


class QafError(ValueError):
    """A mistake in the input: ``diagnostics`` lists every one; ``code``, ``pointer`` and
    ``message`` are the first's."""

    diagnostics: tuple[Diagnostic, ...]

    def __init__(self, diagnostics: Iterable[Mapping[str, Any] | Diagnostic]) -> None:
        self.diagnostics = tuple(
            d if isinstance(d, Diagnostic) else Diagnostic(
                code=str(d["code"]), pointer=str(d["pointer"]), message=str(d["message"]),
                file=str(d.get("file", "")))
            for d in diagnostics)
        shown = "\n".join(str(d) for d in self.diagnostics) or "qaf: no diagnostics"
        super().__init__(shown)

    @property
    def code(self) -> str:
        return self.diagnostics[0].code if self.diagnostics else ""

    @property
    def pointer(self) -> str:
        return self.diagnostics[0].pointer if self.diagnostics else ""

    @property
    def message(self) -> str:
        return self.diagnostics[0].message if self.diagnostics else ""


class PackError(QafError):
    """A pack did not load: every diagnostic points into the pack's JSON."""


class InputError(QafError):
    """A provider record, a portfolio or an argument is wrong: pointers into the records (a JSON
    Pointer such as ``/providers/3/facts/beds``, or ``row:column`` of a DataFrame's CSV form) or
    the name of the argument."""
