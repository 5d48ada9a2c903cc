"""e-Government modules: step-by-step deployment guides tied to framework indicators.

Plain Python. A module file (diagnostic/modules/<framework>-<version>.yaml) lists guides with
the indicators each one improves (`closes`) and those that should be in place first
(`prerequisites`); the roadmap proposes the modules that close a city's biggest gaps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from wego.diagnostic.domain.framework import (
    Framework,
    FrameworkError,
    Strict,
    Text,
    YamlSource,
    validate_model,
)

MODULES_DIR = Path(__file__).resolve().parent.parent / "modules"


class Module(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: Text
    summary: Text
    closes: Annotated[list[str], Field(min_length=1)]
    prerequisites: list[str] = []
    cost_usd: tuple[int, int]
    months: tuple[int, int]
    steps: Annotated[list[Text], Field(min_length=1)]
    pitfalls: list[Text] = []
    practices: list[str] = []

    @field_validator("cost_usd", "months")
    @classmethod
    def _a_range(cls, value):
        low, high = value
        if low < 0 or low > high:
            raise ValueError("must be [low, high] with 0 <= low <= high")
        return value


class ModuleFile(Strict):
    framework: str
    version: str
    modules: list[Module]


def load_modules(path: Path, framework: Framework) -> list[Module]:
    source = YamlSource(path, path.parent)
    found, problems = validate_model(ModuleFile, source)
    if found is None:
        raise FrameworkError(problems)
    if (found.framework, found.version) != (framework.code, framework.version):
        problems.append(
            source.problem(
                ("framework",),
                f"is for {found.framework} "
                f"{found.version}, not {framework.code} {framework.version}",
            )
        )
    indicators = framework.indicator_map()
    codes = set()
    for index, module in enumerate(found.modules):
        if module.code in codes:
            problems.append(
                source.problem(("modules", index, "code"), f"{module.code} is used twice")
            )
        codes.add(module.code)
        for field in ("closes", "prerequisites"):
            for position, code in enumerate(getattr(module, field)):
                if code not in indicators:
                    problems.append(
                        source.problem(("modules", index, field, position), f"no indicator {code}")
                    )
    if problems:
        raise FrameworkError(problems)
    return found.modules


_LOADED: dict[str, list[Module]] = {}  # by framework checksum; shipped files never change


def modules_for(framework: Framework) -> list[Module]:
    if framework.checksum not in _LOADED:
        path = MODULES_DIR / f"{framework.code}-{framework.version}.yaml"
        _LOADED[framework.checksum] = load_modules(path, framework) if path.exists() else []
    return _LOADED[framework.checksum]


def suggest(
    modules: list[Module], gains: dict[str, float], limit: int = 5
) -> list[tuple[Module, float]]:
    """Modules ranked by the expected gain of the roadmap items they close.

    `gains` holds the planned items only (answered gaps), so a module is proposed for what the
    city said it lacks, never for what it has not answered yet. Gains add up exactly: raising
    several answered indicators moves the weighted means linearly.
    """
    ranked = []
    for module in modules:
        total = sum(gains.get(code, 0.0) for code in module.closes)
        if total > 0:
            ranked.append((module, total))
    ranked.sort(key=lambda pair: (-pair[1], pair[0].code))
    return ranked[:limit]
