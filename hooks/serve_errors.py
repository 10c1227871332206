"""Under `mkdocs serve`, a failed build shows in the browser as an error page, and clears when fixed.

Why: MkDocs 1.6's dev server marks a rebuild as "wanted" before it builds and as
"visible" only after a build succeeds, and every page request waits until the two
agree (mkdocs/livereload: `_serve_request` waits for `_visible_epoch == _wanted_epoch`).
A failed rebuild leaves them apart, so the browser, and curl, waited with no answer
until the error was fixed ("The server will appear stuck until build errors are
resolved"). An editor with a typo in a citation key saw a hang, not the problem (issue 17).

What this does, only under `serve`: the build serve runs (its first build and every
rebuild) and serve's rebuild callback (which also re-reads mkdocs.yml) are wrapped. When
either fails, each page address (every page built before and every page in docs/), the
home page and the 404 page get one error page listing each problem as the build reported
it ("docs/index.md:10: unknown citation key …"), and MkDocs is told the build finished.
Browsers then reload into the error page through MkDocs's own live-reload script, which
serve adds to every page it finds; the next build that passes replaces it with the site.
A config that cannot be read at the very start still stops `serve`: there is no site.

`mkdocs build` is untouched: it still stops on the first problem and exits non-zero.
The build is reached through `mkdocs.commands.serve.build` because serve's first build
runs before `on_serve`, the only documented hold on the server; the unit tests fail if
MkDocs moves it (tests/unit/test_serve_errors.py).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from editorial import templates
from mkdocs.commands import serve as serve_command
from mkdocs.exceptions import BuildError, MkDocsException

TEMPLATE = "serve-error.html"
# Loggers whose warnings are not problems of the site: requests to the dev server.
NOT_PROBLEMS = ("mkdocs.livereload", "mkdocs.commands.serve")

log = logging.getLogger("mkdocs.hooks.serve_errors")


class ProblemLog(logging.Handler):
    """Collects what the build reports at WARNING and above (strict mode stops on each of them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.errors: list[str] = []  # the build errors themselves (see on_build_error)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(NOT_PROBLEMS):
            return
        message = record.getMessage()
        if self.messages and self.messages[-1].endswith(":"):
            # MkDocs announces a failing page ("Error reading page 'index.md':"), then the problem.
            self.messages[-1] += "\n" + message
        else:
            self.messages.append(message)


_collecting: list[ProblemLog] = []  # the builds being watched, innermost last (see on_build_error)


def problems_of(error: BaseException, reported: list[str]) -> list[str]:
    """What the page lists: the build's own messages; else the error; for a bug, where it happened."""
    if isinstance(error, MkDocsException):
        # An Abort only sums up ("Aborted with a BuildError!"): the problems came before it.
        return reported or [error.format_message()]
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    return [*reported, f"{where}{type(error).__name__}: {error} (a bug in the build code, not in your files)"]


def render(problems: list[str], site_name: str) -> str:
    return templates.environment(autoescape=True).get_template(TEMPLATE).render(problems=problems, site_name=site_name)


def page_addresses(docs_dir: str | Path) -> set[str]:
    """The HTML file of each Markdown page (directory URLs), so an open page is found even when the
    build failed before writing it: found pages come with MkDocs's live reload and raise no 404."""
    addresses = set()
    for source in Path(docs_dir).rglob("*.md"):
        parts = source.relative_to(docs_dir).with_suffix("").parts
        if parts[-1].lower() in ("index", "readme"):
            parts = parts[:-1]
        addresses.add("/".join([*parts, "index.html"]))
    return addresses


def show_error_page(site_dir: str | Path, problems: list[str], site_name: str = "", docs_dir=None) -> None:
    """Replace every HTML page of the served site, its home page and its 404 page by the error page."""
    site = Path(site_dir)
    page = render(problems, site_name)
    pages = {*site.rglob("*.html"), site / "index.html", site / "404.html"}
    pages |= {site / address for address in page_addresses(docs_dir)} if docs_dir else set()
    for path in pages:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


class Showing:
    """Run a build step; if it fails, show the error page instead of raising (MkDocs would hang)."""

    def __init__(self, site_dir, site_name: str = "", docs_dir=None) -> None:
        self.site_dir = site_dir
        self.site_name = site_name
        self.docs_dir = docs_dir

    def __enter__(self) -> Showing:
        self.problems = ProblemLog()
        logging.getLogger("mkdocs").addHandler(self.problems)
        _collecting.append(self.problems)
        return self

    def __exit__(self, kind, error, tb) -> bool:
        logging.getLogger("mkdocs").removeHandler(self.problems)
        _collecting.remove(self.problems)
        if error is None or not isinstance(error, Exception):
            return False  # success, or Ctrl-C: MkDocs handles those
        if not isinstance(error, MkDocsException):
            traceback.print_exception(error)  # a bug: the terminal gets the traceback, the page its place
        logged = self.problems.messages
        unlogged = [message for message in self.problems.errors if message not in "\n".join(logged)]
        problems = problems_of(error, logged + unlogged)
        show_error_page(self.site_dir, problems, self.site_name, self.docs_dir)
        for problem in problems:
            if problem not in logged:
                log.error(problem)  # MkDocs did not log it (this time): the terminal shows it too
        log.error("Build failed: the preview shows the problem until it is fixed; `mkdocs build` stops on it too.")
        return True


def build_showing_errors(build):
    def build_or_show_error(config, **kwargs):
        with Showing(config.site_dir, config.site_name, config.docs_dir):
            build(config, **kwargs)

    build_or_show_error.wrapped = build
    return build_or_show_error


def on_startup(command, dirty):
    # `serve --clean` reports itself as "build" and keeps MkDocs's own behaviour.
    if command == "serve" and not hasattr(serve_command.build, "wrapped"):
        serve_command.build = build_showing_errors(serve_command.build)


def on_build_error(error):
    """Keep the build error itself: MkDocs logs a message once per process (its DuplicateFilter on the
    build logger), so the second identical failure in a serve session reaches the log only as "Aborted"."""
    if _collecting and isinstance(error, BuildError):
        _collecting[-1].errors.append(str(error))


def on_serve(server, config, builder):
    """Rebuilds also load the config again; an unreadable mkdocs.yml must not hang the server either."""
    rebuild = server.builder

    def rebuild_or_show_error():
        with Showing(server.root, config.site_name, config.docs_dir):
            rebuild()

    server.builder = rebuild_or_show_error
    return server


def on_shutdown():
    serve_command.build = getattr(serve_command.build, "wrapped", serve_command.build)
