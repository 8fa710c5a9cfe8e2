from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from . import views
from .converters import JetonConverter

# Avant les « include » : les routes des applications s'en servent pour leurs liens secrets.
register_converter(JetonConverter, "jeton")

admin.site.site_header = _("Le RAMEAU — administration du programme")
admin.site.site_title = _("Administration Le RAMEAU")
admin.site.index_title = _("Programme « (Re)Connaissance des modèles socio-économiques »")
# La connexion à l'administration passe par allauth et hérite de ses limites de débit.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

handler400 = "rameau.views.erreur_400"
handler403 = "rameau.views.erreur_403"
handler404 = "rameau.views.erreur_404"
# Base de données injoignable : page 503 en français ; sinon la page 500 (``views``).
handler500 = "rameau.views.erreur_serveur"

urlpatterns = [
    # Les pages sans <link rel="icon"> (administration) : le navigateur demande /favicon.ico.
    path("favicon.ico", views.favicon, name="favicon"),
    path("sante/", views.sante, name="sante"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("autodiagnostic/", include("autodiagnostic.urls")),
    path("abonnements/", include("envois.urls")),
    path("agenda/", include("agenda.urls")),
    path("webinaires/", include("webinaires.urls")),
    path("embed/", include("webinaires.urls_embed")),
    path("ressources/", include("ressources.urls")),
    path("recherche/", include("ressources.urls_recherche")),
    path("pilotage/", include("rameau.urls_pilotage")),
    path("confidentialite/", include("confidentialite.urls")),
    path("formations/", include("formations.urls")),
    path("attestations/", include("formations.urls_attestations")),
    path("accompagnement/", include("accompagnement.urls")),
    path("", include("relais.urls")),
    path("", include("programme.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
