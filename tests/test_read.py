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
    found = list(find_sources([tmp_path, tmp_path / "missing"], "*.txt"))
    assert [s.article_id for s in found if isinstance(s, Source)] == ["a/one", "two"]
    assert [str(e) for e in found if isinstance(e, ReadError)] == [
        f"{tmp_path / 'missing'}: no such file or folder"
    ]
    assert [s.article_id for s in find_sources([tmp_path], "*.md") if isinstance(s, Source)] == ["skip"]


def test_read_find_sources_default_takes_every_input_format(tmp_path: Path) -> None:
    for name in ("one.txt", "two.MD", "three.html", "four.jsonl", "photo.png", "notes.docx"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".quotegrab" / "parts").mkdir(parents=True)
    (tmp_path / ".quotegrab" / "parts" / "part-000001.jsonl").write_text("{}")
    found = {s.article_id: s.fmt for s in find_sources([tmp_path]) if isinstance(s, Source)}
    assert found == {"one": "text", "two": "markdown", "three": "html", "four": "jsonl"}


def test_read_article_id_of_single_file() -> None:
    assert article_id(Path("/x/y/story.txt"), None) == "story"
    assert article_id(Path("/x/y/story.txt"), Path("/x")) == "y/story"


def _source(path: Path, fmt: str | None = None) -> Source:
    from quotegrab.read import input_format

    return Source(path, path.stem, input_format(path, fmt))


def test_read_formats_by_suffix(tmp_path: Path) -> None:
    from quotegrab.read import load_articles

    (tmp_path / "a.md").write_text('# Title\n\n"We won," she said.', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": "One article.", "id": 7}', encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "x1", "text": "First."}\n\n{"id": "x2", "text": "Second."}\nnot json\n{"id": "x4"}\n',
        encoding="utf-8",
    )
    (tmp_path / "d.html").write_text(
        '<html><body><nav>Home | Sport | Weather</nav><article><p>"We will win the league this year," '
        "Maria Lopez told reporters outside the training ground on Monday morning.</p><p>The club said it "
        "expected a full stadium for the derby, and that tickets had sold out within an hour.</p></article>"
        "<footer>Copyright 2026 Example News</footer></body></html>",
        encoding="utf-8",
    )
    md = list(load_articles(_source(tmp_path / "a.md")))
    assert [a.text for a in md] == ['# Title\n\n"We won," she said.']
    assert [a.text for a in load_articles(_source(tmp_path / "b.json"))] == ["One article."]
    lines = list(load_articles(_source(tmp_path / "c.jsonl")))
    assert [a.article_id for a in lines if not isinstance(a, ReadError)] == ["c#x1", "c#x2"]
    errors = [str(e) for e in lines if isinstance(e, ReadError)]
    assert errors == [
        f"{tmp_path / 'c.jsonl'}:4: invalid JSON: Expecting value",
        f"{tmp_path / 'c.jsonl'}:5: no 'text' field",
    ]
    (html,) = load_articles(_source(tmp_path / "d.html"))
    assert not isinstance(html, ReadError)
    assert "Maria Lopez told reporters" in html.text
    assert "Home | Sport" not in html.text and "Copyright" not in html.text


def test_read_forced_format_and_custom_fields(tmp_path: Path) -> None:
    from quotegrab.read import load_articles

    (tmp_path / "feed.txt").write_text('{"body": "Hello there.", "guid": "g1"}\n', encoding="utf-8")
    (article,) = load_articles(_source(tmp_path / "feed.txt", "jsonl"), text_field="body", id_field="guid")
    assert not isinstance(article, ReadError)
    assert (article.article_id, article.text) == ("feed#g1", "Hello there.")
    with pytest.raises(ValueError, match="unknown input format"):
        _source(tmp_path / "feed.txt", "pdf")
