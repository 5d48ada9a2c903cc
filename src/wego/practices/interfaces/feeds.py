"""RSS and Atom feeds of newly published practices."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wego.core.visibility import public
from wego.practices.models import Practice

FEED_SIZE = 30


def language() -> str:
    """The feed's language: the address's (/ko/practices/feed/...)."""
    return get_language() or "en"


class NewPracticesFeed(Feed):
    title = _("WeGO good practices")
    link = reverse_lazy("practices:list")
    description = _("Good e-government practices newly published by WeGO member cities.")

    def items(self):
        return (
            public(Practice.objects).select_related("member").order_by("-published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title_in(language()).text} ({item.city_name})"

    def item_description(self, item):
        return strip_tags(item.summary_in(language()).text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display(), *item.technologies]


class NewPracticesAtomFeed(NewPracticesFeed):
    feed_type = Atom1Feed
    subtitle = NewPracticesFeed.description
