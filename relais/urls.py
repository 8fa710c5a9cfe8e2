from django.urls import include, path

from . import feeds, views

app_name = "relais"

urlpatterns = [
    path("lettre/", views.archive, name="lettre"),
    path("lettre/abonnement/", views.abonnement, name="abonnement"),
    path("lettre/flux.atom", feeds.FluxLettre(), name="flux"),
    path("lettre/<slug:slug>/", views.numero, name="numero"),
    path("relais/kit/<slug:code>/", views.kit, name="kit"),
    path("relais/impact/<jeton:jeton>/", views.impact, name="impact"),
    # Webhooks de suivi du prestataire d'envoi (rebonds, plaintes), signature vérifiée.
    path("relais/anymail/", include("anymail.urls")),
]
