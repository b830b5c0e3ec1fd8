"""Every internal link and #anchor of the site built from the shipped data/ resolves."""

from tests.test_links import broken_links


def test_every_internal_link_and_anchor_resolves(site):
    checked, broken = broken_links(site)
    assert broken == []
    assert checked > 20 * sum(1 for _ in site.rglob("*.html"))  # the pages were read: each has its menus
