"""``foundry cv FILE`` on PDF, DOCX and text files, and clear failures for bad files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talentfoundry.cli import app

pytestmark = pytest.mark.unit

runner = CliRunner()


def run_cv(path: Path, *extra: str):
    return runner.invoke(app, ["cv", str(path), *extra])


def cv_json(path: Path) -> dict:
    result = run_cv(path, "--today", "2024-06-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def skill_ids(document: dict) -> set[str]:
    return {s["taxonomy_id"] for s in document["skills"]}


def _pdf(
    lines_left: list[str],
    lines_right: list[str] | None = None,
    *,
    right_x: int = 320,
    right_aligned: bool = False,
) -> bytes:
    """A one-page PDF; with ``lines_right``, a two-column page drawn row by row (interleaved),
    the right column from ``right_x`` or, ``right_aligned``, ending at the right margin."""
    from itertools import zip_longest

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 10)
    for i, (left, right) in enumerate(zip_longest(lines_left, lines_right or [])):
        if left:
            page.drawString(50, 800 - 14 * i, left)
        if right and right_aligned:
            page.drawRightString(545, 800 - 14 * i, right)
        elif right:
            page.drawString(right_x, 800 - 14 * i, right)
    page.save()
    return buffer.getvalue()


def test_text_file_with_mojibake_gives_the_json_contract(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(
        "SKILLS â€¢ Python (primary) â€¢ NaÃ¯ve Bayes\nEXPERIENCE\nAcme, 2019 - 2021: "
        "PyTorch models\n".encode()
    )
    document = cv_json(path)
    assert {"text", "sections", "skills", "years_experience", "media_type"} <= set(document)
    assert "Naïve Bayes" in document["text"]
    assert document["media_type"] == "text/plain"
    assert set(document["sections"]) == {"skills", "experience"}
    python = next(s for s in document["skills"] if s["taxonomy_id"] == "python")
    assert python["name"] == "Python"
    assert python["primary"] is True
    assert python["evidence"] == "Python (primary)"
    start, end = python["span"]
    assert document["text"][start:end] == "Python"
    assert {"naive-bayes", "pytorch"} <= skill_ids(document)
    assert document["years_experience"] == 3.0


def test_pdf_cv(tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(
        _pdf(["Jane Doe", "EXPERIENCE", "Data engineer at Acme, 2020 - 2022", "Airflow, dbt, SQL"])
    )
    document = cv_json(path)
    assert document["media_type"] == "application/pdf"
    assert {"airflow", "dbt", "sql"} <= skill_ids(document)
    assert "experience" in document["sections"]


@pytest.mark.parametrize("lead", [b"\r\n", b"\xef\xbb\xbf", b"  \n"])
def test_a_pdf_with_bytes_before_its_header_is_read_as_a_pdf(tmp_path, lead):
    """Read as text, it was the PDF's raw source, and its operators came out as skills."""
    path = tmp_path / "cv.pdf"
    path.write_bytes(lead + _pdf(["Jane Doe", "Skills: Airflow, dbt"]))
    document = cv_json(path)
    assert document["media_type"] == "application/pdf"
    assert document["text"].startswith("Jane Doe")
    assert skill_ids(document) == {"airflow", "dbt"}


def test_two_column_pdf_is_read_column_by_column(tmp_path):
    path = tmp_path / "two-column.pdf"
    left = ["SKILLS", "Verilog, VHDL", "SPICE simulation", "LANGUAGES", "English, German"]
    right = [
        "EXPERIENCE",
        "FPGA engineer at Chipco, 2019 - 2023",
        "Timing closure on Xilinx parts",
        "EDUCATION",
        "MSc Electronics, 2018",
    ]
    path.write_bytes(_pdf(left, right))
    document = cv_json(path)
    assert {"verilog", "vhdl", "spice", "fpga", "physical-design"} <= skill_ids(document)
    sections = document["sections"]
    assert sections["skills"] == "Verilog, VHDL\nSPICE simulation"
    assert (
        sections["experience"]
        == "FPGA engineer at Chipco, 2019 - 2023\nTiming closure on Xilinx parts"
    )
    assert sections["education"] == "MSc Electronics, 2018"
    assert document["years_experience"] == 5.0


