"""Keep the URLs a single-plan site published answering once the site holds several plans.

Each old page gets a static redirect page to its new address, and each old download a copy of
the new file: no server configuration is needed, wherever the site is hosted.
"""

from __future__ import annotations

from markupsafe import escape

from .published import Record
from .render import Page, url_of

REDIRECT = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>本页已移至新地址</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{absolute}">
<meta http-equiv="refresh" content="0; url={relative}">
</head>
<body>
<p>本页已移至新地址：<a href="{relative}">{absolute}</a></p>
</body>
</html>
"""


def keep(
    record: Record, pages: dict[str, Page], files: dict[str, bytes], prefix: str, site_url: str
) -> dict[str, bytes]:
    """Return a redirect page or a copy for each published URL that now lives under the plan's prefix."""
    if not prefix:
        return {}
    served = {"/" + url_of(path) for path in pages}
    kept: dict[str, bytes] = {}
    for url in record.urls:
        moved = f"/{prefix}{url.removeprefix('/')}"
        if url in served or url.removeprefix("/") in files:
            continue  # the site still serves it, as a page or a file
        if moved in served:
            # Relative, so the redirect works wherever the site is served from (a sub-path, a preview)
            relative = "../" * (url.count("/") - 1) + moved.removeprefix("/")
            page = REDIRECT.format(absolute=escape(site_url + moved.removeprefix("/")), relative=escape(relative))
            kept[f"{url.removeprefix('/')}index.html"] = page.encode("utf-8")
        elif moved.removeprefix("/") in files:
            kept[url.removeprefix("/")] = files[moved.removeprefix("/")]
    return kept
