"""Settings read from the environment, healthchecks-style.

Each helper names the variable in its error, so a malformed setting stops
start-up with one line that says what to fix instead of a traceback.
"""

import os
import sys

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class SettingError(ValueError):
    """A setting in the environment is malformed."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"Setting {name} {problem}")
        self.name = name


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SettingError(name, f"must be true or false, not {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(name, f"must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise SettingError(name, f"must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    raw = os.environ.get(name, default).strip()
    if raw not in choices:
        raise SettingError(name, f"must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def stop_on_setting_error(error: SettingError) -> None:
    """Exit with one line on stderr, naming the setting."""
    sys.exit(f"WeGO Platform cannot start: {error}")
