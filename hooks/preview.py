"""Live preview: under `./scripts/serve`, an edit rebuilds only the pages it changes.

Why: every edit rebuilt all pages and reran every hook, 2.3 to 3.1 s on 31 pages and
minutes on 1,000 (issue 14). `scripts/serve` runs `mkdocs serve --dirty`, where MkDocs
builds only the pages it is told are modified and leaves the others' HTML in place; this
hook tells it which, from hooks/editorial/cache.py: the pages whose source or claims
ledger changed, the section indexes and corrections log when front matter changed, and
every page when anything all pages read changed (bib/, data/, includes/, mkdocs.yml,
overrides/, hooks/) or the navigation did (a page added, removed, renamed or retitled).
Pages it does not build get back what other pages and the checks read from them (title,
front matter, anchors, links to other pages' anchors), so the navigation is right and a
link to an anchor that an edit removed still stops the build.

Aggregates refresh lazily, at the next full build: the search index and the bibliography's
"cited on" lists keep their last full build's content. Results that depend only on the
bibliography (whole-library downloads, the three citation styles of every source) and
each page's corrections are remembered between rebuilds, and file changes are noticed
by inotify instead of MkDocs's half-second polling.

A failed build still shows the error page (hooks/serve_errors.py): the good pages are
kept aside and put back when the fix builds. Only `serve --dirty` is affected:
`mkdocs build` is always complete and strict, and `mkdocs serve` alone rebuilds everything.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from editorial import bibtex_plugin, changes
from editorial import cache as preview_cache
from editorial.claims import ledger_path
from mkdocs import utils
from mkdocs.plugins import event_priority
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.hooks.preview")

# Pages that show what every page cites: refreshed by a full build only (hooks/bibliography_page.py).
LAZY_MARKERS = ("<!-- full-bibliography -->",)
# Pages that render other pages' front matter: built again when front matter changes
# (hooks/section_pages.py, hooks/corrections_log.py).
DEPENDENT_MARKERS = ("<!-- section-pages", "<!-- corrections-log -->")
DIRTY_WARNING = "A 'dirty' build is being performed"
SEARCH_INDEX = Path("search") / "search_index.json"

cache = preview_cache.Cache()
memo = preview_cache.Memo()
templates = preview_cache.TemplateCache()
state: dict = {
    "active": False,
    "inputs": None,
    "bib": None,
    "built": False,
    "backup": None,
    "patched": [],
    "site": None,
}


class DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may have stale navigation; this hook keeps it right, and in
    strict mode the warning alone would stop every preview build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


_filter = DropDirtyWarning()


def shared_inputs(config) -> tuple[list[Path], list[Path]]:
    """Files and folders every page may read, and the per-page data left out of them (claims ledgers)."""
    root = Path(config.config_file_path).parent
    paths = [Path(config.config_file_path), *(Path(p) for p in config.watch)]
    paths += [Path(d) for d in config.theme.dirs if "site-packages" not in d]  # our overrides, not the theme
    paths += [Path(module.__file__).parent for module in config.hooks.values() if getattr(module, "__file__", None)]
    paths += bib_files(config)
    options = config.mdx_configs.get("pymdownx.snippets", {})
    for name in options.get("auto_append") or []:
        for base in options.get("base_path") or ["."]:
            paths += [p for p in (root / base / name, Path(base) / name) if p.is_file()]
    return [p for p in paths if p.exists()], [root / "data" / "claims"]


def bib_files(config) -> list[Path]:
    """The bibliography the plugin reads, and a large library beside it (hooks/bib_library.py)."""
    found = [*bibtex_plugin.bib_files(config), bibtex_plugin.library_path(config)]
    return [path for path in found if path is not None and path.exists()]


def install_memos() -> None:
    """Remember, between rebuilds, results that depend only on the bibliography or on one file's text."""
    from citing import downloads, styles  # noqa: PLC0415  (hooks/ is on the path while hooks load)
    from editorial import agents, claims, review  # noqa: PLC0415
    from mkdocs import theme  # noqa: PLC0415

    def styles_key(items, truncated=None):
        if not state["bib"]:
            return None
        return preview_cache.json_digest([items, truncated])  # a page's own record, or every source

    targets = [
        # whole-library BibTeX, RIS and CSL-JSON (hooks/bibliography_page.py) and each page's (reference_downloads)
        (downloads, "files", lambda entries, keys: (state["bib"], tuple(keys)) if state["bib"] else None),
        # every source in three styles with citeproc-py, about a second (hooks/reference_downloads.py)
        (styles, "format_all", styles_key),
        # each page's corrections, read from its front matter on every build (hooks/corrections_log.py)
        (changes, "read", lambda src_uri, text, today: (src_uri, preview_cache.digest(text), today)),
    ]
    # YAML data files (claims ledgers, agents, review intervals), parsed in pure Python: by content
    targets += [(module, "load_with_lines", preview_cache.file_key) for module in (agents, claims, review)]
    for module, name, key in targets:
        function = getattr(module, name)
        if not hasattr(function, "wrapped"):
            setattr(module, name, memo.wrap(function, key, copy=name == "load_with_lines"))
            state["patched"].append((module, name, function))
    # Jinja compiles the theme's templates again for every build's new environment: keep the
    # compiled code, keyed by each template's source (jinja2's own bytecode cache).
    get_env = theme.Theme.get_env
    if not hasattr(get_env, "wrapped"):

        def get_env_cached(self):
            env = get_env(self)
            env.bytecode_cache = templates
            return env

        get_env_cached.wrapped = get_env
        theme.Theme.get_env = get_env_cached
        state["patched"].append((theme.Theme, "get_env", get_env))


