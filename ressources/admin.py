from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programme.filtres import FiltrePublics

from . import services, travaux
from .enums import StatutFiche
from .forms import ConfirmationImportForm, ImportForm, TravailForm
from .models import FichePDF, Ressource, TravailAcademique


@admin.register(Ressource)
class RessourceAdmin(admin.ModelAdmin):
    # Les adresses saisies sans schéma sont lues en https (comportement de Django 6).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "titre",
        "categorie",
        "type_ressource",
        "publics_libelles",
        "editeur",
        "ordre",
        "publiee",
    ]
    list_editable = ["ordre", "publiee"]
    list_filter = ["categorie", "type_ressource", FiltrePublics, "publiee", "modeles", "formats"]
    search_fields = ["titre", "description", "editeur", "url"]
    filter_horizontal = ["modeles", "formats"]


@admin.register(TravailAcademique)
class TravailAcademiqueAdmin(admin.ModelAdmin):
    """Saisie d'un travail (rangée en CSL-JSON) et import BibTeX / RIS avec aperçu."""

    form = TravailForm
    change_list_template = "admin/ressources/travailacademique/change_list.html"
    list_display = ["titre", "type", "annee", "premier_auteur", "doi", "publie"]
    list_filter = ["type", "annee", "publie", "programme_recherche", "modeles", "formats"]
    search_fields = ["titre", "doi", "hal", "premier_auteur", "equipe"]
    filter_horizontal = ["modeles", "formats"]
    readonly_fields = ["csl"]
    fieldsets = [
        (None, {"fields": ["type", "titre", "auteurs", "directeurs", ("annee", "mois")]}),
        (
            _("Publication"),
            {
                "fields": [
                    "conteneur",
                    ("volume", "numero", "pages"),
                    ("editeur", "lieu", "edition"),
                    "genre",
                ]
            },
        ),
        (_("Identifiants et accès"), {"fields": ["doi", "hal", "url", "langue"]}),
        (_("Contenu"), {"fields": ["resume", "mots_cles"]}),
        (
            _("Sur la plateforme"),
            {"fields": ["programme_recherche", "equipe", "modeles", "formats", "publie"]},
        ),
        (_("Notice CSL-JSON enregistrée"), {"classes": ["collapse"], "fields": ["csl"]}),
    ]

    def save_model(self, request, obj, form, change):
        travaux.travail_enregistrer(csl=form.csl, travail=obj)

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.importer),
                name="ressources_travailacademique_importer",
            ),
            *super().get_urls(),
        ]

    def importer(self, request):
        """Coller ou déposer du BibTeX / RIS → aperçu (nouveau, doublon, conflit, erreur)
        → confirmation, qui n'importe que les notices nouvelles."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        bilan = None
        confirmation = None
        form = ImportForm()
        if request.method == "POST" and "confirmer" in request.POST:
            confirmation = ConfirmationImportForm(request.POST)
            if confirmation.is_valid():
                bilan = travaux.import_confirmer(texte=confirmation.cleaned_data["texte"])
                self.message_user(
                    request,
                    _(
                        "Import terminé : %(crees)d créé(s), %(doublons)d doublon(s), "
                        "%(conflits)d conflit(s), %(erreurs)d erreur(s)."
                    )
                    % {
                        "crees": len(bilan.nouveaux),
                        "doublons": len(bilan.doublons),
                        "conflits": len(bilan.conflits),
                        "erreurs": len(bilan.erreurs),
                    },
                    messages.SUCCESS if not (bilan.erreurs or bilan.conflits) else messages.WARNING,
                )
                return redirect(reverse("admin:ressources_travailacademique_changelist"))
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                bilan = travaux.import_analyser(texte=form.cleaned_data["texte"])
                confirmation = ConfirmationImportForm(initial={"texte": form.cleaned_data["texte"]})
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer des travaux (BibTeX ou RIS)"),
            "form": form,
            "bilan": bilan,
            "confirmation": confirmation,
        }
        return TemplateResponse(
            request, "admin/ressources/travailacademique/importer.html", contexte
        )


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
            services.fiche_relancer(fiche=fiche)
        self.message_user(
            request,
            ngettext("%d fiche relancée.", "%d fiches relancées.", len(fiches)) % len(fiches),
            messages.SUCCESS,
        )
