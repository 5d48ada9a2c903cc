"""A text in another language than the reader's is marked and keeps its own direction."""

from django.template import Context, Template
from django.utils import translation

from wego.core.i18n import Localised, localise, translate

TEXT = {"en": "Think of what the mayor does.", "ko": "시장이 하는 일을 생각해 보세요."}


def render(value, language):
    with translation.override(language):
        template = Template("{% load wego_text %}<p>{{ value|in_its_language }}</p>")
        return template.render(Context({"value": value}))


def test_localise_says_which_language_it_found():
    assert localise(TEXT, "ko") == Localised("시장이 하는 일을 생각해 보세요.", "ko")
    assert localise(TEXT, "ar") == Localised("Think of what the mayor does.", "en")
    assert localise(TEXT, "ko-kr").language == "ko"
    assert translate(TEXT, "ar") == "Think of what the mayor does."
    assert not localise(None, "ko")


def test_a_text_in_the_readers_language_is_shown_as_it_is():
    assert render(localise(TEXT, "ko"), "ko") == "<p>시장이 하는 일을 생각해 보세요.</p>"


def test_a_missing_translation_is_isolated_left_to_right_and_marked():
    html = render(localise(TEXT, "ar"), "ar")
    assert (
        '<span lang="en" dir="ltr" class="untranslated">Think of what the mayor does.</span>'
        in html
    )
    assert '<span class="untranslated-note">(الإنجليزية)</span>' in html


def test_text_is_escaped_either_way():
    html = render(localise({"en": "<b>bold</b>"}, "ko"), "ko")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert render("<i>plain</i>", "en") == "<p>&lt;i&gt;plain&lt;/i&gt;</p>"
