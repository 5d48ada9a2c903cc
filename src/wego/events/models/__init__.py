"""Events of the network and what happens at them.

- `events`: the event itself (General Assembly, training, webinar...), its rooms, programme
  sessions and speakers;
- `registration`: delegations, the people in them, custom questions, passport details;
- `matchmaking`: requests between members, meeting requests at an event, slots, tables,
  meetings and the schedule runs that place them;
- `elections`: elections at an event, their offices, candidacies and resolutions, accredited
  delegates and proxies, and the two unlinked records of a vote (voter record, ballot).
"""

from wego.events.models.elections import (
    Accreditation,
    Ballot,
    Candidacy,
    Election,
    Office,
    PaperEntry,
    Proxy,
    Resolution,
    VoterRecord,
)
from wego.events.models.events import Event, Room, Session, Speaker
from wego.events.models.matchmaking import (
    MatchmakingInterest,
    MatchmakingRequest,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
)
from wego.events.models.registration import (
    Delegation,
    PassportDetails,
    Registration,
    RegistrationQuestion,
)

__all__ = [
    "Accreditation",
    "Ballot",
    "Candidacy",
    "Election",
    "Office",
    "PaperEntry",
    "Proxy",
    "Resolution",
    "VoterRecord",
    "Delegation",
    "Event",
    "MatchmakingInterest",
    "MatchmakingRequest",
    "Meeting",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "PassportDetails",
    "Registration",
    "RegistrationQuestion",
    "Room",
    "ScheduleRun",
    "Session",
    "Speaker",
]
