"""YAML read safely, with each value's node (for its line).

PyYAML's C loader (libyaml) reads ten times faster than its pure-Python one, but composes
nested collections by recursion in C: some 20,000 levels ("[[[[…") crash the process,
which no exception can catch.  The pure-Python loader's recursion ends in RecursionError.
So the C loader reads only text whose nesting cannot reach that far, and the pure-Python
loader the rest.
"""

from __future__ import annotations

import yaml

#: the deepest nesting the C loader is given (10,000 levels were measured safe)
C_LOADER_MAX_DEPTH = 5000


class YamlUnreadable(ValueError):
    """YAML that could not be read; the message says why, with the line (1-based, of the
    text given) where there is one."""


def nesting_bound(text: str) -> int:
    """An upper bound on how deep the text's collections nest: each flow collection opens
    with "[" or "{", and each block collection sits right of its parent's column, or at it
    (a mapping's sequence), so at most twice a line's length deep."""
    longest = max(map(len, text.splitlines()), default=0)
    return text.count("[") + text.count("{") + 2 * (longest + 1)


def _timestamp_or_text(loader, node):
    """A date as YAML reads one, or its text when it is no date ("date: 2024-00-52", which
    PyYAML's own constructor raises on: the fuzzer found it stopping a Quarto article's read)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _SafeLoader(yaml.SafeLoader):
    """The pure-Python safe loader, lenient with dates."""


class _CSafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader (when PyYAML was built with it), lenient with dates."""


for _loader in (_SafeLoader, _CSafeLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def read_yaml(text: str, first_line: int = 1):
    """(root node, value) of the text's single document; ``first_line`` is the line the text
    starts on, for the lines in messages.  Raises YamlUnreadable."""
    loader_class = _SafeLoader
    if nesting_bound(text) <= C_LOADER_MAX_DEPTH:
        loader_class = _CSafeLoader
    loader = None
    try:
        loader = loader_class(text)  # the reader refuses control characters here
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + first_line}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlUnreadable(f"{where}{problem}") from None
    except RecursionError:
        raise YamlUnreadable("nested too deep") from None
    except (ValueError, OverflowError) as exc:  # a value its tag cannot hold: "date: 2020-13-45"
        raise YamlUnreadable(f"a value that cannot be read ({exc})") from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, value
