from wego.events.views import (
    arrival,
    calendar,
    manage,
    matchmaking_requests,
    meetings,
    registration,
)

app_name = "events"
urlpatterns = [
    *matchmaking_requests.urlpatterns,
    *calendar.urlpatterns,
    *manage.urlpatterns,
    *registration.urlpatterns,
    *arrival.urlpatterns,
    *meetings.urlpatterns,
]
