"""Shared fixtures for the Python tests: where the repository, its schemas, packs and examples are."""

import json
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
PACKS = REPO / "packs"
EXAMPLES = REPO / "examples"
# The source documents live beside the repository (../shared/seeds); a pack's sources[].file is
# relative to that shared folder. Tests that read them are skipped when it is not there.
SHARED = REPO.parent / "shared"

BUNDLED_PACK_IDS = [
    "bolton-children-2024",
    "bolton-adults-2020",
    "devon-children-residential",
    "herefordshire-adults-2018",
    "coventry-children",
    # Bolton adults' deadline tables of the years before and after 2020/21, each a version of its
    # own chained with `previous` (docs/packs/bolton-adults-2020.md).
    "bolton-adults-2018",
    "bolton-adults-2019",
    "bolton-adults-2021",
]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def repo_root():
    return REPO


@pytest.fixture(scope="session")
def pack_schema():
    return load_json(SCHEMAS / "pack.schema.json")


@pytest.fixture(scope="session")
def portfolio_schema():
    return load_json(SCHEMAS / "portfolio.schema.json")


@pytest.fixture(scope="session")
def results_schema():
    return load_json(SCHEMAS / "results.schema.json")


@pytest.fixture(scope="session")
def packs():
    """Every bundled pack, by id."""
    return {pack_id: load_json(PACKS / f"{pack_id}.json") for pack_id in BUNDLED_PACK_IDS}