def test_one_column_pdf_with_right_aligned_dates_is_not_split(tmp_path):
    path = tmp_path / "one-column.pdf"
    left = [
        "EXPERIENCE",
        "Acme Corp",
        "Designed and shipped the billing platform in Java and Kotlin for European customers",
        "Globex",
        "Migrated the data warehouse to Snowflake and trained analysts to use dbt every day",
    ]
    right = ["", "2019 - 2021", "", "2021 - 2023", ""]
    path.write_bytes(_pdf(left, right))
    text = cv_json(path)["text"]
    assert text.index("Acme Corp") < text.index("2019 - 2021") < text.index("Globex")


def test_a_narrow_sidebar_is_read_as_a_column_of_its_own(tmp_path):
    """A skills sidebar holds a small share of the page's text, but it is still a column."""
    path = tmp_path / "sidebar.pdf"
    left = ["SKILLS", "Python", "R", "SQL", "Tableau", "LANGUAGES", "English (fluent)"]
    right = [
        "EXPERIENCE",
        "Data Scientist, Flutterwave, Mar 2020 - Present",
        "Built credit-risk models with scikit-learn and served them on AWS",
        "Analyst, Interswitch, Jan 2017 - Feb 2020",
        "Reported card fraud trends to the risk committee every month",
        "EDUCATION",
        "MSc Statistics, University of Lagos, 2015 - 2017",
    ]
    path.write_bytes(_pdf(left, right, right_x=160))
    document = cv_json(path)
    sections = document["sections"]
    assert sections["skills"] == "Python\nR\nSQL\nTableau"
    assert sections["experience"].startswith("Data Scientist, Flutterwave")
    assert "Python" not in sections["experience"]
    assert sections["education"] == "MSc Statistics, University of Lagos, 2015 - 2017"


def test_short_lines_with_dates_at_the_right_margin_are_one_column(tmp_path):
    """Dates aligned right leave a blank band like a gutter; they are not a sidebar."""
    path = tmp_path / "dates-right.pdf"
    left = ["EXPERIENCE"]
    right = [""]
    for i in range(4):
        left += [f"Data Analyst, Company {i}", "- Built dashboards in Tableau for the sales team"]
        right += [f"Jan 201{i} - Dec 201{i + 1}", ""]
    path.write_bytes(_pdf(left, right, right_aligned=True))
    text = cv_json(path)["text"]
    assert text.index("Company 0") < text.index("Jan 2010 - Dec 2011") < text.index("Company 1")


def _docx_with_table(
    path: Path, before: list[str], rows: list[tuple[str, str]], after: Sequence[str] = ()
) -> Path:
    """A DOCX of paragraphs ``before``, one two-column table of ``rows``, then ``after``."""
    import docx

    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=2)
    for i, (left, right) in enumerate(rows):
        table.cell(i, 0).text, table.cell(i, 1).text = left, right
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_docx_cv_reads_tables(tmp_path):
    path = _docx_with_table(
        tmp_path / "cv.docx",
        ["John Smith", "PROFESSIONAL SUMMARY", "Accountant with audit experience."],
        [("Skills", "Tally, GST returns, bank reconciliation"), ("Education", "B.Com, 2015")],
    )
    result = cv_json(path)
    assert result["media_type"].endswith("wordprocessingml.document")
    assert {"accounting", "taxation", "auditing"} <= skill_ids(result)
    assert result["sections"]["skills"] == "Tally, GST returns, bank reconciliation"
    assert result["sections"]["education"] == "B.Com, 2015"


def test_a_docx_table_headed_by_sections_is_read_column_by_column(tmp_path):
    """A template in two columns, one line per cell: its rows are not records."""
    rows = [
        ("SKILLS", "EXPERIENCE"),
        ("Kotlin", "Android Developer, Careem, Dubai"),
        ("Swift", "Jan 2020 - Present"),
        ("Firebase", "Built ride-hailing features in Kotlin"),
    ]
    after = ["EDUCATION", "BSc Computer Engineering, 2013 - 2017"]
    path = _docx_with_table(tmp_path / "cv.docx", ["Omar Hassan"], rows, after)
    result = cv_json(path)  # today: 2024-06-01
    sections = result["sections"]
    assert sections["skills"] == "Kotlin\nSwift\nFirebase"
    assert sections["experience"].split("\n") == [
        "Android Developer, Careem, Dubai",
        "Jan 2020 - Present",
        "Built ride-hailing features in Kotlin",
    ]
    assert sections["education"] == "BSc Computer Engineering, 2013 - 2017"
    assert result["years_experience"] == 4.5


