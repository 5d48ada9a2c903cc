"""sitemap.xml: the public pages search engines should find."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from wego.awards.models import AwardCycle
from wego.core.visibility import public
from wego.diagnostic.models import Assessment
from wego.events.models import Event
from wego.members.models import Member
from wego.practices.models import Practice


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "site:home",
            "site:about",
            "members:directory",
            "diagnostic:home",
            "diagnostic:map",
            "practices:list",
            "awards:cycles",
            "events:calendar",
        ]

    def location(self, item):
        return reverse(item)


class MemberSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public(Member.objects).active().order_by("pk")


class PracticeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public(Practice.objects).order_by("pk")

    def lastmod(self, practice):
        return practice.updated_at


class PublishedResultsSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return public(Assessment.objects).only("pk", "updated_at").order_by("pk")

    def location(self, assessment):
        return reverse("diagnostic:results", args=[assessment.pk])

    def lastmod(self, assessment):
        return assessment.updated_at


class AwardCycleSitemap(Sitemap):
    """Each cycle's page, and its winners once they are public."""

    changefreq = "monthly"

    def items(self):
        cycles = public(AwardCycle.objects).order_by("pk").only("slug")
        published = AwardCycle.objects.results_visible_to(AnonymousUser()).order_by("pk")
        pages = [("awards:cycle", cycle.slug) for cycle in cycles]
        winners = [("awards:winners", cycle.slug) for cycle in published.only("slug")]
        return pages + winners

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class EventSitemap(Sitemap):
    """Published public events (drafts and members-only events are not for the web)."""

    changefreq = "weekly"

    def items(self):
        return public(Event.objects).order_by("pk").only("slug")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "members": MemberSitemap,
    "practices": PracticeSitemap,
    "results": PublishedResultsSitemap,
    "awards": AwardCycleSitemap,
    "events": EventSitemap,
}
