"""The publish workflow deploys only a tested commit, built for its public address (issues 12 and 15).

The SITE_URL check and the choice of edition are the workflow's own shell steps, run here with
bash as GitHub runs them.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
JOBS = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))["jobs"]


def needs(job: str) -> set[str]:
    value = JOBS[job].get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def step(name: str) -> dict:
    return next(s for s in JOBS["deploy"]["steps"] if s.get("name") == name)


def test_deploy_needs_the_tests():
    assert any(step.get("run", "").strip() == "./scripts/test" for step in JOBS["test"]["steps"])
    assert "test" in needs("deploy"), "no site is built (or deployed) from an untested commit"


def check_site_url(tmp_path: Path, site_url: str | None) -> tuple[subprocess.CompletedProcess, str]:
    check = step("Check SITE_URL")
    github_env = tmp_path / "github_env"
    github_env.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"GITHUB_ENV": str(github_env)}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = subprocess.run(["bash", "-e", "-c", check["run"]], env=env, capture_output=True, text=True)
    return result, github_env.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "site_url",
    [
        None,
        "",
        "/",  # a path without a host
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


def test_the_deploy_step_takes_site_url_only_from_the_check():
    deploy = step("Deploy")
    assert "SITE_URL" not in deploy.get("env", {})
    assert "scripts/cut-edition" in deploy["run"], "deployed with mike through the edition script"
    names = [s.get("name") for s in JOBS["deploy"]["steps"]]
    assert names.index("Check SITE_URL") < names.index("Deploy")


@pytest.mark.parametrize(
    ("event", "ref_type", "ref_name", "given", "edition"),
    [
        ("push", "branch", "main", "", "latest"),
        ("push", "tag", "edition-2026.12", "", "2026.12"),
        ("workflow_dispatch", "branch", "main", "2026.06", "2026.06"),
        ("workflow_dispatch", "branch", "main", "", "this month"),
    ],
)
def test_push_deploys_latest_and_a_tag_or_manual_run_cuts_an_edition(
    tmp_path, event, ref_type, ref_name, given, edition
):
    github_env = tmp_path / "github_env"
    github_env.write_text("", encoding="utf-8")
    env = os.environ | {"GITHUB_ENV": str(github_env), "EVENT": event, "INPUT": given}
    env |= {"GITHUB_REF_TYPE": ref_type, "GITHUB_REF_NAME": ref_name}
    result = subprocess.run(["bash", "-e", "-c", step("Choose the edition")["run"]], env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    chosen = github_env.read_text(encoding="utf-8").strip().removeprefix("EDITION=")
    if edition == "this month":
        assert re.fullmatch(r"\d{4}\.\d{2}", chosen), chosen
    else:
        assert chosen == edition


def test_pages_are_served_from_the_gh_pages_branch_not_an_artifact():
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "upload-pages-artifact" not in workflow and "deploy-pages" not in workflow
    assert JOBS["deploy"]["permissions"]["contents"] == "write", "mike pushes gh-pages"
