"""The public side: the calendar of events, an event's page and programme, iCalendar feeds."""

urlpatterns = []