def settle() -> None:
    """The previous build passed (nothing reported an error after its post_build): keep its pages."""
    if state["built"]:
        cache.commit(state["inputs"])
        state["built"] = False
        if state["backup"]:  # the pages a failed build covered are back, or built again
            shutil.rmtree(state["backup"], ignore_errors=True)
            state["backup"] = None


def on_startup(command, dirty):
    state["active"] = command == "serve" and dirty
    if state["active"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_filter)
        install_memos()


@event_priority(200)  # before any hook can fail: the last build's result is settled first
def on_config(config):
    if not state["active"]:
        return config
    settle()
    paths, per_page = shared_inputs(config)
    inputs = preview_cache.tree_digest(paths, exclude=per_page)
    if inputs != cache.inputs:
        memo.clear()
    state["inputs"], state["site"] = inputs, config.site_dir
    state["bib"] = preview_cache.tree_digest(bib_files(config)) if bib_files(config) else None
    return config


def source_of(file, root: Path, known: preview_cache.Record | None) -> preview_cache.Source:
    text = file.content_string
    ledger = ledger_path(root, file.src_uri)
    own = preview_cache.digest(text + "\0" + (ledger.read_text(encoding="utf-8") if ledger.is_file() else ""))
    if known is not None and known.source.digest == own:
        return known.source  # unchanged: no need to read its front matter again
    markdown, meta = get_data(text)
    title = str(meta.get("title") or get_markdown_title(markdown) or "")
    return preview_cache.Source(
        digest=own,
        title=title,
        meta=preview_cache.json_digest(meta),
        lazy=any(marker in text for marker in LAZY_MARKERS),
        dependent=any(marker in text for marker in DEPENDENT_MARKERS),
    )


def restore_backup(outputs: dict[str, str]) -> None:
    """Put back the pages a failed build's error page wrote over, as the last good build left them."""
    backup = state["backup"]
    if backup is None:
        return
    for uri, output in outputs.items():
        record = cache.pages.get(uri)
        kept = Path(backup) / uri
        if not record or not kept.is_file() or preview_cache.output_stamp(kept) != record.output_stamp:
            continue
        if preview_cache.output_stamp(output) != record.output_stamp:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(kept, output)  # copy2 keeps the time stamp the plan compares


@event_priority(-200)  # after the hooks that add generated files
def on_files(files, config):
    if not state["active"]:
        return files
    root = Path(config.config_file_path).parent
    pages = list(files.documentation_pages())
    sources = {f.src_uri: source_of(f, root, cache.pages.get(f.src_uri)) for f in pages}
    outputs = {f.src_uri: f.abs_dest_path for f in pages}
    restore_backup(outputs)
    plan = cache.plan = cache.make_plan(state["inputs"], sources, outputs)
    log.info(f"Preview: building {len(plan.rebuild)} of {len(pages)} pages ({plan.reason})")
    if plan.full and cache.inputs is not None:
        utils.clean_directory(config.site_dir)  # nothing stale survives a full build
    cache.pending = {}
    for file in pages:
        build = plan.full or file.src_uri in plan.rebuild
        file.is_modified = (lambda value: lambda: value)(build)
        old = cache.pages.get(file.src_uri)
        kept = {} if build or old is None else old.state
        cache.pending[file.src_uri] = preview_cache.Record(sources[file.src_uri], outputs[file.src_uri], state=kept)
    return files


