from django.urls import path

from . import views

app_name = "envois"

urlpatterns = [
    path("confirmer/<str:jeton>/", views.confirmer, name="confirmer"),
    path("desabonner/<str:jeton>/", views.desabonner, name="desabonner"),
    path("preferences/<str:jeton>/", views.preferences, name="preferences"),
]
