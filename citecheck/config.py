"""Settings and where they come from: flag > CITECHECK_* variable > config file > default.

The config file is `[tool.citecheck]` in pyproject.toml or a `citecheck.toml`, the first
found from the working directory upward. Secrets (the Crossref Plus token) are read from
the environment only.
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path

from dataclasses import dataclass

import platformdirs

PLUS_TOKEN_VARIABLE = "CITECHECK_CROSSREF_PLUS_TOKEN"
#: Keys the config file may not set: secrets live in the environment only.
SECRET_KEYS = {"crossref_plus_token", "plus_token", "token"}
#: Keys that hold lists; the config file may give one string of comma-separated values instead.
LIST_KEYS = {"fail_on", "ignore", "include", "exclude", "extend_exclude"}
#: Keys that name files or folders: relative to the config file's folder, wherever the run starts.
PATH_KEYS = {"output", "baseline", "cache_dir", "recorded", "record"}


@dataclass(frozen=True)
class Settings:
    """Everything a check run needs, after flags, variables and the config file are merged."""

    paths: tuple[str, ...]
    crossref_url: str = "https://api.crossref.org"
    source: str | None = None
    mailto: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    offline: bool = False
    format: str | None = None
    output: Path | None = None
    fail_on: tuple[str, ...] = ("mismatch", "not_found", "retracted")
    ignore: tuple[str, ...] = ()
    baseline: Path | None = None
    recorded: Path | None = None
    record: Path | None = None
    max_rate: float | None = None
    concurrency: int | None = None
    timeout_secs: float = 30.0
    max_file_mb: int = 200
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    allow_private_urls: bool = False
    quiet: bool = False
    verbose: int = 0
    cache_ttl_days: float = 30.0
    not_found_ttl_hours: float = 24.0
    breaker_failures: int = 5


class ConfigError(Exception):
    """The config file cannot be read or holds something it may not."""


#: The least value of each limit, and whether that value itself is allowed, by Settings field.
#: A rate of 0 or less made a run wait for ever (a user trial); requests refuse a timeout of 0
#: or less; no request can go with 0 in flight, and 0 MB refuses every input.
LIMITS = {
    "max_rate": (0, False),
    "timeout_secs": (0, False),
    "concurrency": (1, True),
    "max_file_mb": (1, True),
    "breaker_failures": (1, True),
    "cache_ttl_days": (0, True),
    "not_found_ttl_hours": (0, True),
}


def check_limit(field: str, value) -> None:
    """Raise ValueError when a limit (a `LIMITS` field) has a value no run can work with; None is unset."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError(f"must be a number, not {value!r}")
    least, allowed = LIMITS[field]
    if value < least or (value == least and not allowed):
        raise ValueError(f"must be {'at least' if allowed else 'more than'} {least}, not {value:g}")


def check_settings(settings: Settings) -> Settings:
    """The settings when every limit can work; else ValueError naming the field (the CLI's checks, for the API)."""
    for field in LIMITS:
        try:
            check_limit(field, getattr(settings, field))
        except ValueError as exc:
            raise ValueError(f"{field} {exc}") from None
    return settings


def find_config(start: Path | None = None) -> Path | None:
    """The nearest citecheck.toml, or pyproject.toml with a [tool.citecheck] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "citecheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "citecheck" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(path: Path | None) -> dict:
    """Option defaults from a config file, keyed by option name with underscores."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    table = data.get("tool", {}).get("citecheck", {}) if path.name == "pyproject.toml" else data.get("tool", {}).get("citecheck", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citecheck] must be a table")
    out = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in SECRET_KEYS:
            raise ConfigError(f"{path}: {key} is a secret; set {PLUS_TOKEN_VARIABLE} in the environment instead")
        if name in LIST_KEYS:  # a list, or one string of its values ("mismatch, not_found")
            value = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if name == "fail_on" and not value:  # the option would take [] for unset, the default
            raise ConfigError(f'{path}: {key} = []: empty; for a report that never fails, write {key} = "none"')
        if name in PATH_KEYS and isinstance(value, str) and value not in ("", "-"):
            value = str(path.parent / Path(value).expanduser())  # (an absolute path stays as it is)
        out[name] = value
    return out


def check_config_values(command, config: dict, path: Path) -> None:
    """Raise ConfigError naming the file and the key of a value `command`'s options refuse (type, range, choice).

    The options check the config's values as they check flags, but would name the option's
    variable as the value's origin (a user trial): the file's values are checked here first.
    """
    import typer

    ctx = typer.Context(command, info_name=command.name)
    for param in command.params:
        if param.param_type_name != "option" or param.name not in config:
            continue
        try:
            param.process_value(ctx, config[param.name])
        except typer.BadParameter as exc:
            key = param.name.replace("_", "-")
            raise ConfigError(f"{path}: {key} = {config[param.name]!r}: {exc.message}") from None


def default_cache_dir() -> Path:
    """The user's cache directory for citecheck (platformdirs)."""
    return Path(platformdirs.user_cache_dir("citecheck"))


def plus_token() -> str | None:
    """The Crossref Plus token from the environment, or None."""
    token = os.environ.get(PLUS_TOKEN_VARIABLE, "").strip()
    return token or None


#: How `citecheck config` names where a value came from.
SOURCE_NAMES = {"COMMANDLINE": "flag", "ENVIRONMENT": "variable", "DEFAULT_MAP": "config file", "DEFAULT": "default"}


def _effective(name: str, value):
    """An option's value as the run uses it: the failing verdicts as one list, the cache
    directory its default when none is given."""
    if name == "fail_on":  # the option's callback has made it the words in effect
        return ",".join(value) or "none"
    if name == "cache_dir":
        return value.expanduser() if value else default_cache_dir()
    return value


def describe_settings(ctx, config_path: Path | None) -> str:
    """One line per option of a command context: name, value, and where it came from; then
    the ignore file and the plus token a check would use."""
    from citecheck.ignores import find_baseline_file, find_ignore_file

    params = [p for p in ctx.command.params
              if p.name not in ("paths", "ctx") and getattr(p, "opts", None) and p.param_type_name != "argument"]
    width = max([len("(plus token)")] + [len(p.opts[0]) for p in params])
    lines = [f"config file: {config_path or 'none found'}"]
    for param in params:
        source = ctx.get_parameter_source(param.name)
        where = SOURCE_NAMES.get(getattr(source, "name", ""), "default")
        if where == "variable" and getattr(param, "envvar", None):
            where += f" {param.envvar}"
        value = _effective(param.name, ctx.params.get(param.name))
        if param.name == "baseline" and value is None:
            # What check will use when no baseline is named: the nearest one found.
            found = find_baseline_file()
            value, where = (found, "found from the working directory upward") if found else ("none found", where)
        lines.append(f"{param.opts[0]:<{width}} {value!s:<40} ({where})")
    ignore_file = find_ignore_file()
    lines.append(f"{'(ignore file)':<{width}} {ignore_file or 'none found'!s:<40} "
                 f"({'found from the working directory upward' if ignore_file else 'none'})")
    token = "set" if plus_token() else "not set"
    lines.append(f"{'(plus token)':<{width}} {token:<40} (variable {PLUS_TOKEN_VARIABLE}; never shown)")
    return "\n".join(lines)
