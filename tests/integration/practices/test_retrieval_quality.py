"""Recall@5 of keyword and semantic search over 44 hand-written queries on the demo practices.

The queries are written the way officials ask ("how do we get citizens to report potholes?"),
mostly without the words of the practice they should find, in English, Korean and Arabic.
"""

from pathlib import Path

import pytest
import yaml

from wego.practices.domain.retrieval import mean_recall
from wego.practices.models import Practice
from wego.practices.services import keyword, semantic
from wego.practices.services.demo_data import load_demo_practices

QUERIES = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "practice_queries.yaml").read_text(encoding="utf-8")
)
pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(demo_network):
    load_demo_practices()
    return {p.pk: p.slug for p in Practice.objects.all()}


def ranked(found, slugs):
    return [slugs[pk] for pk, _score in found]


def test_the_query_set_is_big_enough():
    assert len(QUERIES) >= 30
    assert {q["language"] for q in QUERIES} == {"en", "ko", "ar"}


def test_semantic_search_beats_keyword_search(practices):
    published = Practice.objects.published()

    def by_keyword(query):
        return ranked(keyword.search(published, query, 5), practices)

    def by_meaning(query):
        return ranked(semantic.search(published, query, 5), practices)

    assert semantic.available(), "install the `semantic` extra (make does)"
    keyword_recall = mean_recall(QUERIES, by_keyword)
    semantic_recall = mean_recall(QUERIES, by_meaning)
    english = [q for q in QUERIES if q["language"] == "en"]
    print(
        f"\nrecall@5 over {len(QUERIES)} queries: keyword {keyword_recall:.2f}, "
        f"semantic {semantic_recall:.2f} (English only: keyword "
        f"{mean_recall(english, by_keyword):.2f}, semantic {mean_recall(english, by_meaning):.2f})"
    )
    assert semantic_recall > keyword_recall
    assert semantic_recall >= 0.5


def test_the_pothole_question_finds_the_street_reporting_app(practices):
    found = ranked(
        semantic.search(
            Practice.objects.published(), "How do we get citizens to report potholes?", 5
        ),
        practices,
    )
    assert "seberang-perai-street-problem-reporting-app" in found
