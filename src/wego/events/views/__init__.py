"""The pages of events, one module per feature; each module lists its own `urlpatterns`."""
