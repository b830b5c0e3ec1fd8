"""The 督查通报 of the shipped data/: a plan that names no units gets no unit sections."""

import io

import docx

from generator.load import load
from generator.site import generate
from tests.jiaocheng.conftest import DATA
from tests.test_report import check_against_progress_csv, headings, progress_csv, tables


def test_a_plan_without_units_gets_no_unit_sections():
    """The Jiaocheng report names no departments: no empty unit sections, and none invented."""
    site = generate(DATA)
    for name, _ in load(DATA).periods:
        document = docx.Document(io.BytesIO(site.files[f"updates/{name}/report.docx"]))
        check_against_progress_csv(document, progress_csv(site.files), name)
        assert not any(h.startswith("四、") for h in headings(document))
        assert not any(h.startswith("（一）") for h in headings(document))
        assert "牵头单位" not in [cell for table in tables(document) for cell in table[0]]