def test_a_skills_matrix_under_section_headings_stays_a_grid(tmp_path):
    """ "Skill | Experience" then "Python | 5 years": each row is a record, not a layout."""
    rows = [("Skill", "Experience"), ("Python", "5 years"), ("Java", "3 years")]
    after = ["Work history", "Acme, Jan 2022 - Dec 2023"]
    path = _docx_with_table(tmp_path / "cv.docx", ["Jane Doe"], rows, after)
    result = cv_json(path)
    assert "Python | 5 years\nJava | 3 years" in result["text"]
    assert result["years_experience"] == 2.0


def _docx_with_xml(document, tag: str, inner: str) -> None:
    """Append a raw WordprocessingML element (content control, text box) to a document's body."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    element = parse_xml(f"<w:{tag} {ns}>{inner}</w:{tag}>")
    document.element.body.insert(len(document.element.body) - 1, element)  # before sectPr


def test_docx_is_read_in_document_order_with_headers_controls_and_boxes(tmp_path):
    """Word CV templates keep text in headers, content controls, text boxes and layout tables."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Maria Lopez - maria@example.org"
    document.add_paragraph("PROFILE")
    document.add_paragraph("Process engineer.")
    document.add_paragraph("EXPERIENCE")
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "2019-2024"
    grid.cell(0, 1).text = "Process engineer at Acme: Six Sigma, SAP"
    document.add_paragraph("SKILLS")
    _docx_with_xml(  # a block content control, as templates wrap their fields
        document,
        "sdt",
        "<w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Minitab, AutoCAD</w:t></w:r></w:p></w:sdtContent>",
    )
    document.add_paragraph("INTERESTS")
    _docx_with_xml(  # a text box anchored in a paragraph
        document,
        "p",
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Chess</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></w:r>",
    )
    layout = document.add_table(rows=1, cols=2)  # a two-column layout row, with a nested table
    layout.cell(0, 0).text = "LANGUAGES"
    layout.cell(0, 0).add_paragraph("Spanish, English")
    nested = layout.cell(0, 1).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "Certified Lean practitioner"
    path = tmp_path / "cv.docx"
    document.save(str(path))
    result = cv_json(path)
    lines = result["text"].splitlines()
    assert lines[0] == "Maria Lopez - maria@example.org"  # the header opens the text
    order = [
        "EXPERIENCE",
        "2019-2024 | Process engineer at Acme: Six Sigma, SAP",
        "SKILLS",
        "Minitab, AutoCAD",
        "INTERESTS",
        "Chess",
        "LANGUAGES",
        "Spanish, English",
        "Certified Lean practitioner",
    ]
    assert [line for line in lines if line in order] == order
    assert "Six Sigma" in result["sections"]["experience"]  # not under "Interests" any more
    assert "Minitab, AutoCAD" in result["sections"]["skills"]


