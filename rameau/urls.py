from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Le RAMEAU — administration du programme"
admin.site.site_title = "Administration Le RAMEAU"
admin.site.index_title = "Programme « (Re)Connaissance des modèles socio-économiques »"
# La connexion à l'administration passe par allauth et hérite de ses limites de débit.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("sante/", views.sante, name="sante"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("autodiagnostic/", include("autodiagnostic.urls")),
    path("abonnements/", include("envois.urls")),
    path("agenda/", include("agenda.urls")),
    path("webinaires/", include("webinaires.urls")),
    path("embed/", include("webinaires.urls_embed")),
    path("ressources/", include("ressources.urls")),
    path("", include("programme.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
