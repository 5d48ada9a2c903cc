"""Diagnostic frameworks: the schema of the YAML files, and a loader with precise errors.

Plain Python (pydantic and PyYAML, no Django). A framework is a folder:

    framework.yaml          what it is: title, stages, parts, shared scales, domain order
    domains/<CODE>.yaml     one file per domain, with its indicators and questions

`load_framework(folder)` returns a `Framework`, or raises `FrameworkError` whose message names
the file, the line and the field of every problem found (docs/frameworks.md has the format).

    python -m wego.diagnostic.domain.framework src/wego/diagnostic/frameworks/ceds/1.0
"""

from __future__ import annotations

import hashlib
import json
import sys
import types
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

LANGUAGE = Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$")]
Text = dict[LANGUAGE, Annotated[str, Field(min_length=1)]]
FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"
# libyaml's C parser when PyYAML has it (about 10 times faster), the pure-Python one otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class QuestionType(StrEnum):
    LEVEL = "level"
    YES_NO = "yes-no"
    NUMBER = "number"
    PERCENTAGE = "percentage"
    CHOICE = "choice"
    TEXT = "text"
    EVIDENCE = "evidence"


SCORED_TYPES = {
    QuestionType.LEVEL,
    QuestionType.YES_NO,
    QuestionType.NUMBER,
    QuestionType.PERCENTAGE,
    QuestionType.CHOICE,
}
AWARDS_CATEGORIES = ("services", "efficiency", "open-city", "urban-management", "digital-divide")
CONCERNS = ("open-data", "cybersecurity-privacy", "digital-inclusion", "mobile-first")
MEMBER_KINDS = ("city", "province", "state", "locality")
LEVELS = (0, 1, 2, 3, 4)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    label: Text
    score: Annotated[float, Field(ge=0, le=1)]


class Scale(Strict):
    type: Literal["level", "choice"]
    levels: dict[int, Text] | None = None
    choices: list[Choice] | None = None


class Scoring(Strict):
    zero_at: float
    full_at: float


class AppliesIf(Strict):
    population_min: Annotated[int, Field(ge=0)] | None = None
    population_max: Annotated[int, Field(ge=0)] | None = None
    kinds: list[Literal["city", "province", "state", "locality"]] | None = None

    def applies(self, population: int | None, kind: str | None) -> bool:
        """Unknown population or kind: the question is asked (better asked than skipped)."""
        if population is not None:
            if self.population_min is not None and population < self.population_min:
                return False
            if self.population_max is not None and population > self.population_max:
                return False
        return not (self.kinds and kind and kind not in self.kinds)


