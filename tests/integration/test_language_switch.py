"""The language switch takes the reader to the same page in the language they chose, whatever
language their browser or an old cookie says (from /ar/ to English used to stay Arabic)."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CASES = [
    ("/ar/", "en", "/"),
    ("/ko/members/", "en", "/members/"),
    ("/ar/members/", "ko", "/ko/members/"),
    ("/members/", "ar", "/ar/members/"),
    ("/ar/members/seoul/?format=csv", "en", "/members/seoul/?format=csv"),
    ("/ko/diagnostic/map/", "ar", "/ar/diagnostic/map/"),
]


@pytest.mark.parametrize(("page", "chosen", "landing"), CASES)
@pytest.mark.parametrize("browser_language", ["en", "ko", "ar"])
def test_the_switch_lands_on_the_same_page_in_the_chosen_language(
    client, page, chosen, landing, browser_language
):
    response = client.post(
        "/i18n/setlang/",
        {"language": chosen, "next": page},
        HTTP_ACCEPT_LANGUAGE=browser_language,
    )
    assert response.status_code == 302
    assert response["Location"] == landing
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == chosen


def test_the_page_is_then_in_that_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    landing = client.post("/i18n/setlang/", {"language": "en", "next": "/ar/"})["Location"]
    page = client.get(landing)
    assert page.status_code == 200
    assert '<html lang="en" dir="ltr">' in page.content.decode()


def test_an_address_elsewhere_is_not_followed(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/ar/"})
    assert response["Location"] == "/"
