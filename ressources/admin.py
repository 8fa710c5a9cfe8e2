from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .enums import StatutFiche
from .models import FichePDF, Ressource


@admin.register(Ressource)
class RessourceAdmin(admin.ModelAdmin):
    # Les adresses saisies sans schéma sont lues en https (comportement de Django 6).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titre", "categorie", "editeur", "ordre", "publiee"]
    list_editable = ["ordre", "publiee"]
    list_filter = ["categorie", "publiee"]
    search_fields = ["titre", "description", "editeur", "url"]


@admin.register(FichePDF)
class FichePDFAdmin(admin.ModelAdmin):
    list_display = ["genre", "cle", "statut", "tentatives", "duree_rendu", "creee_le", "prete_le"]
    list_filter = ["genre", "statut"]
    search_fields = ["cle", "empreinte"]
    readonly_fields = [
        "genre",
        "cle",
        "empreinte",
        "gabarit",
        "contexte",
        "statut",
        "fichier",
        "erreur",
        "tentatives",
        "duree_rendu",
        "creee_le",
        "modifiee_le",
        "prete_le",
    ]
    actions = ["relancer"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Relancer le rendu des fiches en échec"))
    def relancer(self, request, queryset):
        fiches = list(queryset.filter(statut=StatutFiche.ECHEC))
        for fiche in fiches:
            services.relancer_fiche(fiche=fiche)
        self.message_user(
            request,
            ngettext("%d fiche relancée.", "%d fiches relancées.", len(fiches)) % len(fiches),
            messages.SUCCESS,
        )
