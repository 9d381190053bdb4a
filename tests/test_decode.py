"""Decoding: BOMs before the binary test, cp1252 preferred over the detector's wild guesses."""

from __future__ import annotations

import codecs

import pytest

from quotegrab.decode import DecodeError, decode_bytes, replace_surrogates, shown_name

TEXT = "“We will win,” Renée said. Déjà vu à côté."


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_decode_honours_boms_before_the_binary_test(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + TEXT.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.guessed) == (TEXT, codec, False)


def test_decode_bom_with_bad_bytes_is_an_error_not_garble() -> None:
    with pytest.raises(DecodeError, match="utf-16-le BOM"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # a lone high surrogate


def test_decode_bom_alone_is_empty() -> None:
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(codecs.BOM_UTF16_LE)


LATIN = {
    "fr": "Déjà vu, à côté de l'église, où il a été élevé, il dit : « Ça suffit, c'est trop cher. »",
    "es": "El niño comió con el señor en año nuevo; «¿Qué pasó?», preguntó la señora García.",
    "de": "Größe der Straße für Müller: „Wir schaffen das“, sagte die Bürgermeisterin in Köln.",
    "pt": "Não é possível, disse o ministro, que a situação continue assim até à próxima eleição.",
    "it": "Perché è così difficile? Già, la città è più bella d'estate, disse il sindaco.",
}


@pytest.mark.parametrize("length", [4, 12, 40, 400, 4000])
@pytest.mark.parametrize("lang", sorted(LATIN))
def test_decode_prefers_cp1252_for_western_text(lang: str, length: int) -> None:
    sentence = LATIN[lang]
    first = min(i for i, c in enumerate(sentence) if ord(c) > 127)  # short texts hold an accent too
    text = ((sentence[max(first - 2, 0) :] + " ") * (length // len(sentence) + 1))[:length]
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text  # not "déją" (cp1257) nor "Straąe" (cp1250)
    assert (decoded.encoding, decoded.guessed) == ("cp1252", True)


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Президент заявил, что ситуация в стране остаётся сложной, но стабильной."),
        ("cp1253", "Ο πρωθυπουργός δήλωσε ότι η κατάσταση στη χώρα παραμένει δύσκολη αλλά σταθερή."),
        ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy, řekl ministr zahraničí na konferenci."),
    ],
)
def test_decode_trusts_a_confident_detector_for_other_scripts(codec: str, text: str) -> None:
    decoded = decode_bytes(((text + " ") * 10).encode(codec))
    assert decoded.text == (text + " ") * 10 and decoded.guessed


def test_decode_utf8_is_not_a_guess() -> None:
    decoded = decode_bytes(TEXT.encode())
    assert (decoded.text, decoded.encoding, decoded.guessed) == (TEXT, "utf-8", False)


def test_decode_lines_tolerates_a_nul_in_one_line_only() -> None:
    data = b'{"text": "a"}\n{"text": "b\x00"}\n'
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)
    assert decode_bytes(data, lines=True).text.count("\n") == 2
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x00\x01" * 100, lines=True)


def test_decode_replace_surrogates_keeps_length() -> None:
    assert replace_surrogates("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert replace_surrogates("plain 😀") == "plain 😀"


def test_decode_shown_name_escapes_undecodable_bytes() -> None:
    assert shown_name("caf\udce9.txt") == "caf\\xe9.txt"  # os.fsdecode(b"caf\xe9.txt")
    assert shown_name("x\ud800") == "x\\ud800"
    assert shown_name("café.txt") == "café.txt"
