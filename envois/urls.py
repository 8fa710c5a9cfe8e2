from django.urls import path

from . import views

app_name = "envois"

urlpatterns = [
    path("confirmer/<jeton:jeton>/", views.confirmer, name="confirmer"),
    path("desabonner/<jeton:jeton>/", views.desabonner, name="desabonner"),
    path("preferences/<str:jeton>/", views.preferences, name="preferences"),
]
