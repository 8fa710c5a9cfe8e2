from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("inscription/<str:jeton>/", views.inscription, name="inscription"),
    path("inscrit/<str:jeton>.ics", views.ics_inscrit, name="ics_inscrit"),
    path("sessions/<int:pk>.ics", views.ics_session, name="ics_session"),
    path("<slug:slug>.ics", views.ics_format, name="ics_format"),
]
