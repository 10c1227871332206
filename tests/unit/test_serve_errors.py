"""hooks/serve_errors.py: under serve, a failed build becomes an error page instead of a hang."""

from __future__ import annotations

import inspect
import logging
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands import serve as serve_command
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

PROBLEM = "docs/index.md:10: unknown citation key 'smith2020goood'; it is not in bib/"


@pytest.fixture
def errors(hook):
    module = hook("serve_errors")
    yield module
    module.on_shutdown()  # a test that patched serve leaves it as it found it


def config_for(tmp_path):
    docs = tmp_path / "docs"
    (docs / "mechanisms").mkdir(parents=True)
    for page in ("index.md", "mechanisms/index.md", "mechanisms/estradiol.md"):
        (docs / page).write_text("# Page\n")
    return SimpleNamespace(site_dir=str(tmp_path / "site"), site_name="Site", docs_dir=str(docs))


def failing_build(errors, logged: bool = True):
    """What mkdocs.commands.build.build does with a PluginError: events, log, abort."""

    def build(config, **kwargs):
        error = PluginError(PROBLEM)
        if logged:  # MkDocs's DuplicateFilter drops a message it has logged before in this process
            logging.getLogger("mkdocs.commands.build").error("Error reading page 'index.md':")
        errors.on_build_error(error)
        if logged:
            logging.getLogger("mkdocs.commands.build").error(str(error))
        raise Abort("Aborted with a BuildError!")

    return build


def problems_on(path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [li.get_text() for li in soup.select("ol.build-problems li")]


def test_mkdocs_serve_still_builds_through_the_name_this_hook_wraps():
    """If MkDocs stops calling `build` by this name, serve would hang again: fail here first."""
    assert callable(serve_command.build)
    assert "build(config, serve_url=" in inspect.getsource(serve_command.serve)


def test_only_serve_is_wrapped_and_shutdown_restores_it(errors):
    original = serve_command.build
    errors.on_startup(command="build", dirty=False)
    assert serve_command.build is original
    errors.on_startup(command="serve", dirty=False)
    errors.on_startup(command="serve", dirty=False)  # twice: wrapped once
    assert serve_command.build.wrapped is original
    errors.on_shutdown()
    assert serve_command.build is original


def test_failed_build_writes_the_error_page_at_every_address_and_returns(errors, tmp_path):
    config = config_for(tmp_path)
    old = tmp_path / "site" / "old" / "index.html"  # a page from the last good build
    old.parent.mkdir(parents=True)
    old.write_text("old")

    errors.build_showing_errors(failing_build(errors))(config, serve_url="http://127.0.0.1:8000/")

    site = tmp_path / "site"
    for address in (
        "index.html",
        "404.html",
        "old/index.html",
        "mechanisms/index.html",
        "mechanisms/estradiol/index.html",
    ):
        assert problems_on(site / address) == [f"Error reading page 'index.md':\n{PROBLEM}"], address


def test_a_repeated_failure_still_names_the_problem(errors, tmp_path, caplog):
    """MkDocs logs each message once per process; the page must not fall back to "Aborted"."""
    errors.build_showing_errors(failing_build(errors, logged=False))(config_for(tmp_path))
    assert problems_on(tmp_path / "site" / "index.html") == [PROBLEM]
    assert PROBLEM in caplog.text, "the terminal shows it too"


def test_successful_build_is_left_alone(errors, tmp_path):
    calls = []
    errors.build_showing_errors(lambda config, **kwargs: calls.append(kwargs))(config_for(tmp_path), dirty=False)
    assert calls == [{"dirty": False}]
    assert not (tmp_path / "site").exists()


def test_interrupt_is_not_swallowed(errors, tmp_path):
    def interrupted(config, **kwargs):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        errors.build_showing_errors(interrupted)(config_for(tmp_path))


def test_unreadable_config_on_rebuild_shows_its_message(errors, tmp_path):
    """serve re-reads mkdocs.yml on every rebuild, outside the build: on_serve wraps that too."""
    config = config_for(tmp_path)
    message = 'MkDocs encountered an error parsing the configuration file: ... in "mkdocs.yml", line 12'

    def rebuild():
        raise ConfigurationError(message)

    server = SimpleNamespace(builder=rebuild, root=config.site_dir)
    assert errors.on_serve(server, config=config, builder=rebuild) is server
    server.builder()
    assert problems_on(tmp_path / "site" / "index.html") == [message]


def test_a_bug_shows_where_it_happened(errors):
    try:
        {}["missing"]
    except KeyError as error:
        problems = errors.problems_of(error, [])
    assert len(problems) == 1
    assert "test_serve_errors.py:" in problems[0] and "KeyError: 'missing'" in problems[0]


def test_dev_server_requests_are_not_problems(errors):
    log = errors.ProblemLog()
    for name, message in [("mkdocs.livereload", '"GET /x/ HTTP/1.1" code 404'), ("mkdocs.structure.pages", "link")]:
        log.handle(logging.LogRecord(name, logging.WARNING, __file__, 1, message, None, None))
    assert log.messages == ["link"]


def test_problem_text_is_escaped(errors):
    page = errors.render(["refs.bib:3: a><script>x</script><b: the key may only use letters"], "Site")
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert "<title>Build failed · Site</title>" in page