@event_priority(100)
def on_env(env, config, files):
    """Pages this build does not read get back what the navigation and the link checks read from them."""
    if not state["active"]:
        return env
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.search_index_prev = None  # Material's own dirty merge would list each page twice after a full build
    if cache.plan is None or cache.plan.full:
        return env
    index = Path(config.site_dir) / SEARCH_INDEX
    if index.is_file():
        # Lazy refresh: the last full build's index stays. The search plugin and the hooks that extend
        # its index (search_definitions, search_synonyms) work on an index of the rebuilt pages only,
        # which on_post_build then replaces with this one.
        index.replace(index.with_suffix(".full"))
    for file in files.documentation_pages():
        record = cache.reusable(file.src_uri)
        if record is None or file.page is None or not record.state:
            continue
        page, kept = file.page, record.state
        page.meta = dict(kept["meta"])
        page.title = kept["title"]  # MkDocs reads an unread page's title as None
        page.present_anchor_ids = set(kept["anchors"])
        links = {files.get_file_from_path(uri): dict(anchors) for uri, anchors in kept["links"].items()}
        page.links_to_anchors = {target: anchors for target, anchors in links.items() if target is not None}
    return env


@event_priority(-200)  # the page as written, after every other hook
def on_post_page(output, page, config):
    if state["active"] and page.file.src_uri in cache.pending:
        cache.pending[page.file.src_uri].state = {
            "meta": dict(page.meta),
            "title": page.title,
            "anchors": set(page.present_anchor_ids or ()),
            "links": {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()},
        }
    return output


@event_priority(-200)  # last: after the search plugin and the hooks that extend its index
def on_post_build(config):
    if not state["active"]:
        return
    kept = (Path(config.site_dir) / SEARCH_INDEX).with_suffix(".full")
    if kept.is_file():
        kept.replace(kept.with_suffix(".json"))
    for record in cache.pending.values():
        record.output_stamp = preview_cache.output_stamp(record.output)
    state["built"] = True  # kept once nothing fails after this (strict mode counts warnings last)


def on_build_error(error):
    """Keep the good pages aside before the error page writes over them (hooks/serve_errors.py)."""
    if not state["active"]:
        return
    state["built"] = False
    cache.pending = {}
    if cache.plan is not None and not cache.plan.full:
        kept = (Path(state["site"]) / SEARCH_INDEX).with_suffix(".full")
        if kept.is_file():
            kept.replace(kept.with_suffix(".json"))
    if state["backup"] is None:
        state["backup"] = tempfile.mkdtemp(prefix="mkdocs_preview_")
    for uri, record in cache.pages.items():
        if record.output_stamp is not None and preview_cache.output_stamp(record.output) == record.output_stamp:
            kept = Path(state["backup"]) / uri
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(record.output, kept)


def saves_observer():
    """An inotify observer that reports what changes files, not the build reading them (opened, closed
    unchanged, attributes): MkDocs rebuilds on any event, and every build reads every watched file."""
    from watchdog import events  # noqa: PLC0415
    from watchdog.observers.inotify import InotifyObserver  # noqa: PLC0415  (Linux only)

    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,  # closed after writing
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]

    class OneFile(events.FileSystemEventHandler):
        """A watched file, seen through its folder: an editor's atomic save (write, then rename over)
        replaces the file, and an inotify watch on the file itself would stay on the old one."""

        def __init__(self, handler, path: str) -> None:
            self.handler, self.path = handler, path

        def dispatch(self, event) -> None:
            if self.path in (os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")):
                self.handler.dispatch(event)

    class SavesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            if os.path.isfile(path):
                event_handler = OneFile(event_handler, os.path.abspath(path))
                path, recursive = os.path.dirname(os.path.abspath(path)), False
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=event_filter or changes,
                follow_symlink=follow_symlink,
            )

    return SavesObserver()


def on_serve(server, config, builder):
    """Notice saves at once (inotify) instead of polling every half second, as MkDocs does everywhere."""
    if not state["active"]:
        return server
    try:
        observer = saves_observer()
    except (ImportError, OSError):
        return server  # no inotify here: MkDocs's polling stays
    watched = dict(server._watched_paths)  # MkDocs 1.6 keeps no public list (tests/unit/test_preview.py)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


def on_shutdown():
    logging.getLogger("mkdocs.commands.build").removeFilter(_filter)
    for module, name, function in state["patched"]:
        setattr(module, name, function)
    state["patched"].clear()
    if state["backup"]:
        shutil.rmtree(state["backup"], ignore_errors=True)
    state.update(active=False, built=False, backup=None)
    cache.forget()
    memo.clear()
    templates.clear()
