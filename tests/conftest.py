"""Shared fixtures: realistic pages written for the tests, and a database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages import STORY_PARAGRAPHS, news_page

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def story_html() -> str:
    return news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS)


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def seed_dump() -> Path:
    path = SHARED / "seed" / "blog-page-dump.txt"
    if not path.is_file():
        pytest.skip(f"the shared seed page is not here ({path}); it lives beside the repository in ../shared")
    return path
