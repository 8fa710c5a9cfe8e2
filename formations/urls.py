from django.urls import path, re_path

from . import views

app_name = "formations"

# Un slug de module compte au plus 120 caractères (comme en base) : au-delà, 404 avant la vue,
# sans requête ni clé de cache démesurée.
SLUG = r"(?P<slug>[-a-zA-Z0-9_]{1,120})"

urlpatterns = [
    path("", views.liste, name="liste"),
    re_path(rf"^{SLUG}/$", views.module, name="module"),
    re_path(rf"^{SLUG}/inscrire/$", views.inscrire, name="inscrire"),
]
