"""What the live preview may reuse from its last good build, and what an edit invalidates.

`./scripts/serve` rebuilds only the pages an edit changes (hooks/preview.py wires this in).
This module decides which: it keeps, for each page of the last build that passed, a digest
of its source and what other pages read from it (title, front matter), and plans the next
build from what changed since. A page is reused only when its source and its own data are
unchanged and its output is still the file that build wrote. Anything every page reads
(bib/, data/, includes/, mkdocs.yml, the theme overrides, the hooks) or the navigation
(a page added, removed, renamed or retitled) changing means a full build.
`mkdocs build` never uses it: the build is always complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache

# Files under these folders are ignored when fingerprinting shared inputs (editor droppings, bytecode).
IGNORED_PARTS = {"__pycache__", ".git", ".pytest_cache"}


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree_digest(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> str:
    """One digest of the content of every file under `paths` (files or folders), except under `exclude`.

    Content, not modification times: saving a file unchanged rebuilds nothing, and a clock
    or file system with coarse times cannot hide a change."""
    excluded = [Path(p).resolve() for p in exclude]
    h = hashlib.blake2b(digest_size=16)
    for root in sorted({Path(p).resolve() for p in paths}):
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if IGNORED_PARTS & set(path.parts) or any(path.is_relative_to(e) for e in excluded):
                continue
            h.update(str(path).encode() + b"\0")
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"(unreadable)")
            h.update(b"\0")
    return h.hexdigest()


def json_digest(value) -> str:
    """Digest of front matter: dates and other YAML values as text, keys in order."""
    return digest(json.dumps(value, sort_keys=True, default=str))


@dataclass
class Source:
    """A page as it is now: what the plan compares with the last good build."""

    digest: str  # the Markdown file and its own data (its claims ledger)
    title: str  # what the navigation shows for it: front-matter title, else its first heading
    meta: str  # digest of its front matter, which section indexes and the corrections log read
    lazy: bool = False  # an aggregate refreshed only by a full build (the bibliography's "cited on")
    dependent: bool = False  # renders other pages' front matter (section indexes, corrections log)


@dataclass
class Record:
    """A page as the last good build left it."""

    source: Source
    output: str  # its HTML file
    output_stamp: int | None = None  # that file's mtime_ns once written: anything else wrote over it
    state: dict = field(default_factory=dict)  # what other pages and the checks read from it (hooks/preview.py)


@dataclass
class Plan:
    full: bool
    reason: str
    rebuild: set[str] = field(default_factory=set)  # src_uri of the pages to build (all when full)


def output_stamp(path: str | Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class Cache:
    """The preview's memory between rebuilds, in the `mkdocs serve` process."""

    def __init__(self) -> None:
        self.inputs: str | None = None  # tree_digest of the shared inputs at the last good build
        self.pages: dict[str, Record] = {}
        self.pending: dict[str, Record] = {}  # this build's pages, kept only if the build passes
        self.plan: Plan | None = None

    def make_plan(self, inputs: str, sources: dict[str, Source], outputs: dict[str, str]) -> Plan:
        """Which pages the next build must build; `outputs` maps src_uri to its HTML file."""
        every = set(sources)
        if self.inputs is None:
            return Plan(True, "first build", every)
        if inputs != self.inputs:
            return Plan(True, "bib/, data/, includes/, mkdocs.yml, overrides/ or hooks/ changed", every)
        if every != set(self.pages):
            return Plan(True, "a page was added, removed or renamed", every)
        changed = {uri for uri, source in sources.items() if source.digest != self.pages[uri].source.digest}
        for uri in sorted(changed):
            before, now = self.pages[uri].source, sources[uri]
            if now.title != before.title:
                return Plan(True, f"the title of {uri} changed (navigation)", every)
            if now.lazy or before.lazy:
                return Plan(True, f"{uri} lists what every page cites", every)
        rebuild = set(changed)
        if any(sources[uri].meta != self.pages[uri].source.meta for uri in changed):
            rebuild |= {uri for uri, source in sources.items() if source.dependent}
        # An output something else wrote over (the error page of a failed build) is built again.
        rebuild |= {uri for uri in every if output_stamp(outputs[uri]) != self.pages[uri].output_stamp}
        if rebuild == every:
            return Plan(True, "every page changed", every)
        return Plan(False, f"{len(rebuild)} of {len(every)} pages changed", rebuild)

    def reusable(self, uri: str) -> Record | None:
        """The record of a page this build does not build."""
        if self.plan is None or self.plan.full or uri in self.plan.rebuild:
            return None
        return self.pages.get(uri)

    def commit(self, inputs: str) -> None:
        """The build passed: remember its pages (built now or reused) and their output files."""
        pages = {}
        for uri, record in self.pending.items():
            record.output_stamp = output_stamp(record.output)
            pages[uri] = record
        self.pages, self.pending, self.inputs = pages, {}, inputs

    def forget(self) -> None:
        self.inputs, self.pages, self.pending, self.plan = None, {}, {}, None


def file_key(path, *args, **kwargs) -> tuple | None:
    """Memo key for a function of a file: its path and content (None if it cannot be read)."""
    try:
        return (str(path), digest(Path(path).read_bytes()), args, tuple(sorted(kwargs.items())))
    except OSError:
        return None


class TemplateCache(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory, for the new environment MkDocs makes on every build.

    Jinja checks each entry against the template's source (its checksum), so an edited template
    is compiled again."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.kept.clear()


class Memo:
    """Results of pure functions of the bibliography (or of one page), kept between preview rebuilds."""

    def __init__(self) -> None:
        self.results: dict = {}
        self.calls = 0
        self.hits = 0

    def wrap(self, function: Callable, key: Callable[..., object | None], copy: bool = False) -> Callable:
        """`function` with results remembered under `key(*args)`; a key of None is never remembered.

        An exception is never remembered. With `copy`, each caller gets its own copy of the result
        (parsed data a caller might change)."""

        def remembered(*args, **kwargs):
            self.calls += 1
            try:
                k = key(*args, **kwargs)
            except TypeError:  # called in a way the key does not expect: compute, remember nothing
                k = None
            if k is None:
                return function(*args, **kwargs)
            k = (function.__module__, function.__qualname__, k)
            if k in self.results:
                self.hits += 1
                kept = self.results[k]
                return pickle.loads(kept) if copy else kept
            result = function(*args, **kwargs)
            self.results[k] = pickle.dumps(result) if copy else result
            return result

        remembered.wrapped = function
        return remembered

    def clear(self) -> None:
        self.results.clear()
