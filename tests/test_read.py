from __future__ import annotations

from pathlib import Path

import pytest

from quotegrab.read import ReadError, Source, article_id, decode, find_sources, read_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain text\n", "plain text\n"),
        ("caf\u00e9 \u201cquoted\u201d\r\n".encode(), "caf\u00e9 \u201cquoted\u201d\r\n"),  # CRLF kept
        (b"\xef\xbb\xbfwith a BOM", "with a BOM"),
        (
            "\u201cWe will win,\u201d the coach said.".encode("cp1252"),
            "\u201cWe will win,\u201d the coach said.",
        ),
        (
            "Ren\u00e9e said the caf\u00e9 was closed.".encode("latin-1"),
            "Ren\u00e9e said the caf\u00e9 was closed.",
        ),
    ],
)
def test_read_decode(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (bytes(range(256)) * 4, "binary file, not text"),
    ],
)
def test_read_decode_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        decode(data, "some/file.txt")
    assert info.value.reason == reason
    assert str(info.value) == f"some/file.txt: {reason}"


def test_read_text_names_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nope\.txt: no such file"):
        read_text(tmp_path / "nope.txt")


def test_read_find_sources_walks_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "two.txt").write_text("x")
    (tmp_path / "skip.md").write_text("x")
    found = list(find_sources([tmp_path, tmp_path / "missing"]))
    assert [s.article_id for s in found if isinstance(s, Source)] == ["a/one", "two"]
    assert [str(e) for e in found if isinstance(e, ReadError)] == [
        f"{tmp_path / 'missing'}: no such file or folder"
    ]
    assert [s.article_id for s in find_sources([tmp_path], "*.md") if isinstance(s, Source)] == ["skip"]


def test_read_article_id_of_single_file() -> None:
    assert article_id(Path("/x/y/story.txt"), None) == "story"
    assert article_id(Path("/x/y/story.txt"), Path("/x")) == "y/story"
