"""The hooks' Jinja templates (hooks/templates/), as Material renders its own partials.

Why: five hooks render markup from templates; each built its own environment with the
same loader. They share one per set of options here, made once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent.parent / "templates"


@functools.cache
def environment(*, autoescape: bool = False, strict: bool = False, trim: bool = False) -> jinja2.Environment:
    """strict: an undefined name is an error; trim: block tags leave no blank lines of their own."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
    )
