from wego.events.views import (
    arrival,
    calendar,
    elections,
    elections_manage,
    elections_paper,
    manage,
    matchmaking_requests,
    meetings,
    registration,
)

app_name = "events"
urlpatterns = [
    *matchmaking_requests.urlpatterns,
    *manage.urlpatterns,
    *registration.urlpatterns,
    *arrival.urlpatterns,
    *meetings.urlpatterns,
    *elections.urlpatterns,
    *elections_paper.urlpatterns,
    *elections_manage.urlpatterns,
    # Last: an event's page, events/<slug>/, would otherwise swallow the fixed words of the
    # others (events/new/, events/matchmaking/...). The event form refuses such a slug.
    *calendar.urlpatterns,
]
