"""Fixtures shared by the AppTest modules."""

from __future__ import annotations

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str | None, bytes]:
    """Return the files the app offers for download in this test, by file name, as Streamlit
    stores them (AppTest does not expose a download button's data)."""
    files: dict[str | None, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):  # noqa: ANN001, ANN202
        files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files
