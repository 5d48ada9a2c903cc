"""Matchmaking at an event: interests, suggestions, meeting requests, the schedule, agendas."""

urlpatterns = []
