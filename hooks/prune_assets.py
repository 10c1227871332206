"""Ship only the theme files a reader's browser can use: no source maps, no unused search languages.

Why: Material copies its source maps (*.map, about 1.3 MB) and Lunr support for
30-odd languages (about 0.9 MB) into every site. No browser fetches them for this
English-only site, yet they enlarge every upload, mirror and offline copy.
Material's search worker loads `lunr/min/lunr.stemmer.support.min.js` plus
`lunr/min/lunr.<lang>.min.js` for each non-English search language,
`lunr/min/lunr.multi.min.js` for more than one language, and the segmenters
`lunr/tinyseg.js` (ja) and `lunr/wordcut.js` (hi, th). This hook keeps exactly
those, computed from the search plugin's `lang`, drops every *.map file, and
removes the `sourceMappingURL` comments that would point at the dropped maps.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File

LUNR_DIR = "assets/javascripts/lunr/"
SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def needed_lunr_files(langs: list[str]) -> set[str]:
    """The Lunr files (paths under the site root) the search worker imports for these languages."""
    needed = {LUNR_DIR + SEGMENTERS[lang] for lang in langs if lang in SEGMENTERS}
    needed |= {f"{LUNR_DIR}min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        needed.add(f"{LUNR_DIR}min/lunr.multi.min.js")
    if needed:
        needed.add(f"{LUNR_DIR}min/lunr.stemmer.support.min.js")
    return needed


def is_unused(src_uri: str, needed_lunr: set[str]) -> bool:
    """True for a source map, or a Lunr file the search worker will never import."""
    return src_uri.endswith(".map") or (src_uri.startswith(LUNR_DIR) and src_uri not in needed_lunr)


def strip_source_map_comment(text: str) -> str:
    """Remove a trailing `//# sourceMappingURL=...` (JS) or `/*# sourceMappingURL=... */` (CSS) comment."""
    return SOURCE_MAP_COMMENT.sub("", text)


def search_langs(config) -> list[str]:
    search = config.plugins.get("search") or config.plugins.get("material/search")
    return list(search.config.lang or []) if search is not None else []


def on_files(files, config):
    needed = needed_lunr_files(search_langs(config))
    for file in list(files):
        if is_unused(file.src_uri, needed):
            files.remove(file)
        elif file.src_uri.endswith((".js", ".css")) and file.abs_src_path:
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            stripped = strip_source_map_comment(text)
            if stripped != text:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=stripped))
    return files
