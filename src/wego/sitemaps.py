"""sitemap.xml: the public pages search engines should find."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from wego.diagnostic.models import Assessment
from wego.members.models import Member
from wego.practices.models import Practice


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "core:home",
            "core:about",
            "members:directory",
            "diagnostic:home",
            "diagnostic:map",
            "practices:list",
        ]

    def location(self, item):
        return reverse(item)


class MemberSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk")


class PracticeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Practice.objects.published().order_by("pk")

    def lastmod(self, practice):
        return practice.updated_at


class PublishedResultsSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Assessment.objects.published().only("pk", "updated_at").order_by("pk")

    def location(self, assessment):
        return reverse("diagnostic:results", args=[assessment.pk])

    def lastmod(self, assessment):
        return assessment.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "members": MemberSitemap,
    "practices": PracticeSitemap,
    "results": PublishedResultsSitemap,
}