def test_out_option_writes_the_file(tmp_path):
    source = tmp_path / "cv.txt"
    source.write_text("Skills: Rust, WebAssembly\n", encoding="utf-8")
    out = tmp_path / "cv.json"
    result = run_cv(source, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {"rust", "webassembly"} <= skill_ids(json.loads(out.read_text(encoding="utf-8")))


def test_denied_and_learning_skills_are_not_held(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(
        "SKILLS\nPython (primary), Django\n"
        "No experience with Java.\nWilling to learn Kubernetes.\n",
        encoding="utf-8",
    )
    document = cv_json(path)
    assert {"python", "django"} <= skill_ids(document)
    assert not {"java", "kubernetes"} & skill_ids(document)  # "skills" lists held skills only
    assert document["not_held"] == [
        {
            "name": "Java",
            "taxonomy_id": "java",
            "stance": "negated",
            "evidence": "No experience with Java.",
        },
        {
            "name": "Kubernetes",
            "taxonomy_id": "kubernetes",
            "stance": "learning",
            "evidence": "Willing to learn Kubernetes.",
        },
    ]


def test_corrupt_pdf_exits_2_with_a_message(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00\xff garbage " * 50)
    result = run_cv(path)
    assert result.exit_code == 2
    assert "error:" in result.stderr
    assert "Traceback" not in result.output


def test_a_truncated_pdf_gives_one_line_of_error(tmp_path):
    """pypdf logs what it repairs ("EOF marker not found") to stderr; the user sees our line only.

    Run as a real process: under pytest, log records go to pytest's handler, not to stderr.
    """
    path = tmp_path / "cut.pdf"
    whole = _pdf(["Jane Doe", "Skills: Airflow, dbt"])
    path.write_bytes(whole[: len(whole) // 3])
    foundry = Path(sys.executable).with_name("foundry")
    result = subprocess.run(
        [str(foundry), "cv", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: ") and "corrupt" in line


def test_encrypted_pdf_exits_2_with_a_message(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(["Secret CV", "Python"]))).pages:
        writer.add_page(page)
    writer.encrypt("password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    result = run_cv(path)
    assert result.exit_code == 2
    assert "This PDF is password-protected; please upload it without a password." in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "Unsupported file type"),
        (b"   \n", "empty"),
        # Word's "Save as" formats that are not plain text: their markup would become skills.
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body>Skills: React</body></html>", "HTML"),
        ("{\\rtf1\\ansi Jane Doe}".encode("utf-16"), "RTF document"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512), "old-format Word (.doc)"),
    ],
)
def test_unsupported_or_empty_files_exit_2(tmp_path, content, message):
    path = tmp_path / "cv.pdf"
    path.write_bytes(content)
    result = run_cv(path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_text_cv_that_names_html_tags_is_still_text(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("Jane Doe\nSkills: <html>, <canvas>, CSS\n", encoding="utf-8")
    result = run_cv(path)
    assert result.exit_code == 0, result.stderr
    assert "HTML" in {s["name"] for s in json.loads(result.stdout)["skills"]}


def test_missing_file_and_bad_date_exit_2(tmp_path):
    result = run_cv(tmp_path / "nope.pdf")
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    path = tmp_path / "cv.txt"
    path.write_text("Python", encoding="utf-8")
    result = run_cv(path, "--today", "yesterday")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def _encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(["SKILLS", "Python, Django"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    # Notepad's "Unicode" and PowerShell 5's ">" save UTF-16 with a byte-order mark.
    path = tmp_path / "cv.txt"
    text = "SKILLS\r\nPython, Django\r\nNaïve Bayes\r\n"
    data = text.encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    document = cv_json(path)
    assert document["media_type"] == "text/plain"
    assert document["text"] == "SKILLS\nPython, Django\nNaïve Bayes"
    assert {"python", "django", "naive-bayes"} <= skill_ids(document)


def test_pdf_encrypted_only_against_editing_is_read(tmp_path):
    # An owner password restricts printing or editing; anyone may open and read the file.
    path = tmp_path / "restricted.pdf"
    path.write_bytes(_encrypted_pdf(user_password=""))
    document = cv_json(path)
    assert {"python", "django"} <= skill_ids(document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n  \r\n", "The file is empty (only blank lines or spaces)."),
        (_encrypted_pdf("secret"), "This PDF is password-protected"),
    ],
    ids=["empty", "bom-and-blank-lines", "password"],
)
def test_messages_name_the_file(tmp_path, content, message):
    path = tmp_path / "my cv.pdf"
    path.write_bytes(content)
    result = run_cv(path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def _damaged_docx() -> bytes:
    """A DOCX whose ZIP directory claims a format version no reader supports."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Python")
    document.save(buffer)
    data = bytearray(buffer.getvalue())
    entry = data.index(b"PK\x01\x02")  # first central-directory entry
    data[entry + 6 : entry + 8] = (173).to_bytes(2, "little")  # "version needed": 17.3
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_pdf(["Python"]).replace(b"xref\n0 ", b"xref\n0 1000000000000", 1), "PDF is corrupt"),
        (_damaged_docx(), "looks like a DOCX (ZIP) but is corrupt"),
    ],
    ids=["pdf-absurd-xref", "zip-unknown-version"],
)
def test_damaged_files_exit_2_without_a_traceback(tmp_path, content, message):
    path = tmp_path / "cv.bin"
    path.write_bytes(content)
    result = run_cv(path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_file_over_the_web_upload_limit_is_read(tmp_path):
    # The 5 MB default guards a shared server; a file on the user's own disk may be larger.
    path = tmp_path / "cv.txt"
    path.write_bytes(b"Skills: Rust, WebAssembly\n" + b"\n" * (6 * 1024 * 1024))
    assert {"rust", "webassembly"} <= skill_ids(cv_json(path))


def test_out_in_a_missing_directory_is_created(tmp_path):
    source = tmp_path / "cv.txt"
    source.write_text("Skills: Rust\n", encoding="utf-8")
    out = tmp_path / "new dir" / "cv.json"
    result = run_cv(source, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert skill_ids(json.loads(out.read_text(encoding="utf-8"))) == {"rust"}
