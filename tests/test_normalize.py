"""normalize.decode and normalize.clean_text on text we wrote, in the encodings and damage seen in real input."""

from __future__ import annotations

import codecs

import pytest

from presswatch.normalize import clean_text, decode, has_mojibake, split_paragraphs

SAMPLE = "The minister\u2019s \u201cfinal\u201d offer \u2013 caf\u00e9 talks, na\u00efve hopes."
JAPANESE = "日露外相会談。政府関係者によると、北方領土問題は議論されなかったという。"


@pytest.mark.parametrize("bom_encoding", [("utf-8-sig"), ("utf-16"), ("utf-16-be"), ("utf-32")], ids=lambda e: e)
def test_decode_byte_order_marks(bom_encoding: str) -> None:
    data = SAMPLE.encode(bom_encoding)
    if bom_encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data) == SAMPLE


def test_decode_utf8_and_declared() -> None:
    assert decode(SAMPLE.encode()) == SAMPLE
    assert decode(SAMPLE.encode("cp1252"), declared="windows-1252") == SAMPLE
    assert decode(JAPANESE.encode("shift_jis"), declared="Shift_JIS") == JAPANESE
    # a declaration the bytes do not fit, or a made-up one, is ignored
    assert decode(SAMPLE.encode(), declared="latin-1") == SAMPLE
    assert decode(SAMPLE.encode(), declared="no-such-charset") == SAMPLE


@pytest.mark.parametrize("encoding", ["cp1252", "shift_jis", "euc_jp"])
def test_decode_detects_undeclared_legacy_encodings(encoding: str) -> None:
    text = SAMPLE if encoding == "cp1252" else JAPANESE
    assert decode(text.encode(encoding)) == text


def test_decode_mixed_encodings_line_by_line() -> None:
    data = b"".join(
        [
            "Header in UTF-8: \u201cquoted\u201d\n".encode(),
            "Pasted from Word: caf\u00e9 \u2013 r\u00e9sum\u00e9\n".encode("cp1252"),
            "Back in UTF-8: na\u00efve\n".encode(),
        ]
    )
    assert decode(data) == (
        "Header in UTF-8: \u201cquoted\u201d\n"
        "Pasted from Word: caf\u00e9 \u2013 r\u00e9sum\u00e9\n"
        "Back in UTF-8: na\u00efve\n"
    )


def test_decode_never_raises_on_garbage() -> None:
    text = decode(bytes(range(128, 256)))
    assert isinstance(text, str) and len(text) >= 100


def test_clean_text_spaces_controls_and_nfc() -> None:
    dirty = "\u00a0Lead\u2009para\u200bgraph\x07 with e\u0301 and\u3000wide\r\nnext\u2028line\ufeff"
    assert clean_text(dirty) == " Lead paragraph with \u00e9 and wide\nnext\nline"


def test_clean_text_keeps_curly_quotes_and_dashes() -> None:
    assert clean_text(SAMPLE) == SAMPLE


def test_clean_text_repairs_mojibake_only_when_present() -> None:
    right = "The minister\u2019s \u201cfinal offer \u2013 caf\u00e9 talks"  # no \u201d: its byte 0x9d is not cp1252
    broken = right.encode().decode("cp1252")  # "The ministerâ€™s â€œfinal offer â€“ cafÃ© talks"
    assert has_mojibake(broken) and not has_mojibake(right)
    assert clean_text(broken) == right
    # text that merely contains an accented capital is left alone
    assert clean_text("\u00c3o Paulo and \u00c2ngela") == "\u00c3o Paulo and \u00c2ngela"


def test_clean_text_ascii_fast_path() -> None:
    assert clean_text("plain ascii\ttext\n") == "plain ascii\ttext\n"
    assert clean_text("bell\x07 and \x1b escape") == "bell and  escape"


def test_split_paragraphs() -> None:
    assert split_paragraphs("  One\nstill one\n\n\n  Two  \n \t\nThree") == ["One\nstill one", "Two", "Three"]
    assert split_paragraphs(" \n\n ") == []


def test_looks_japanese() -> None:
    from presswatch.normalize import looks_japanese

    assert looks_japanese(JAPANESE)
    assert not looks_japanese(SAMPLE) and not looks_japanese("Plain ASCII text.")
    assert not looks_japanese("The Sankei (産経新聞) reported the talks in full on Thursday morning.")
