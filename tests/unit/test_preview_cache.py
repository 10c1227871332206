"""The live preview's cache (hooks/editorial/cache.py) and its MkDocs wiring (hooks/preview.py)."""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from pathlib import Path

import jinja2
import pytest
from editorial import cache
from mkdocs.livereload import LiveReloadServer

HOOK = Path(__file__).resolve().parents[2] / "hooks" / "preview.py"


def source(text: str, title: str = "Title", meta: str = "m", **flags) -> cache.Source:
    return cache.Source(cache.digest(text), title, meta, **flags)


def built(tmp_path: Path, sources: dict[str, cache.Source], inputs: str = "in") -> tuple[cache.Cache, dict]:
    """A cache after one good build of `sources`, with an output file per page."""
    outputs = {}
    for uri in sources:
        outputs[uri] = str(tmp_path / "site" / uri.replace(".md", ".html"))
        Path(outputs[uri]).parent.mkdir(parents=True, exist_ok=True)
        Path(outputs[uri]).write_text(uri)
    c = cache.Cache()
    c.plan = c.make_plan(inputs, sources, outputs)
    c.pending = {uri: cache.Record(s, outputs[uri]) for uri, s in sources.items()}
    c.commit(inputs)
    return c, outputs


@pytest.fixture
def site(tmp_path):
    sources = {
        "index.md": source("home"),
        "a.md": source("a"),
        "b.md": source("b"),
        "section.md": source("list", dependent=True),
        "bibliography.md": source("all", lazy=True),
    }
    c, outputs = built(tmp_path, sources)
    return c, sources, outputs


def test_the_first_build_builds_everything(tmp_path):
    plan = cache.Cache().make_plan("in", {"a.md": source("a")}, {"a.md": str(tmp_path / "a.html")})
    assert plan.full and plan.reason == "first build" and plan.rebuild == {"a.md"}


def test_an_edit_rebuilds_only_its_page(site):
    c, sources, outputs = site
    plan = c.make_plan("in", {**sources, "a.md": source("a, edited")}, outputs)
    assert not plan.full and plan.rebuild == {"a.md"}
    plan = c.make_plan("in", sources, outputs)
    assert not plan.full and plan.rebuild == set(), "saving a file unchanged builds nothing"


def test_front_matter_changes_rebuild_the_pages_that_list_other_pages(site):
    c, sources, outputs = site
    plan = c.make_plan("in", {**sources, "a.md": source("a, new description", meta="m2")}, outputs)
    assert plan.rebuild == {"a.md", "section.md"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: ("other inputs", s), "bib/, data/"),
        (lambda s: ("in", {**s, "new.md": source("new")}), "added, removed or renamed"),
        (lambda s: ("in", {k: v for k, v in s.items() if k != "b.md"}), "added, removed or renamed"),
        (lambda s: ("in", {**s, "a.md": source("a2", title="Retitled")}), "title of a.md changed"),
        (lambda s: ("in", {**s, "bibliography.md": source("all, edited", lazy=True)}), "lists what every page cites"),
    ],
)
def test_what_every_page_reads_means_a_full_build(site, change, reason):
    c, sources, outputs = site
    inputs, now = change(sources)
    outputs = {uri: outputs.get(uri, "/nonexistent/new.html") for uri in now}
    plan = c.make_plan(inputs, now, outputs)
    assert plan.full and reason in plan.reason and plan.rebuild == set(now)


def test_an_output_written_over_is_built_again(site):
    c, sources, outputs = site
    Path(outputs["b.md"]).write_text("<h1>Build failed</h1>")
    os.utime(outputs["b.md"], ns=(1, 1))
    assert c.make_plan("in", sources, outputs).rebuild == {"b.md"}


def test_reusable_only_for_pages_this_build_skips(site):
    c, sources, outputs = site
    c.plan = c.make_plan("in", {**sources, "a.md": source("a2")}, outputs)
    assert c.reusable("a.md") is None and c.reusable("b.md") is c.pages["b.md"]
    c.forget()
    assert c.reusable("b.md") is None and c.inputs is None


def test_tree_digest_follows_content_not_times(tmp_path):
    (tmp_path / "data" / "claims").mkdir(parents=True)
    (tmp_path / "data" / "agents.yml").write_text("a: 1\n")
    (tmp_path / "data" / "claims" / "page.yml").write_text("[]\n")
    first = cache.tree_digest([tmp_path / "data"], exclude=[tmp_path / "data" / "claims"])
    os.utime(tmp_path / "data" / "agents.yml", ns=(5, 5))
    assert cache.tree_digest([tmp_path / "data"], exclude=[tmp_path / "data" / "claims"]) == first
    (tmp_path / "data" / "claims" / "page.yml").write_text("- changed\n")
    assert cache.tree_digest([tmp_path / "data"], exclude=[tmp_path / "data" / "claims"]) == first
    (tmp_path / "data" / "agents.yml").write_text("a: 2\n")
    assert cache.tree_digest([tmp_path / "data"], exclude=[tmp_path / "data" / "claims"]) != first


