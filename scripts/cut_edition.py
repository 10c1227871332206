"""Deploy the site to the gh-pages branch with mike: `latest` (the living site) or a dated edition.

    scripts/cut-edition latest               # the living site, after every change to main
    scripts/cut-edition 2026.12              # the December 2026 edition, frozen from now on
    scripts/cut-edition 2026.12 --push       # ... and push gh-pages to origin (the workflow does)

Why a script around mike: it tells hooks/edition.py which edition it builds (SITE_EDITION), the
day it is cut and the edition before it (for "What changed"); it records the cut date in
versions.json (`properties.cut`); it refuses a malformed name with one line, a month still to
come, and a second deploy of an edition that exists, because a cited edition must not change.
The site's address comes from SITE_URL, as for any build.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import edition as editions  # noqa: E402  (hooks/edition.py: one rule for names, here and in the build)


class CutError(Exception):
    pass


def mike(*args: str, env: dict | None = None, capture: bool = False) -> subprocess.CompletedProcess:
    """Run mike from this Python's environment; mike runs `mkdocs` from PATH, so that comes first."""
    bin_dir = str(Path(sys.executable).parent)
    full_env = {**os.environ, **(env or {})}
    full_env["PATH"] = bin_dir + os.pathsep + full_env.get("PATH", "")
    return subprocess.run(
        [str(Path(bin_dir) / "mike"), *args], cwd=ROOT, env=full_env, text=True, capture_output=capture
    )


def deployed(git_args: list[str]) -> list[dict]:
    """versions.json of the gh-pages branch (empty when there is none yet)."""
    result = mike("list", "--json", *git_args, capture=True)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["(no message)"]
        raise CutError(f"cannot read versions.json from the {git_args[-1]} branch: {lines[-1]}")
    return json.loads(result.stdout or "[]")


def previous_edition(name: str, versions: list[dict]) -> dict | None:
    """The newest dated edition before `name` (before any, for latest)."""
    dated = [v for v in versions if v["version"] != editions.LIVING and editions.NAME.fullmatch(v["version"])]
    older = [v for v in dated if name == editions.LIVING or sort_key(v["version"]) < sort_key(name)]
    return max(older, key=lambda v: sort_key(v["version"]), default=None)


def sort_key(name: str) -> tuple[int, int]:
    year, month = editions.NAME.fullmatch(name).groups()
    return int(year), int(month)


def plan(name: str, versions: list[dict], today: datetime.date, replace: bool = False) -> dict:
    """What to deploy: the title, the environment for hooks/edition.py and mike's properties."""
    try:
        editions.parse_name(name)
    except editions.EditionError as error:
        raise CutError(str(error)) from None
    env = {"SITE_EDITION": name}
    props = {}
    if name != editions.LIVING:
        if sort_key(name) > (today.year, today.month):
            raise CutError(f"edition {name} is named for a month still to come (today is {today})")
        if any(v["version"] == name for v in versions) and not replace:
            raise CutError(f"edition {name} exists and is frozen; pass --replace to deploy it again on purpose")
        env["SITE_EDITION_CUT"] = today.isoformat()
        props["cut"] = today.isoformat()
    previous = previous_edition(name, versions)
    if previous:
        env["SITE_PREVIOUS_EDITION"] = previous["version"]
        cut = (previous.get("properties") or {}).get("cut")
        if cut:
            env["SITE_PREVIOUS_EDITION_CUT"] = cut
    return {"name": name, "title": editions.title(name), "env": env, "props": props}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", help="latest, or a year and month such as 2026.12")
    parser.add_argument("--push", action="store_true", help="push the gh-pages branch to the remote")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--replace", action="store_true", help="deploy an existing dated edition again")
    args = parser.parse_args(argv)
    git_args = ["--remote", args.remote, "--branch", args.branch]
    push = ["--push"] if args.push else []
    try:
        versions = deployed(git_args)
        cut = plan(args.edition, versions, editions.build_date(), args.replace)
    except CutError as error:
        print(f"cut-edition: {error}", file=sys.stderr)
        return 2
    props = [f"--prop-set-string=cut={value}" for key, value in cut["props"].items() if key == "cut"]
    env = {**cut["env"], "NO_MKDOCS_2_WARNING": "1"}
    deploy = mike("deploy", *git_args, *push, "--title", cut["title"], *props, cut["name"], env=env)
    if deploy.returncode != 0:
        print(f"cut-edition: the build of {cut['name']} failed (above); nothing was deployed", file=sys.stderr)
        return 1
    if cut["name"] == editions.LIVING:  # the site's address opens the living site
        default = mike("set-default", *git_args, *push, editions.LIVING, env=env)
        if default.returncode != 0:
            return 1
    print(f"cut-edition: deployed {cut['name']} ({cut['title']}) to {args.branch}" + (" and pushed" if push else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
