"""Staff prepare events: details, programme, rooms, speakers, questions."""

urlpatterns = []
