import copy

import pytest

from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.core.i18n import translate
from wego.diagnostic.domain.framework import FrameworkError, load_framework, shipped_frameworks


def load_with(tmp_path, header=None, domains=None):
    return load_framework(write_framework(tmp_path, header, domains))


def problems_of(tmp_path, header=None, domains=None) -> list[str]:
    with pytest.raises(FrameworkError) as error:
        load_with(tmp_path, header, domains)
    return error.value.problems


def test_loads_a_valid_framework(tmp_path):
    framework = load_with(tmp_path)
    assert (framework.code, framework.version) == ("tiny", "1.0")
    assert [domain.code for domain in framework.domains] == ["AA", "BB"]
    assert len(list(framework.questions())) == 7
    assert len(framework.checksum) == 64


def test_checksum_follows_content(tmp_path):
    first = load_with(tmp_path / "a").checksum
    again = load_with(tmp_path / "b").checksum
    domains = copy.deepcopy(DOMAINS)
    domains["BB"]["indicators"][0]["title"]["en"] = "Changed"
    changed = load_with(tmp_path / "c", domains=domains).checksum
    assert first == again != changed


def test_wrong_type_names_file_line_and_field(tmp_path):
    text = (
        "code: BB\npart: main\ntitle: {en: Beta}\nindicators:\n"
        "  - code: BB1\n    title: {en: B}\n    awards_category: services\n    questions:\n"
        "      - code: BB1.1\n        type: slider\n        text: {en: Q}\n"
    )
    problems = problems_of(tmp_path, domains={**DOMAINS, "BB": text})
    assert len(problems) == 1
    assert problems[0].startswith("domains/BB.yaml, line 10, indicators[0].questions[0].type: ")
    assert "level" in problems[0] and "yes-no" in problems[0]


def test_unknown_and_missing_fields(tmp_path):
    domains = copy.deepcopy(DOMAINS)
    question = domains["AA"]["indicators"][0]["questions"][0]
    question["wieght"] = 2
    del domains["AA"]["indicators"][1]["awards_category"]
    problems = problems_of(tmp_path, domains=domains)
    assert any("indicators[0].questions[0].wieght: is not a known field" in p for p in problems)
    assert any("indicators[1].awards_category: is required" in p for p in problems)


def test_invalid_yaml_names_the_line(tmp_path):
    problems = problems_of(tmp_path, domains={**DOMAINS, "BB": "code: BB\n  part: [oops\n"})
    assert problems[0].startswith("domains/BB.yaml, line 2: not valid YAML")


def test_missing_domain_file(tmp_path):
    header = {**HEADER, "domains": ["AA", "BB", "CC"]}
    problems = problems_of(tmp_path, header=header)
    assert problems == [
        "framework.yaml, line "
        + problems[0].split("line ")[1].split(",")[0]
        + ", domains[2]: no file domains/CC.yaml"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d, h: d["AA"]["indicators"][1].update(code="BB7"),
            "must be AA followed by a number",
        ),
        (
            lambda d, h: d["AA"]["indicators"][0]["questions"][0].update(code="AA2.9"),
            "must start with AA1.",
        ),
        (
            lambda d, h: d["BB"]["indicators"][0].update(code="AA1"),
            "must be BB followed by a number",
        ),
        (lambda d, h: d["AA"]["indicators"][1].update(requires=["ZZ9"]), "no indicator ZZ9"),
        (lambda d, h: d["AA"]["indicators"][0].update(requires=["AA2"]), "go round in a circle"),
        (
            lambda d, h: d["AA"]["indicators"][0]["questions"][0].update(scale="nope"),
            "no scale 'nope'",
        ),
        (
            lambda d, h: d["AA"]["indicators"][0]["questions"][0].update(scale="status"),
            "is a choice scale",
        ),
        (lambda d, h: d["AA"].update(part="other"), "unknown part 'other'"),
        (lambda d, h: d["BB"].update(group="zz"), "unknown group 'zz'"),
        (lambda d, h: d["BB"]["indicators"][0]["questions"][1].update(weight=1), "use weight 0"),
        (lambda d, h: h["stages"][1].update(min_score=90), "must rise"),
        (lambda d, h: h["stages"][0].update(min_score=5), "must start at 0"),
        (lambda d, h: h.update(version=1.0), "must be a quoted string"),
        (
            lambda d, h: d["AA"]["indicators"][1]["questions"][1].update(
                scoring={"zero_at": 3, "full_at": 3}
            ),
            "must differ",
        ),
    ],
)
def test_cross_checks(tmp_path, change, expected):
    domains, header = copy.deepcopy(DOMAINS), copy.deepcopy(HEADER)
    change(domains, header)
    problems = problems_of(tmp_path, header=header, domains=domains)
    assert any(expected in problem for problem in problems), problems


def test_crosswalk_must_point_at_existing_questions(tmp_path):
    header = {
        **HEADER,
        "version": "2.0",
        "crosswalk": {"from_version": "1.0", "questions": {"AA1.1": "AA1.1", "OLD1.1": "XX1.1"}},
    }
    problems = problems_of(tmp_path, header=header)
    assert any("crosswalk.questions.OLD1.1: maps to XX1.1" in p for p in problems)


def test_translate_falls_back_to_english():
    text = {"en": "Member", "ko": "회원"}
    assert translate(text, "ko") == "회원"
    assert translate(text, "ar") == "Member"
    assert translate(None, "ko") == ""


@pytest.mark.parametrize("folder", shipped_frameworks(), ids=lambda p: f"{p.parent.name}-{p.name}")
def test_shipped_frameworks_load(folder):
    framework = load_framework(folder)
    assert framework.domains
