from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("piliers/", views.piliers, name="piliers"),
    path("piliers/<slug:slug>/", views.pilier, name="pilier"),
    path("formats/", views.formats, name="formats"),
    path("formats/<slug:slug>/", views.format_detail, name="format"),
    path("modeles/", views.modeles, name="modeles"),
    path("modeles/<str:code>/", views.modele, name="modele"),
    path("partenaires/", views.partenaires, name="partenaires"),
    path("espace/", views.espace, name="espace"),
    path("espace/organisations/nouvelle/", views.organisation_creer, name="organisation_creer"),
    path("espace/organisations/<int:pk>/", views.organisation, name="organisation"),
    path(
        "espace/organisations/<int:pk>/modifier/",
        views.organisation_modifier,
        name="organisation_modifier",
    ),
    path("invitations/<jeton:jeton>/", views.invitation, name="invitation"),
]
