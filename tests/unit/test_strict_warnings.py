"""hooks/strict_warnings.py: `-q` hides progress, never a warning that stops a strict build."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest


@pytest.fixture
def mkdocs_logger():
    logger = logging.getLogger("mkdocs")
    level = logger.level
    yield logger
    logger.setLevel(level)


@pytest.mark.parametrize(("strict", "expected"), [(True, logging.WARNING), (False, logging.ERROR)])
def test_quiet_strict_build_still_emits_warnings(hook, mkdocs_logger, strict, expected):
    mkdocs_logger.setLevel(logging.ERROR)  # what `mkdocs build -q` does
    config = SimpleNamespace(strict=strict)
    assert hook("strict_warnings").on_config(config) is config
    assert mkdocs_logger.level == expected


def test_verbose_build_is_left_verbose(hook, mkdocs_logger):
    mkdocs_logger.setLevel(logging.DEBUG)  # `mkdocs build -v`
    hook("strict_warnings").on_config(SimpleNamespace(strict=True))
    assert mkdocs_logger.level == logging.DEBUG
