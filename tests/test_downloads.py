"""The download links a screen offers: escaped names, the bytes themselves, one reproducible zip, big files named."""

from __future__ import annotations

import base64
import io
import re
import zipfile

import forumkit.ui.downloads as downloads
from forumkit.ui.downloads import Downloads, download_html, file_size, reproducible_zip
from forumkit.ui.feedback import busy, keep_choice


def hrefs(html: str) -> dict[str, bytes]:
    return {
        name: base64.b64decode(data)
        for name, data in re.findall(r"download='([^']*)' href='data:[^;]+;base64,([^']*)'", html)
    }


def test_a_link_carries_the_file_and_a_name_that_cannot_become_markup():
    html = download_html("Hent", [("a'b<script>.txt", b"hej"), ("grafer/01.csv", b"x;y\n")])
    assert "<script>" not in html
    assert hrefs(html) == {"a&#x27;b&lt;script&gt;.txt": b"hej", "01.csv": b"x;y\n"}  # no folder in the name
    assert "data:text/csv;base64," in html and "grafer/01.csv" in html  # the sub-folder is shown


def test_the_zip_is_byte_reproducible_and_whole():
    files = {"b.txt": b"2", "grafer/a.png": b"\x89PNG" * 100, "manifest.json": b"{}"}
    first = reproducible_zip(files)
    assert reproducible_zip(dict(reversed(list(files.items())))) == first  # order does not matter
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == files
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_widget_offers_files_from_disk_and_clears(tmp_path):
    (tmp_path / "grafer").mkdir()
    (tmp_path / "grafer" / "01.csv").write_bytes(b"1")
    (tmp_path / "note.docx").write_bytes(b"2")
    box = Downloads()
    box.offer(
        [tmp_path / "grafer" / "01.csv", tmp_path / "note.docx"],
        "Hent årsstatus",
        base=tmp_path,
        zip_name="Årsstatus.zip",
    )
    assert box.files == [("grafer/01.csv", b"1"), ("note.docx", b"2")]
    assert hrefs(box.value)["Årsstatus.zip"] == box.zip_bytes()
    assert "Enkeltfiler (2)" in box.value and str(tmp_path) not in box.value
    box.clear()
    assert (box.value, box.files) == ("", [])


def test_a_file_too_big_for_the_page_is_named_not_linked(monkeypatch):
    monkeypatch.setattr(downloads, "MAX_INLINE", 10)
    html = download_html("Hent", [("lille.txt", b"1"), ("stor.pptx", b"x" * 2000)])
    assert list(hrefs(html)) == ["lille.txt"]
    assert "stor.pptx (2 kB) – for stor til at hente her" in html


def test_sizes_in_danish():
    assert [file_size(n) for n in (512, 97_000, 1_374_000)] == ["512 byte", "97 kB", "1,4 MB"]


def test_busy_restores_the_button_also_after_an_error():
    import ipywidgets as w
    import pytest

    b = w.Button(description="Gem", icon="check")
    out = w.Output()
    with pytest.raises(OSError), busy(b, "Gemmer …", out):
        assert (b.disabled, b.icon, b.description) == (True, "spinner spin", "Gemmer …")
        assert out.outputs[0]["text"] == "Gemmer …\n"
        raise OSError("fuld disk")
    assert (b.disabled, b.icon, b.description) == (False, "check", "Gem")


def test_keep_choice_keeps_what_is_still_offered():
    import ipywidgets as w

    d = w.Dropdown(options=[("a", 1), ("b", 2)], value=2)
    keep_choice(d, [("a", 1), ("b (ændret)", 2), ("c", 3)])
    assert d.value == 2
    keep_choice(d, [("a", 1), ("c", 3)])
    assert d.value == 1  # gone: the first
    m = w.SelectMultiple(options=[("a", 1), ("b", 2), ("c", 3)], value=(2, 3))
    keep_choice(m, [("b", 2), ("c", 3), ("d", 4)])
    assert m.value == (2, 3)
    keep_choice(m, [("a", 1), ("b", 2), ("d", 4)], keep=False)
    assert m.value == ()
