"""A framework's structure (what answers and scores depend on) apart from its wording."""

import copy

import pytest

from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.diagnostic.domain.framework import load_framework, structure_fingerprint


def load_with(folder, header=None, domains=None):
    return load_framework(write_framework(folder, header, domains))


@pytest.fixture
def original(tmp_path):
    return load_with(tmp_path / "original")


def reworded_domains():
    domains = copy.deepcopy(DOMAINS)
    indicator = domains["AA"]["indicators"][0]
    indicator["title"] = {"en": "A first", "ko": "첫째", "ar": "الأول"}
    indicator["description"] = {"en": "Newly described."}
    indicator["questions"][1]["text"]["en"] = "Yes or no?"
    indicator["questions"][1]["help"] = {"en": "Think of the mayor.", "ar": "فكر في العمدة."}
    domains["AA"]["indicators"][1]["questions"][1]["unit"] = {"en": "services"}
    return domains


def reworded_header():
    header = copy.deepcopy(HEADER)
    header["title"] = {"en": "Tiny framework", "ko": "작은 틀", "ar": "إطار صغير"}
    header["stages"][1]["label"] = {"en": "Medium", "ko": "중간"}
    header["scales"]["maturity"]["levels"][2] = {"en": "Level two, better said"}
    header["scales"]["status"]["choices"][1]["label"] = {"en": "Partly", "ar": "جزئيًا"}
    return header


def test_a_change_of_wording_keeps_the_structure(tmp_path, original):
    reworded = load_with(tmp_path / "reworded", reworded_header(), reworded_domains())
    assert reworded.checksum != original.checksum
    assert reworded.structure == original.structure


def test_the_fingerprint_is_computed_from_the_stored_content(original):
    content = original.model_dump(mode="json", by_alias=True)
    assert structure_fingerprint(content) == original.structure
    assert len(original.structure) == 64


def changed_weight(header, domains):
    domains["AA"]["indicators"][0]["questions"][1]["weight"] = 3


def changed_question_code(header, domains):
    domains["BB"]["indicators"][0]["questions"][1]["code"] = "BB1.3"


def changed_choice_score(header, domains):
    header["scales"]["status"]["choices"][1]["score"] = 0.6


def changed_choice_code(header, domains):
    header["scales"]["status"]["choices"][1]["code"] = "partly"


def changed_stage_threshold(header, domains):
    header["stages"][1]["min_score"] = 50


def changed_requirement(header, domains):
    domains["AA"]["indicators"][1]["requires"] = []


def changed_effort(header, domains):
    domains["AA"]["indicators"][1]["effort"] = 5


def changed_applies_if(header, domains):
    domains["AA"]["indicators"][1]["questions"][1]["applies_if"] = {"population_min": 5}


def changed_scoring(header, domains):
    domains["AA"]["indicators"][1]["questions"][1]["scoring"] = {"zero_at": 0, "full_at": 20}


def changed_question_order(header, domains):
    questions = domains["AA"]["indicators"][0]["questions"]
    questions[0], questions[1] = questions[1], questions[0]


def changed_question_type(header, domains):
    question = domains["AA"]["indicators"][1]["questions"][0]
    question["type"] = "number"
    question["scoring"] = {"zero_at": 0, "full_at": 100}


@pytest.mark.parametrize(
    "change",
    [
        changed_weight,
        changed_question_code,
        changed_choice_score,
        changed_choice_code,
        changed_stage_threshold,
        changed_requirement,
        changed_effort,
        changed_applies_if,
        changed_scoring,
        changed_question_order,
        changed_question_type,
    ],
)
def test_a_change_of_structure_changes_the_fingerprint(tmp_path, original, change):
    header, domains = copy.deepcopy(HEADER), copy.deepcopy(DOMAINS)
    change(header, domains)
    changed = load_with(tmp_path / "changed", header, domains)
    assert changed.structure != original.structure
