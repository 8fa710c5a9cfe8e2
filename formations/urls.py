from django.urls import path

from . import views

app_name = "formations"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("<slug:slug>/", views.module, name="module"),
    path("<slug:slug>/inscrire/", views.inscrire, name="inscrire"),
]
