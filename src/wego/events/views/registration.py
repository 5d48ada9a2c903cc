"""Registration by delegation, the staff queue, the participant list, a person's own page."""

urlpatterns = []