class Question(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*[0-9]+\.[0-9]+$")]
    type: QuestionType
    text: Text
    help: Text | None = None
    weight: Annotated[float, Field(ge=0, le=10)] = 1.0
    allow_not_applicable: bool = False
    applies_if: AppliesIf | None = None
    scale: str | None = None
    levels: dict[int, Text] | None = None
    choices: list[Choice] | None = None
    scoring: Scoring | None = None
    unit: Text | None = None

    @property
    def is_scored(self) -> bool:
        if self.weight == 0 or self.type not in SCORED_TYPES:
            return False
        return self.type != QuestionType.NUMBER or self.scoring is not None


class Indicator(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*[0-9]+$")]
    title: Text
    description: Text | None = None
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    awards_category: Literal[AWARDS_CATEGORIES]
    concerns: list[Literal[CONCERNS]] = []
    effort: Annotated[int, Field(ge=1, le=5)] = 3
    requires: list[str] = []
    questions: Annotated[list[Question], Field(min_length=1)]


class Domain(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*$")]
    part: str
    group: str | None = None
    title: Text
    description: Text | None = None
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    indicators: Annotated[list[Indicator], Field(min_length=1)]


class Stage(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    min_score: Annotated[float, Field(ge=0, le=100)]
    label: Text
    description: Text | None = None


class Group(Strict):
    code: str
    title: Text


class Part(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: Text
    description: Text | None = None
    groups: list[Group] = []


class Crosswalk(Strict):
    from_version: str
    questions: dict[str, str | None]


class FrameworkHeader(Strict):
    schema_: Literal[1] = Field(alias="schema")
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, Field(min_length=1, max_length=20)]
    title: Text
    description: Text | None = None
    source: Text | None = None
    estimated_minutes: Annotated[int, Field(gt=0)] | None = None
    stages: Annotated[list[Stage], Field(min_length=1)]
    parts: Annotated[list[Part], Field(min_length=1)]
    scales: dict[str, Scale] = {}
    domains: Annotated[list[str], Field(min_length=1)]
    crosswalk: Crosswalk | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version_is_text(cls, value):
        if not isinstance(value, str):
            raise ValueError('must be a quoted string, e.g. "1.0"')
        return value


class Framework(Strict):
    """A whole framework: the header and its domains, checked and cross-referenced."""

    header: FrameworkHeader
    domains: list[Domain]
    checksum: str

    @cached_property
    def structure(self) -> str:
        """The fingerprint of what answers and scores depend on (see `structure_fingerprint`)."""
        return structure_fingerprint(self.model_dump(mode="json", by_alias=True))

    @property
    def code(self) -> str:
        return self.header.code

    @property
    def version(self) -> str:
        return self.header.version

    def questions(self):
        for domain in self.domains:
            for indicator in domain.indicators:
                for question in indicator.questions:
                    yield domain, indicator, question

    def question_map(self) -> dict[str, Question]:
        return {question.code: question for _d, _i, question in self.questions()}

    def indicator_map(self) -> dict[str, Indicator]:
        return {i.code: i for domain in self.domains for i in domain.indicators}

    def domain(self, code: str) -> Domain:
        return next(domain for domain in self.domains if domain.code == code)

    def levels_of(self, question: Question) -> dict[int, Text]:
        return question.levels or self.header.scales[question.scale].levels

    def choices_of(self, question: Question) -> list[Choice]:
        return question.choices or self.header.scales[question.scale].choices

    def stage_for(self, score: float | None) -> Stage | None:
        if score is None:
            return None
        reached = [stage for stage in self.header.stages if score >= stage.min_score]
        return reached[-1] if reached else None


# ---------------------------------------------------------------------------------------------
# Loading, with file/line/field errors


class FrameworkError(ValueError):
    """A framework folder that does not follow the format. `problems` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class YamlSource:
    """A YAML file's data and the line of every node, by path."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = str(path.relative_to(root))
        self.lines: dict[tuple, int] = {}
        try:
            text = path.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=_YAML_LOADER)
            self.data = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
        except FileNotFoundError:
            raise FrameworkError([f"{self.name}: file is missing"]) from None
        except UnicodeDecodeError:
            raise FrameworkError([f"{self.name}: is not UTF-8 text"]) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise FrameworkError([f"{self.name}{where}: not valid YAML ({problem})"]) from None
        if node is not None:
            self._index(node, ())

    def _index(self, node, path):
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.lines[(*path, str(key.value))] = key.start_mark.line + 1
                self._index(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._index(item, (*path, str(index)))

    def line_of(self, path) -> int:
        path = tuple(str(part) for part in path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path, message: str) -> str:
        field = _dotted(path) or "(top)"
        return f"{self.name}, line {self.line_of(path)}, {field}: {message}"


def _dotted(path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def validate_model(model, source: YamlSource):
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        problems = []
        for item in error.errors():
            location = [
                part for part in item["loc"] if not str(part).startswith(("function-", "literal"))
            ]
            # pydantic adds the union branch or the key type to some locations; drop those.
            location = [
                p for p in location if p not in ("[key]", "str", "int", "float", "list[...]")
            ]
            problems.append(source.problem(location, _readable(item)))
        return None, problems


def _readable(item) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "literal_error":
        return message.replace("Input should be", "must be one of").replace("'", "")
    if kind == "enum":
        return message.replace("Input should be", "must be one of").replace("'", "")
    return message[0].lower() + message[1:] if message else kind


def load_framework(folder: Path | str) -> Framework:
    folder = Path(folder)
    header_source = YamlSource(folder / "framework.yaml", folder)
    header, problems = validate_model(FrameworkHeader, header_source)
    if header is None:
        raise FrameworkError(problems)
    domains, sources = [], {}
    for index, code in enumerate(header.domains):
        path = folder / "domains" / f"{code}.yaml"
        if not path.exists():
            problems.append(
                header_source.problem(("domains", index), f"no file domains/{code}.yaml")
            )
            continue
        source = YamlSource(path, folder)
        domain, domain_problems = validate_model(Domain, source)
        problems += domain_problems
        if domain is not None:
            domains.append(domain)
            sources[domain.code] = source
            if domain.code != code:
                problems.append(
                    source.problem(("code",), f"is {domain.code!r} but the file is {code}.yaml")
                )
    if problems:
        raise FrameworkError(problems)
    problems = _cross_check(header, header_source, domains, sources)
    if problems:
        raise FrameworkError(problems)
    return Framework(header=header, domains=domains, checksum=_checksum(header, domains))


def _checksum(header, domains) -> str:
    content = {
        "header": header.model_dump(mode="json", by_alias=True),
        "domains": [domain.model_dump(mode="json") for domain in domains],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


# ---------------------------------------------------------------------------------------------
# Structure and wording
#
# A framework's structure is everything answers and scores depend on: codes, types, weights,
# scales' codes and scores, scoring, efforts, requires, applies_if, parts, stages' thresholds,
# the order of domains, indicators and questions (the workbook reads by position). Its wording
# is every text a person reads ({en: ..., ko: ...}). A used version may take better wording or
# a new translation; a change of structure needs a new version.


def structure_fingerprint(content: dict) -> str:
    """A SHA-256 of a framework's content (as stored: `Framework.model_dump(mode="json",
    by_alias=True)`) without its texts: the same for two contents that differ only in wording."""
    structure = {
        "header": _without_texts(FrameworkHeader, content["header"]),
        "domains": _without_texts(list[Domain], content["domains"]),
    }
    encoded = json.dumps(structure, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def _without_texts(annotation, value):
    """`value` (the JSON of a field declared as `annotation`) with every Text left out. The
    schema's types decide what a text is, so a text field added later is wording at once."""
    annotation = _unwrapped(annotation)
    if annotation == Text or value is None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            field.alias or name: _without_texts(field.annotation, value.get(field.alias or name))
            for name, field in annotation.model_fields.items()
        }
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin in (list, tuple) and arguments:
        return [_without_texts(arguments[0], item) for item in value]
    if origin is dict:
        return {key: _without_texts(arguments[1], item) for key, item in value.items()}
    return value


def _unwrapped(annotation):
    """`Annotated[X, ...]` and `X | None` as X."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            arguments = [a for a in get_args(annotation) if a is not type(None)]
            if len(arguments) != 1:
                return annotation
            annotation = arguments[0]
        else:
            return annotation


def _cross_check(header, header_source, domains, sources) -> list[str]:
    problems = []
    problems += _check_header(header, header_source)
    parts = {part.code: {group.code for group in part.groups} for part in header.parts}
    indicator_codes, question_codes = {}, {}
    for domain in domains:
        source = sources[domain.code]
        if domain.part not in parts:
            problems.append(
                source.problem(
                    ("part",),
                    f"unknown part {domain.part!r}; framework.yaml has {', '.join(parts)}",
                )
            )
        elif domain.group and domain.group not in parts[domain.part]:
            problems.append(
                source.problem(("group",), f"unknown group {domain.group!r} of part {domain.part}")
            )
        for i, indicator in enumerate(domain.indicators):
            where = ("indicators", i)
            if (
                not indicator.code.startswith(domain.code)
                or not indicator.code[len(domain.code) :].isdigit()
            ):
                problems.append(
                    source.problem((*where, "code"), f"must be {domain.code} followed by a number")
                )
            if indicator.code in indicator_codes:
                problems.append(source.problem((*where, "code"), f"{indicator.code} is used twice"))
            indicator_codes[indicator.code] = (source, where)
            for q, question in enumerate(indicator.questions):
                qwhere = (*where, "questions", q)
                if not question.code.startswith(indicator.code + "."):
                    problems.append(
                        source.problem((*qwhere, "code"), f"must start with {indicator.code}.")
                    )
                if question.code in question_codes:
                    problems.append(
                        source.problem((*qwhere, "code"), f"{question.code} is used twice")
                    )
                question_codes[question.code] = True
                problems += _check_question(question, header, source, qwhere)
    for code, (source, where) in indicator_codes.items():
        indicator = next(i for d in domains for i in d.indicators if i.code == code)
        for r, required in enumerate(indicator.requires):
            if required not in indicator_codes:
                problems.append(source.problem((*where, "requires", r), f"no indicator {required}"))
            elif required == code:
                problems.append(
                    source.problem((*where, "requires", r), "an indicator cannot require itself")
                )
    problems += _check_requires_cycles(indicator_codes, domains)
    if header.crosswalk:
        for old, new in header.crosswalk.questions.items():
            if new is not None and new not in question_codes:
                problems.append(
                    header_source.problem(
                        ("crosswalk", "questions", old),
                        f"maps to {new}, which is not a question here",
                    )
                )
    return problems


def _check_header(header, source) -> list[str]:
    problems = []
    minimums = [stage.min_score for stage in header.stages]
    if minimums[0] != 0:
        problems.append(
            source.problem(("stages", 0, "min_score"), "the first stage must start at 0")
        )
    if minimums != sorted(set(minimums)):
        problems.append(
            source.problem(("stages",), "min_score must rise from one stage to the next")
        )
    if len(set(header.domains)) != len(header.domains):
        problems.append(source.problem(("domains",), "lists a domain twice"))
    for name, scale in header.scales.items():
        if scale.type == "level" and (not scale.levels or sorted(scale.levels) != list(LEVELS)):
            problems.append(
                source.problem(("scales", name, "levels"), "needs descriptors for 0, 1, 2, 3 and 4")
            )
        if scale.type == "choice" and not scale.choices:
            problems.append(
                source.problem(("scales", name, "choices"), "needs at least one choice")
            )
    return problems


def _check_question(question, header, source, where) -> list[str]:
    problems = []
    scales = header.scales
    if question.scale is not None:
        if question.scale not in scales:
            problems.append(
                source.problem((*where, "scale"), f"no scale {question.scale!r} in framework.yaml")
            )
            return problems
        if question.type.value != scales[question.scale].type:
            problems.append(
                source.problem(
                    (*where, "scale"),
                    f"is a {scales[question.scale].type} scale, "
                    f"but the question is {question.type.value}",
                )
            )
    if question.type == QuestionType.LEVEL:
        if question.levels is None and question.scale is None:
            problems.append(source.problem((*where,), "a level question needs `scale` or `levels`"))
        if question.levels is not None and sorted(question.levels) != list(LEVELS):
            problems.append(
                source.problem((*where, "levels"), "needs descriptors for 0, 1, 2, 3 and 4")
            )
    if question.type == QuestionType.CHOICE:
        if question.choices is None and question.scale is None:
            problems.append(
                source.problem((*where,), "a choice question needs `scale` or `choices`")
            )
        codes = [choice.code for choice in question.choices or []]
        if len(codes) != len(set(codes)):
            problems.append(source.problem((*where, "choices"), "has a choice code twice"))
    if question.scoring and question.type != QuestionType.NUMBER:
        problems.append(source.problem((*where, "scoring"), "only number questions have scoring"))
    if question.scoring and question.scoring.zero_at == question.scoring.full_at:
        problems.append(source.problem((*where, "scoring"), "zero_at and full_at must differ"))
    if question.type in (QuestionType.TEXT, QuestionType.EVIDENCE) and question.weight != 0:
        problems.append(
            source.problem(
                (*where, "weight"), f"{question.type.value} questions are not scored: use weight 0"
            )
        )
    return problems


def _check_requires_cycles(indicator_codes, domains) -> list[str]:
    graph = {i.code: list(i.requires) for d in domains for i in d.indicators}
    problems, state = [], {}

    def visit(code, trail):
        if state.get(code) == "done":
            return
        if state.get(code) == "visiting":
            source, where = indicator_codes[code]
            cycle = " -> ".join([*trail[trail.index(code) :], code])
            problems.append(
                source.problem((*where, "requires"), f"requirements go round in a circle: {cycle}")
            )
            return
        state[code] = "visiting"
        for required in graph.get(code, []):
            if required in graph:
                visit(required, [*trail, code])
        state[code] = "done"

    for code in graph:
        visit(code, [])
    return problems


def shipped_frameworks() -> list[Path]:
    """Every framework folder shipped with the platform (frameworks/<code>/<version>/)."""
    return sorted(path.parent for path in FRAMEWORKS_DIR.glob("*/*/framework.yaml"))


if __name__ == "__main__":
    for argument in sys.argv[1:] or [str(p) for p in shipped_frameworks()]:
        try:
            framework = load_framework(argument)
        except FrameworkError as error:
            print(f"{argument}:\n{error}")
            sys.exit(1)
        count = sum(1 for _ in framework.questions())
        print(
            f"{argument}: {framework.code} {framework.version}, {len(framework.domains)} domains, "
            f"{count} questions, checksum {framework.checksum[:12]}"
        )
