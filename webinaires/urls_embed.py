from django.urls import path

from . import views_embed

app_name = "embed"

urlpatterns = [
    path("widget.js", views_embed.widget, name="widget"),
    path("webinaires/", views_embed.liste, name="liste"),
    path("webinaires/<slug:slug>/", views_embed.detail, name="detail"),
]
