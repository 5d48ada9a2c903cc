"""Framework texts in the reader's language; a missing translation is marked and keeps its own
language and direction (never laid out right-to-left when it is English)."""

import copy
import io
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import get_language_info
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.accounts.models import Role
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.services.frameworks import store_framework

pytestmark = pytest.mark.django_db

ONLY_ENGLISH = "Count the services a resident can finish online."


def in_every_language(data):
    """`data` with every text {en: ...} also in Korean and Arabic."""
    if isinstance(data, dict):
        if "en" in data and all(isinstance(value, str) for value in data.values()):
            return {**data, "ko": f"한국어 {data['en']}", "ar": f"بالعربية {data['en']}"}
        return {key: in_every_language(value) for key, value in data.items()}
    if isinstance(data, list):
        return [in_every_language(item) for item in data]
    return data


def translated_framework(folder, english_only=None):
    """The small framework wholly in English, Korean and Arabic, a unit given to AA2.2; then
    `english_only(header, domains)` may leave some texts in English only."""
    header, domains = in_every_language(copy.deepcopy(HEADER)), in_every_language(DOMAINS)
    question = domains["AA"]["indicators"][1]["questions"][1]
    question["unit"] = {"en": "services", "ko": "서비스", "ar": "خدمات"}
    if english_only:
        english_only(header, domains)
    return load_framework(write_framework(folder, header, domains))


def help_in_english_only(header, domains):
    domains["AA"]["indicators"][1]["questions"][1]["help"] = {"en": ONLY_ENGLISH}


