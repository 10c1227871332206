"""The publish workflow deploys only a tested commit, built for its public address (issue 12).

The SITE_URL check is the workflow's own shell step, run here with bash as GitHub runs it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
JOBS = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))["jobs"]


def needs(job: str) -> set[str]:
    value = JOBS[job].get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def test_deploy_needs_the_tests_and_the_build():
    assert any(step.get("run", "").strip() == "./scripts/test" for step in JOBS["test"]["steps"])
    assert {"test", "build"} <= needs("deploy")
    assert "test" in needs("build"), "no site is built (or uploaded) from an untested commit"


def check_site_url(tmp_path: Path, site_url: str | None) -> tuple[subprocess.CompletedProcess, str]:
    step = next(s for s in JOBS["build"]["steps"] if s.get("name") == "Check SITE_URL")
    github_env = tmp_path / "github_env"
    github_env.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"GITHUB_ENV": str(github_env)}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True)
    return result, github_env.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "site_url",
    [
        None,
        "",
        "/",  # what `${{ steps.pages.outputs.base_url }}/` gives when base_url is empty
        "http://127.0.0.1:8000/",
        "http://localhost:8000/",
        "https://localhost/",
        "http://[::1]:8000/",
        "http://0.0.0.0:8000/",
        "https:///",
    ],
)
def test_build_stops_when_site_url_is_unset_or_local(tmp_path, site_url):
    result, exported = check_site_url(tmp_path, site_url)
    assert result.returncode != 0 and "::error::SITE_URL" in result.stdout, result.stdout
    assert exported == "", "the build must not get an unchecked SITE_URL"


@pytest.mark.parametrize("site_url", ["https://example.github.io/oxytocin/", "https://oxytocin.example.org/"])
def test_public_site_url_passes_to_the_build(tmp_path, site_url):
    result, exported = check_site_url(tmp_path, site_url)
    assert result.returncode == 0, result.stdout
    assert exported == f"SITE_URL={site_url}\n"


def test_the_build_step_takes_site_url_only_from_the_check():
    build = next(s for s in JOBS["build"]["steps"] if s.get("name") == "Build")
    assert "SITE_URL" not in build.get("env", {})
