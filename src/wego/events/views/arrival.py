"""Badges, QR check-in on arrival, invitation letters for visas."""

urlpatterns = []