def assessment_of(client, folder, english_only=None):
    stored, _outcome = store_framework(translated_framework(folder, english_only))
    city = make_member(population=500_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    client.force_login(user)
    return make_assessment(city, stored, user=user)


def page(client, language, name, *args) -> str:
    prefix = "" if language == "en" else f"/{language}"
    with translation.override("en"):  # the address without a language prefix
        address = reverse(f"diagnostic:{name}", args=args)
    response = client.get(prefix + address)
    assert response.status_code == 200
    return response.content.decode()


def fill_in_page(client, folder, language, english_only=None):
    assessment = assessment_of(client, folder, english_only)
    return page(client, language, "fill_in", assessment.pk, "AA")


def english_in(page_language) -> str:
    """The name of English in the page's language ("الإنجليزية")."""
    with translation.override(page_language):
        return str(get_language_info("en")["name_translated"])


def marked(text, page_language="ar"):
    """`text`, in English, as a page in `page_language` shows it: isolated and marked."""
    return (
        f'<span lang="en" dir="ltr" class="untranslated">{text}</span>'
        f' <span class="untranslated-note">({english_in(page_language)})</span>'
    )


def test_a_help_text_without_arabic_is_isolated_in_english_and_marked(client, tmp_path):
    html = fill_in_page(client, tmp_path, "ar", help_in_english_only)

    assert '<html lang="ar" dir="rtl">' in html
    help_paragraph = re.search(r'<p class="hint" id="q-AA2-2-help">(.*?)</p>', html).group(1)
    assert help_paragraph == marked(ONLY_ENGLISH)
    assert html.count(ONLY_ENGLISH) == 1  # never bare anywhere else on the page
    # The texts that have their Arabic are shown as they are, unmarked.
    assert "بالعربية How many?</label>" in html
    assert "<span>خدمات</span>" in html
    assert html.count('class="untranslated"') == 1


def test_the_same_text_is_marked_in_korean_in_korean(client, tmp_path):
    html = fill_in_page(client, tmp_path, "ko", help_in_english_only)

    assert marked(ONLY_ENGLISH, "ko") in html


@pytest.mark.parametrize("language", ["ar", "ko", "en"])
def test_a_fully_translated_domain_has_no_untranslated_marker(client, tmp_path, language):
    html = fill_in_page(client, tmp_path, language)

    assert "untranslated" not in html
    # Level descriptions and choice labels are the translated ones.
    shown = {"ar": "بالعربية Level 2", "ko": "한국어 Level 2", "en": "Level 2"}[language]
    assert f"<strong>2</strong> {shown}</label>" in html


def results_in_english_only(header, domains):
    """Beta, its indicator and BB1.1, every stage's description, level 2, the choice "Some" and
    the unit of AA2.2."""
    domains["BB"]["title"] = {"en": "Beta"}
    domains["BB"]["indicators"][0]["title"] = {"en": "B one"}
    for stage in header["stages"]:
        stage["description"] = {"en": "Where the city stands."}
    header["scales"]["maturity"]["levels"][2] = {"en": "Level 2"}
    header["scales"]["status"]["choices"][1]["label"] = {"en": "Some"}
    domains["BB"]["indicators"][0]["questions"][0]["text"] = {"en": "Status?"}
    domains["AA"]["indicators"][1]["questions"][1]["unit"] = {"en": "services"}


@pytest.fixture
def answered(client, tmp_path):
    assessment = assessment_of(client, tmp_path, results_in_english_only)
    answers = {"q-AA1.1": "2", "q-AA1.2": "yes", "q-AA2.1": "50", "q-AA2.2": "4"}
    client.post(reverse("diagnostic:fill_in", args=[assessment.pk, "AA"]), answers)
    client.post(reverse("diagnostic:fill_in", args=[assessment.pk, "BB"]), {"q-BB1.1": "some"})
    assert assessment.answers.count() == 5  # enough for a maturity stage
    return assessment


def test_the_results_page_marks_each_untranslated_text(client, answered):
    html = page(client, "ar", "results", answered.pk)

    assert f'<th scope="row">{marked("Beta")}</th>' in html  # scores by domain
    assert f"<li>{marked('B one')} (BB1)" in html  # strongest and weakest indicators
    assert f"<p>{marked('Where the city stands.')}</p>" in html  # the stage's description
    assert "بالعربية Alpha" in html and "بالعربية A one (AA1)" in html  # translated: as they are


def test_the_assessment_overview_marks_an_untranslated_domain_title(client, answered):
    html = page(client, "ar", "assessment", answered.pk)

    assert f'/domains/BB/">{marked("Beta")}</a></th>' in html


def test_the_pdf_report_marks_untranslated_answers_and_titles(answered):
    """The report's HTML, as WeasyPrint lays it out (it honours lang and dir)."""
    from wego.diagnostic.interfaces.report import report_context, report_pdf

    with translation.override("ar"):
        html = render_to_string("diagnostic/report.html", report_context(answered, "ar"))
        assert report_pdf(answered, "ar").startswith(b"%PDF")

    assert '<html lang="ar" dir="rtl">' in html
    assert f'<td class="answer">{marked("2: Level 2")}</td>' in html
    assert f'<td class="answer">{marked("Some")}</td>' in html
    assert f"<li>{marked('B one')}: " in html  # strongest and weakest indicators
    assert f"<h3>BB {marked('Beta')}</h3>" in html  # the answers, by domain
    assert f"<td>{marked('Status?')}</td>" in html  # a question
    assert f'<td class="answer">{marked("4 services")}</td>' in html  # a number and its unit


def test_the_results_workbook_keeps_plain_text(client, answered):
    response = client.get("/ar" + reverse("diagnostic:results_xlsx", args=[answered.pk]))
    book = load_workbook(io.BytesIO(response.content))

    answers = {row[0].value: row[2].value for row in book.worksheets[3].iter_rows(min_row=2)}
    assert answers["AA1.1"] == "2: Level 2"
    assert answers["BB1.1"] == "Some"


def test_the_framework_page_marks_each_untranslated_text(client, answered):
    html = page(client, "ar", "framework", "tiny", "1.0")

    assert f"<td>{marked('Where the city stands.')}</td>" in html  # the stages' descriptions
    assert f'<span class="code">BB</span> {marked("Beta")} (' in html
    assert f'<span class="code">BB1</span> {marked("B one")}</h3>' in html
    assert '<span class="code">AA1.1</span> بالعربية Level?</li>' in html


def test_the_indicator_comparison_marks_an_untranslated_domain(client, answered):
    html = client.get(
        "/ar" + reverse("diagnostic:benchmark", args=[answered.pk]),
        {"domain": "BB", "group": "all"},
    ).content.decode()

    assert f"<h3>{marked('Beta')}: " in html
    # An <option> holds only text: it keeps its own language and direction, and says so.
    option = f'<option value="BB" selected lang="en" dir="ltr">BB: Beta ({english_in("ar")})'
    assert option in html
    assert '<option value="AA">AA: بالعربية Alpha</option>' in html


def test_the_what_if_page_marks_an_untranslated_level(client, answered):
    html = page(client, "ar", "what_if", answered.pk)

    option = f'<option value="2" lang="en" dir="ltr">2: Level 2 ({english_in("ar")})</option>'
    assert option in html
    assert '<option value="3">3: بالعربية Level 3</option>' in html


def test_a_module_guide_marks_exactly_the_steps_without_their_translation(client, frameworks):
    from wego.diagnostic.domain.modules import modules_for

    module = modules_for(frameworks["ceds"].framework)[0]
    for language in ("ko", "ar"):
        html = page(client, language, "module", module.code)
        for step in module.steps:
            if step.get(language):
                assert f"<li>{escape(step[language])}</li>" in html
            else:
                assert f"<li>{marked(escape(step['en']), language)}</li>" in html
        assert html.count('class="untranslated"') == sum(
            1 for s in module.steps + module.pitfalls if not s.get(language)
        )


@pytest.fixture
def ceds_reworded(frameworks):
    """The shipped CeDS with a better wording that drops the Arabic of GM's title, of GM1's and
    of the last stage's label (as a version in use may take)."""
    from wego.diagnostic.domain.framework import Framework

    content = frameworks["ceds"].framework.model_dump(mode="json", by_alias=True)
    content["domains"][0]["title"].pop("ar")
    content["domains"][0]["indicators"][0]["title"].pop("ar")
    content["header"]["stages"][-1]["label"].pop("ar")
    content["checksum"] = "0" * 64
    stored, outcome = store_framework(Framework.model_validate(content))
    assert outcome == "reworded"
    return stored


def test_the_network_dashboard_marks_an_untranslated_domain(client, ceds_reworded):
    client.force_login(make_user(Role.SECRETARIAT))
    html = page(client, "ar", "network")

    title = ceds_reworded.framework.domain("GM").title["en"]
    assert f'<th scope="row">{marked(escape(title))}</th>' in html


def test_the_world_map_table_marks_an_untranslated_stage(client, ceds_reworded):
    stage = ceds_reworded.framework.header.stages[-1]
    published = {"status": "validated", "is_public": True, "stage": stage.code}
    make_assessment(framework_version=ceds_reworded, overall_score=90, **published)

    html = page(client, "ar", "map")

    assert f"<td>{marked(escape(stage.label['en']))}</td>" in html


def test_the_master_plan_marks_untranslated_texts_and_the_word_file_writes_them(answered):
    import docx

    from wego.diagnostic.interfaces.master_plan import master_plan_context, master_plan_docx

    with translation.override("ar"):
        html = render_to_string("diagnostic/master_plan.html", master_plan_context(answered, "ar"))
        word = docx.Document(io.BytesIO(master_plan_docx(answered, "ar")))

    assert f"<p>{marked('Where the city stands.')}</p>" in html  # the stage's description
    assert f"<h3>{marked('BB Beta')}</h3>" in html  # the annex's domain heading
    assert f"<td>{marked('B one')}</td>" in html  # its indicator
    assert "<h3>AA بالعربية Alpha</h3>" in html
    assert "Where the city stands." in [paragraph.text for paragraph in word.paragraphs]


def test_the_roadmap_marks_an_untranslated_indicator_and_domain(client, answered):
    from wego.diagnostic.interfaces.master_plan import roadmap_context

    html = page(client, "ar", "roadmap", answered.pk)
    with translation.override("ar"):
        pdf_html = render_to_string("diagnostic/master_plan.html", roadmap_context(answered, "ar"))

    assert f'<span class="code">BB1</span> {marked("B one")}' in html
    assert marked("Beta") in html  # the item's domain
    assert '<span class="code">AA1</span> بالعربية A one' in html
    assert f"<td>{marked('BB1 B one')}</td>" in pdf_html  # the roadmap PDF


def test_the_submission_page_marks_an_untranslated_domain(client, answered):
    html = page(client, "ar", "submit", answered.pk)

    assert f'/domains/BB/">{marked("Beta")}</a></th>' in html


def test_the_validation_page_marks_untranslated_questions_and_answers(client, answered):
    client.post(reverse("diagnostic:submit", args=[answered.pk]), {"confirm": "yes"})
    client.force_login(make_user(Role.SECRETARIAT))

    html = page(client, "ar", "review", answered.pk)

    assert f'<a href="#answers-BB">{marked("Beta")}</a>' in html  # the page's contents
    assert f'<span class="code">BB1.1</span> {marked("Status?")}</th>' in html
    assert f"<td>{marked('Some')}</td>" in html
    assert f"<td>{marked('2: Level 2')}</td>" in html
    assert f"<td>{marked('4 services')}</td>" in html


def test_a_practice_page_marks_an_untranslated_indicator(client, demo_network, ceds_reworded):
    from wego.practices.models import Practice
    from wego.practices.services.demo_data import load_demo_practices

    load_demo_practices()
    published = Practice.objects.filter(status="published")
    practice = next((p for p in published if "GM1" in p.indicators), None)
    assert practice is not None, "a demo practice improves GM1"
    title = ceds_reworded.framework.indicator_map()["GM1"].title["en"]

    html = client.get("/ar" + practice.get_absolute_url()).content.decode()

    assert f'<span class="code">GM1</span> {marked(escape(title))}</a></li>' in html
