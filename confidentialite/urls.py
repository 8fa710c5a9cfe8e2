from django.urls import path

from . import views

app_name = "confidentialite"

urlpatterns = [
    path("", views.politique, name="politique"),
    path("mes-donnees/", views.demander, name="demander"),
    path("demande/<str:signe>/", views.confirmer, name="confirmer"),
    path("archive/<str:signe>/", views.archive, name="archive"),
    path("mon-compte/export/", views.mon_export, name="mon_export"),
    path("mon-compte/supprimer/", views.supprimer_compte, name="supprimer_compte"),
]
