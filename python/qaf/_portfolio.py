"""Portfolios from Python to the library's readers, as text: a pandas DataFrame becomes the CSV
portfolio (one provider a row, fact columns, ``last_<ACTIVITY>`` dates), records become the JSON
portfolio, a path is read by the library itself. Nothing here checks a record: the library's
readers do, with the codes and pointers the command line reports."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import os
from typing import Any, Mapping, Sequence, Union

import numpy as np
import pandas as pd

from ._errors import InputError

#: What the frame functions take: a DataFrame (one provider a row), records (dicts as in a JSON
#: portfolio's ``providers``), a whole JSON portfolio as a dict, or the path of a portfolio file.
Portfolio = Union[pd.DataFrame, Sequence[Mapping[str, Any]], Mapping[str, Any], str,
                  "os.PathLike[str]"]


def _date_text(value: Any) -> str:
    """A date as the readers take it; a timestamp at midnight is that day."""
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value.isoformat())


def _cell(value: Any) -> str:
    """One CSV cell: empty for a missing value (an unknown fact), lower-case booleans, whole
    numbers without a decimal point, ISO dates."""
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return _float_cell(float(value))
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return _date_text(value)
    return str(value)


def _float_cell(number: float) -> str:
    if math.isnan(number):
        return ""
    return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)


def _cells(column: pd.Series) -> list[str]:
    """A column's cells as _cell writes them, a whole column at a time for the dtypes pandas
    reads a CSV file into (text, whole numbers, floats with NaN for gaps, booleans); any other
    column cell by cell."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        return [str(v) for v in column.fillna("").tolist()]
    if isinstance(dtype, np.dtype):
        if dtype.kind == "b":
            return ["true" if v else "false" for v in column.tolist()]
        if dtype.kind in "iu":
            return [str(v) for v in column.tolist()]
        if dtype.kind == "f":
            return [_float_cell(v) for v in column.tolist()]
    return [_cell(v) for v in column.tolist()]


def frame_csv(frame: pd.DataFrame) -> str:
    """The DataFrame as the CSV portfolio: its columns (an ``id`` column, or an index named
    ``id``), one row a provider."""
    if "id" not in frame.columns and frame.index.name == "id":
        frame = frame.reset_index()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    columns = [_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
    writer.writerows(zip(*columns))
    return out.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return _date_text(value)
    if isinstance(value, np.generic):
        return value.item()
    raise InputError([{
        "code": "qaf.python.value", "pointer": "", "file": "<records>",
        "message": f"a {type(value).__name__} cannot be a value in a record; expected a string, "
                   "number, boolean, datetime.date, None, list or dict"}])


def records_json(document: Mapping[str, Any]) -> str:
    return json.dumps(document, default=_json_value, ensure_ascii=False, allow_nan=False)


def encode(portfolio: Portfolio) -> tuple[str, str, str]:
    """(kind, text, name) for the C++ reader: kind "csv", "json" or "file"."""
    if isinstance(portfolio, pd.DataFrame):
        return "csv", frame_csv(portfolio), "<dataframe>"
    if isinstance(portfolio, (str, os.PathLike)):
        path = os.fspath(portfolio)
        return "file", path, path
    if isinstance(portfolio, Mapping):
        return "json", records_json(portfolio), "<portfolio>"
    return "json", records_json({"providers": list(portfolio)}), "<records>"
