from django.urls import path

from . import views

app_name = "attestations"

urlpatterns = [
    path("emetteur.json", views.emetteur, name="emetteur"),
    path("cles.json", views.cles, name="cles"),
    path("<jeton:code>/", views.verifier, name="verifier"),
    path("<jeton:code>/attestation.pdf", views.pdf, name="pdf"),
    path("<jeton:code>/badge.jwt", views.badge, name="badge"),
]
