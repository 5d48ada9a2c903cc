"""Extension points of members: what higher apps add to a member's page.

Members sits below the diagnostic, practices, events and awards, so it never imports them;
each of them connects a receiver to `member_page` (in its AppConfig.ready) and answers with a
section to show, or None. docs/adding-a-domain.md tells how.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

# Sent with member=, user=, language= while a member's page is built; a receiver returns a
# MemberPageSection or None (nothing to show to this user).
member_page = Signal()


@dataclass
class MemberPageSection:
    template: str  # rendered with the page's context plus `section` (this object)
    context: dict = field(default_factory=dict)
    order: int = 50  # smaller first
    wide: bool = True  # the page's whole width; False: one of two columns side by side


def member_page_sections(member, user, language: str) -> list[MemberPageSection]:
    """Every app's section for this member and reader, in order."""
    answers = member_page.send(sender=type(member), member=member, user=user, language=language)
    sections = [section for _receiver, section in answers if section is not None]
    return sorted(sections, key=lambda section: section.order)
