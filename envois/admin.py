from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import listes, services
from .enums import MotifSuppression, StatutEnvoi
from .models import Abonnement, Envoi, Liste, Suppression


@admin.register(Envoi)
class EnvoiAdmin(admin.ModelAdmin):
    list_display = ["email", "genre_lisible", "statut", "du_le", "envoye_le", "tentatives"]
    list_filter = ["statut", "genre"]
    search_fields = ["email"]
    date_hierarchy = "du_le"
    readonly_fields = [f.name for f in Envoi._meta.fields]
    actions = ["renvoyer"]

    @admin.display(description=_("genre"), ordering="genre")
    def genre_lisible(self, obj):
        return obj.libelle_genre

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Remettre en file les envois en échec"))
    def renvoyer(self, request, queryset):
        ids = list(queryset.filter(statut=StatutEnvoi.ECHEC).values_list("pk", flat=True))
        Envoi.objects.filter(pk__in=ids).update(statut=StatutEnvoi.A_ENVOYER, tentatives=0)
        for pk in ids:
            services.expedier_bientot(pk)
        self.message_user(
            request,
            ngettext("%d envoi remis en file.", "%d envois remis en file.", len(ids)) % len(ids),
            messages.SUCCESS,
        )


@admin.register(Liste)
class ListeAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "publique"]
    prepopulated_fields = {"code": ["nom"]}


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    list_display = ["email", "nom", "liste", "statut", "cree_le", "confirme_le"]
    list_filter = ["statut", "liste"]
    search_fields = ["email", "nom"]
    readonly_fields = ["jeton", "cree_le", "confirme_le", "desabonne_le"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "motif", "cree_le"]
    list_filter = ["motif"]
    search_fields = ["email"]
    readonly_fields = ["cree_le"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Même effet qu'un désabonnement de tout : les abonnements sont résiliés.
            obj.pk = listes.suppression_ajouter(
                email=obj.email, motif=obj.motif or MotifSuppression.EQUIPE, detail=obj.detail
            ).pk
