"""citation_style.plain() renders LaTeX fields without a plugin lookup per call (a build-time fix from issue 8)."""

from __future__ import annotations

import pybtex.plugin
import pytest
from pybtex.richtext import Text

SAMPLES = [r"Sch{\"a}fer, J{\'e}r{\^o}me", r"{Oxytocin} and the {HPA} axis", r"$\beta$-estradiol", "Plain -- text"]


@pytest.mark.parametrize("latex", SAMPLES)
def test_plain_matches_pybtex_text_rendering(hook, latex):
    expected = " ".join(Text.from_latex(latex).render_as("text").split())
    assert hook("citation_style").plain(latex) == expected


def test_plain_does_not_look_up_the_backend_on_each_call(hook, monkeypatch):
    """render_as("text") scans importlib entry points on every call: ~3 ms x 1,000 fields per build."""
    style = hook("citation_style")

    def refuse(*args, **kwargs):
        raise AssertionError("pybtex plugin lookup during formatting")

    monkeypatch.setattr(pybtex.plugin, "find_plugin", refuse)
    with pytest.raises(AssertionError):  # the control: the lookup the hook avoids
        Text.from_latex("x").render_as("text")
    assert style.plain(r"J{\'e}r{\^o}me") == "Jérôme"
