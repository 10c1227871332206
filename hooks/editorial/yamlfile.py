"""Read a YAML data file so that errors name the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import yaml


class DataError(Exception):
    """A data file is malformed; the message is one line naming file, line and problem."""


# libyaml's loader when PyYAML has it: about 15 times faster on data/claims/, which every page reads
# (issue 14). On an error the pure-Python loader reads the file again, so messages stay the same.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_lines(path: Path):
    """The document; a top-level list comes back as (item, line) pairs."""
    text = path.read_text(encoding="utf-8")
    try:
        try:
            node, data = yaml.compose(text, Loader=FAST_LOADER), yaml.load(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            node, data = yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        # The construct that is left open (a bracket, a quote) is where the editor must look.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else 1
        what = "; ".join(p for p in (error.context, error.problem) if p)
        raise DataError(f"{path}:{line}: invalid YAML: {what}") from None
    if isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        return [(item, child.start_mark.line + 1) for item, child in zip(data, node.value, strict=True)]
    return data


def line_of_key(path: Path, dotted: list) -> int:
    """Line of a nested key or index in a YAML mapping (1 when not found)."""
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    line = 1
    for part in dotted:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            line = next(k for k, v in node.value if v is match).start_mark.line + 1
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
