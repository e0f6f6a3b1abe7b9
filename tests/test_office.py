"""One LibreOffice for many layouts (office.Office): it lays out document after document, reads the page
references from the same layout as the PDF, ends when told to or when libreport is gone, and one that crashed
or hangs is replaced, never left behind. Each test starts LibreOffice a few times at most."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from .conftest import needs_libreoffice, process_env

pytestmark = [needs_libreoffice(), pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")]

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# a PAGEREF to the bookmark "far", printing 9 until laid out
PAGEREF = (f'<w:p {W}><w:r><w:t xml:space="preserve">see page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> PAGEREF far \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
FAR = f'<w:p {W}><w:bookmarkStart w:id="1" w:name="far"/><w:r><w:t>far away</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>'


def two_pages() -> bytes:
    """A document of two pages whose first page refers to a bookmark on the second."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    doc = Document()
    body = doc.element.body
    body.insert(0, parse_xml(PAGEREF))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    body.insert(len(body) - 1, parse_xml(FAR))  # before the section's properties
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def alive(group: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def gone(group: int, within: float = 15) -> bool:
    deadline = time.monotonic() + within
    while alive(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.fixture(scope="module")
def document() -> bytes:
    return two_pages()


def test_one_libreoffice_lays_out_document_after_document_and_ends_with_close(document, tmp_path):
    from libreport.office import Office

    with Office() as office:
        first = office.layout(document, pdf=True)
        group = office._proc.pid
        again = office.layout(document)
        assert office._proc.pid == group, "the second layout started another LibreOffice"
    assert first.pages == again.pages == 2
    assert first.refs == again.refs == {"far": "2"}, "the reference prints the page its bookmark is laid out on"
    assert first.pdf.startswith(b"%PDF") and again.pdf is None
    assert gone(group, within=1), "close() left LibreOffice running"


def test_a_crashed_libreoffice_is_started_afresh_and_a_hung_one_killed(document):
    from libreport.office import Office
    from libreport.pdf import LayoutError

    with Office() as office:
        office.layout(document)
        crashed = office._proc.pid
        os.killpg(crashed, signal.SIGKILL)
        assert office.layout(document).refs == {"far": "2"}
        assert gone(crashed)
        hung = office._proc.pid
        assert hung != crashed
        os.killpg(hung, signal.SIGSTOP)
        office.timeout = 2
        with pytest.raises(LayoutError, match="did not finish within 2 s"):
            office.layout(document)
        assert gone(hung), "a hung LibreOffice was left behind"
        office.timeout = 300
        assert office.layout(document).pages == 2, "no LibreOffice was started after the hung one"
        last = office._proc.pid
    assert gone(last, within=1)


def test_libreoffice_ends_when_the_libreport_that_started_it_is_gone(document, tmp_path):
    (tmp_path / "doc.docx").write_bytes(document)
    script = ("import os, sys; from pathlib import Path; from libreport.office import Office\n"
              "office = Office(); office.layout(Path(sys.argv[1]).read_bytes())\n"
              "print(office._proc.pid, flush=True); os._exit(0)  # no close(): as if killed\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "doc.docx")], capture_output=True, text=True,
                          env=process_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert gone(int(done.stdout.split()[0]), within=5), "LibreOffice outlived the process that started it"