def test_memo_remembers_by_key_copies_on_request_and_never_remembers_errors():
    memo = cache.Memo()
    calls = []

    def parse(text):
        calls.append(text)
        if text == "bad":
            raise ValueError(text)
        return {"items": [text]}

    plain = memo.wrap(parse, lambda text: text)
    assert plain("a") is plain("a") and calls == ["a"]
    copied = memo.wrap(parse, lambda text: ("copy", text), copy=True)
    first = copied("b")
    first["items"].append("changed by a caller")
    assert copied("b") == {"items": ["b"]}
    for _ in range(2):
        with pytest.raises(ValueError):
            plain("bad")
    assert calls.count("bad") == 2
    unkeyed = memo.wrap(parse, lambda text: None)
    unkeyed("c"), unkeyed("c")
    assert calls.count("c") == 2
    positional = memo.wrap(parse, lambda first: first)
    assert positional(text="d") == {"items": ["d"]} and positional(text="d") == {"items": ["d"]}
    assert calls.count("d") == 2, "a call the key cannot read is computed, not remembered"


def test_file_key_changes_with_the_content(tmp_path):
    path = tmp_path / "ledger.yml"
    path.write_text("one")
    key = cache.file_key(path)
    path.write_text("two")
    assert cache.file_key(path) != key
    assert cache.file_key(tmp_path / "missing.yml") is None


def test_compiled_templates_are_reused_and_recompiled_when_edited(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    kept = cache.TemplateCache()

    def render():
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=kept)
        return env.get_template("page.html").render(name="reader")

    assert render() == "Hello reader" and len(kept.kept) == 1
    assert render() == "Hello reader"
    (tmp_path / "page.html").write_text("Goodbye {{ name }}")
    assert render() == "Goodbye reader"


# hooks/preview.py


def load_hook():
    spec = importlib.util.spec_from_file_location("preview_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dirty_warning_alone_does_not_stop_a_strict_preview():
    hook = load_hook()
    record = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, hook.DIRTY_WARNING + " …", (), None)
    assert not hook.DropDirtyWarning().filter(record)
    other = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, "Doc file 'a.md' contains…", (), None)
    assert hook.DropDirtyWarning().filter(other)


def test_the_hook_does_nothing_outside_serve_dirty():
    hook = load_hook()
    hook.on_startup(command="build", dirty=False)
    assert not hook.state["active"] and hook.state["patched"] == []
    hook.on_startup(command="serve", dirty=False)
    assert not hook.state["active"]


def test_serve_dirty_remembers_bibliography_results_and_undoes_it_on_shutdown():
    from citing import downloads, styles

    hook = load_hook()
    original = styles.format_all
    hook.on_startup(command="serve", dirty=True)
    try:
        assert styles.format_all.wrapped is original and hasattr(downloads.files, "wrapped")
    finally:
        hook.on_shutdown()
    assert styles.format_all is original and not hasattr(downloads.files, "wrapped")


def wait_until(condition, seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)
    return condition()


def test_saves_wake_the_preview_and_reads_do_not(tmp_path):
    """MkDocs rebuilds on any event of a watched path; a build reads every watched file."""
    pytest.importorskip("watchdog.observers.inotify")
    from watchdog import events

    hook = load_hook()
    observer = hook.saves_observer()
    seen = []
    handler = events.FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append(type(event).__name__)
    (tmp_path / "page.md").write_text("one")
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        (tmp_path / "page.md").read_text()
        assert not wait_until(lambda: seen, 0.5), f"reading a file is not a change: {seen}"
        (tmp_path / "page.md").write_text("two")
        assert wait_until(lambda: seen), "a save is noticed"
    finally:
        observer.stop()
        observer.join()


def test_a_watched_file_is_still_watched_after_an_atomic_save(tmp_path):
    """Editors save by writing a new file and renaming it over the old one (mkdocs.yml, a library .bib)."""
    pytest.importorskip("watchdog.observers.inotify")
    from watchdog import events

    hook = load_hook()
    observer = hook.saves_observer()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: one\n")
    seen = []
    handler = events.FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append(event)
    observer.schedule(handler, str(config))
    observer.start()
    try:
        for text in ("site_name: two\n", "site_name: three\n"):
            seen.clear()
            (tmp_path / "mkdocs.yml.tmp").write_text(text)
            (tmp_path / "mkdocs.yml.tmp").replace(config)
            assert wait_until(lambda: seen), f"the save of {text!r} is noticed"
        seen.clear()
        (tmp_path / "other.txt").write_text("not watched")
        assert not wait_until(lambda: seen, 0.5), "another file in the folder is not"
    finally:
        observer.stop()
        observer.join()


def test_mkdocs_server_still_keeps_the_watch_list_the_hook_moves_to_inotify():
    """hooks/preview.py re-registers MkDocs's watched paths on a new observer (no public API for it)."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    try:
        server.watch(".")
        assert server._watched_paths == {os.path.abspath("."): 1}
        server.unwatch(".")
        assert server._watched_paths == {}
    finally:
        server.server_close()
