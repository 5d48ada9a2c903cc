"""Registration rules in plain Python: who gets a place, who waits, who is refused, and in
which order the waiting list moves up.

A place is held by a pending or approved person; the waiting list holds no place. A member's
quota counts every active person of its delegation (pending, approved and waitlisted): a
member cannot get round the quota by filling the waiting list.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

APPROVED = "approved"
PENDING = "pending"
WAITLISTED = "waitlisted"

# Why new people are refused (the services word each code as a sentence).
NOT_OPEN = "not-open"  # registration has not opened yet
CLOSED = "closed"  # the deadline has passed
OVER_QUOTA = "over-quota"  # more people than the member's quota allows
NOBODY = "nobody"  # nobody to register


@dataclass(frozen=True)
class Decision:
    """Each new person's status, in the order given, or a refusal code (and then no status)."""

    statuses: tuple[str, ...] = ()
    refusal: str | None = None
    quota_left: int | None = None  # places the member still has under its quota

    @property
    def refused(self) -> bool:
        return self.refusal is not None


@dataclass(frozen=True)
class Waiting:
    """A person on the waiting list, as the promotion order needs them."""

    id: int
    waitlisted_at: datetime | None
    registered_at: datetime


def place_status(needs_approval: bool) -> str:
    """The status of someone who gets a place: approved at once, or waiting for staff."""
    return PENDING if needs_approval else APPROVED


def free_places(capacity: int | None, places_taken: int) -> int | None:
    """Places left (None: no limit)."""
    if capacity is None:
        return None
    return max(capacity - places_taken, 0)


def decide(
    new_people: int,
    *,
    capacity: int | None,
    places_taken: int,
    waiting: int = 0,
    quota: int | None,
    member_active: int,
    needs_approval: bool,
    phase: str = "open",
) -> Decision:
    """Each new person's status, or why they are all refused.

    `phase` is "not-open", "open" or "closed". All the people of one submission are refused
    together when the quota would be passed: the delegation decides whom to leave out. While
    anyone waits, newcomers join the end of the list (they do not jump the queue).
    """
    if phase == NOT_OPEN:
        return Decision(refusal=NOT_OPEN)
    if phase == CLOSED:
        return Decision(refusal=CLOSED)
    if new_people <= 0:
        return Decision(refusal=NOBODY)
    quota_left = None if quota is None else max(quota - member_active, 0)
    if quota_left is not None and new_people > quota_left:
        return Decision(refusal=OVER_QUOTA, quota_left=quota_left)
    free = free_places(capacity, places_taken)
    if waiting > 0 and free is not None:
        free = 0
    given = new_people if free is None else min(free, new_people)
    statuses = (place_status(needs_approval),) * given + (WAITLISTED,) * (new_people - given)
    return Decision(statuses=statuses, quota_left=quota_left)


def promotion_order(waiting: Iterable[Waiting]) -> list[Waiting]:
    """First come, first served: who joined the waiting list first (then who registered
    first, then the lowest id, so the order never depends on the database)."""

    def key(person: Waiting):
        return (person.waitlisted_at or person.registered_at, person.registered_at, person.id)

    return sorted(waiting, key=key)


def to_promote(capacity: int | None, places_taken: int, waiting: Sequence[Waiting]) -> list[int]:
    """The ids of the waiting people who get the places now free, in promotion order."""
    ordered = promotion_order(waiting)
    free = free_places(capacity, places_taken)
    if free is None:
        return [person.id for person in ordered]
    return [person.id for person in ordered[:free]]


def phase_of(now: datetime, opens_at: datetime | None, deadline: datetime | None) -> str:
    """ "not-open", "open" or "closed" (`deadline`: the registration deadline, or the end of
    the event when it sets none)."""
    if opens_at is not None and now < opens_at:
        return NOT_OPEN
    if deadline is not None and now > deadline:
        return CLOSED
    return "open"


def heads_problem(heads: int) -> bool:
    """A delegation has one head at most."""
    return heads > 1
