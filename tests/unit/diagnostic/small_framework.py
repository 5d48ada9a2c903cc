"""A small framework written to a temporary folder, for loader and engine tests."""

from pathlib import Path

import yaml

HEADER = {
    "schema": 1,
    "code": "tiny",
    "version": "1.0",
    "title": {"en": "Tiny framework", "ko": "작은 틀"},
    "stages": [
        {"code": "low", "min_score": 0, "label": {"en": "Low"}},
        {"code": "mid", "min_score": 40, "label": {"en": "Middle"}},
        {"code": "high", "min_score": 80, "label": {"en": "High"}},
    ],
    "parts": [
        {"code": "main", "title": {"en": "Main"}, "groups": [{"code": "g", "title": {"en": "G"}}]}
    ],
    "scales": {
        "maturity": {"type": "level", "levels": {n: {"en": f"Level {n}"} for n in range(5)}},
        "status": {
            "type": "choice",
            "choices": [
                {"code": "none", "label": {"en": "None"}, "score": 0},
                {"code": "some", "label": {"en": "Some"}, "score": 0.5},
                {"code": "full", "label": {"en": "Full"}, "score": 1},
            ],
        },
    },
    "domains": ["AA", "BB"],
}

DOMAINS = {
    "AA": {
        "code": "AA",
        "part": "main",
        "group": "g",
        "title": {"en": "Alpha"},
        "weight": 2,
        "indicators": [
            {
                "code": "AA1",
                "title": {"en": "A one"},
                "awards_category": "services",
                "questions": [
                    {
                        "code": "AA1.1",
                        "type": "level",
                        "text": {"en": "Level?"},
                        "scale": "maturity",
                    },
                    {"code": "AA1.2", "type": "yes-no", "text": {"en": "Yes?"}, "weight": 2},
                    {"code": "AA1.3", "type": "evidence", "text": {"en": "Proof?"}, "weight": 0},
                ],
            },
            {
                "code": "AA2",
                "title": {"en": "A two"},
                "awards_category": "efficiency",
                "requires": ["AA1"],
                "concerns": ["open-data"],
                "questions": [
                    {
                        "code": "AA2.1",
                        "type": "percentage",
                        "text": {"en": "Share?"},
                        "allow_not_applicable": True,
                    },
                    {
                        "code": "AA2.2",
                        "type": "number",
                        "text": {"en": "How many?"},
                        "scoring": {"zero_at": 0, "full_at": 10},
                        "applies_if": {"population_min": 100000},
                    },
                ],
            },
        ],
    },
    "BB": {
        "code": "BB",
        "part": "main",
        "title": {"en": "Beta"},
        "indicators": [
            {
                "code": "BB1",
                "title": {"en": "B one"},
                "awards_category": "open-city",
                "questions": [
                    {
                        "code": "BB1.1",
                        "type": "choice",
                        "text": {"en": "Status?"},
                        "scale": "status",
                    },
                    {"code": "BB1.2", "type": "text", "text": {"en": "Notes?"}, "weight": 0},
                ],
            }
        ],
    },
}


def write_framework(folder: Path, header=None, domains=None) -> Path:
    header = HEADER if header is None else header
    domains = DOMAINS if domains is None else domains
    (folder / "domains").mkdir(parents=True, exist_ok=True)
    (folder / "framework.yaml").write_text(
        yaml.safe_dump(header, allow_unicode=True, sort_keys=False)
    )
    for code, domain in domains.items():
        text = domain if isinstance(domain, str) else yaml.safe_dump(domain, sort_keys=False)
        (folder / "domains" / f"{code}.yaml").write_text(text)
    return folder
