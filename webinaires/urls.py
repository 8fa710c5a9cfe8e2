from django.urls import path

from . import views

app_name = "webinaires"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("calendrier.ics", views.calendrier, name="calendrier"),
    path("abonnement/", views.abonnement, name="abonnement"),
    path(
        "abonnement/confirmer/<jeton:jeton>/",
        views.confirmer_abonnement,
        name="confirmer_abonnement",
    ),
    path("abonnement/desabonner/<jeton:jeton>/", views.desabonner, name="desabonner"),
    path("inscription/<jeton:jeton>/", views.inscription, name="inscription"),
    path("integrer/", views.aide_partenaires, name="aide_partenaires"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/inscrire/", views.inscrire, name="inscrire"),
    path("<slug:slug>/webinaire.ics", views.ics, name="ics"),
]
