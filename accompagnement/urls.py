from django.urls import path

from . import views

app_name = "accompagnement"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("<slug:format>/<int:pk>/", views.session, name="session"),
]
