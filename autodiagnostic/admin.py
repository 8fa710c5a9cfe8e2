from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rameau.exports import Colonne, colonne, reponse_csv

from . import scoring, services
from .models import (
    MODELES,
    Choix,
    Diagnostic,
    Question,
    Questionnaire,
    RegleRecommandation,
    Reponse,
    Resultat,
    Section,
)


class FigeSiPublieMixin:
    """Une version publiée ou archivée est en lecture seule : on crée une nouvelle version."""

    def _questionnaire(self, obj):
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # On n'ajoute des sections ou des questions qu'à un brouillon.
        if db_field.name == "questionnaire":
            kwargs["queryset"] = Questionnaire.objects.filter(statut="brouillon")
        elif db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(questionnaire__statut="brouillon")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self._questionnaire(obj).modifiable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self._questionnaire(obj).modifiable:
            return False
        return super().has_delete_permission(request, obj)


class InlineFige(admin.TabularInline):
    extra = 0
    show_change_link = True

    def _fige(self, obj):
        return obj is not None and not obj.modifiable

    def has_add_permission(self, request, obj=None):
        return not self._fige(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._fige(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._fige(obj) and super().has_delete_permission(request, obj)


class SectionInline(InlineFige):
    model = Section
    fields = ["ordre", "titre", "introduction"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(FigeSiPublieMixin, admin.ModelAdmin):
    list_display = ["profil", "version", "statut", "titre", "publie_le"]
    list_filter = ["profil", "statut"]
    search_fields = ["titre"]
    readonly_fields = ["statut", "publie_le", "cree_le"]
    inlines = [SectionInline]
    actions = ["creer_nouvelle_version", "publier"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk:
            return [*self.readonly_fields, "profil", "version"]
        return self.readonly_fields

    @admin.action(description=_("Créer une nouvelle version"))
    def creer_nouvelle_version(self, request, queryset):
        for questionnaire in queryset:
            copie = services.questionnaire_nouvelle_version(questionnaire=questionnaire)
            self.message_user(
                request,
                _("Brouillon créé : %(q)s.") % {"q": copie},
                messages.SUCCESS,
            )

    @admin.action(description=_("Publier (archive la version publiée précédente)"))
    def publier(self, request, queryset):
        for questionnaire in queryset:
            try:
                services.questionnaire_publier(questionnaire=questionnaire)
            except ValidationError as exc:
                self.message_user(request, f"{questionnaire} : {exc.messages[0]}", messages.ERROR)
            else:
                self.message_user(
                    request, _("Publié : %(q)s.") % {"q": questionnaire}, messages.SUCCESS
                )


class ChoixInline(InlineFige):
    model = Choix
    fields = [
        "ordre",
        "code",
        "libelle",
        "points_maturite",
        "groupe",
        "poids_m1",
        "poids_m2",
        "poids_m3",
        "poids_m4",
        "poids_m5",
        "poids_m6",
        "poids_m7",
    ]

    def _fige(self, obj):
        return obj is not None and not obj.questionnaire.modifiable


@admin.register(Section)
class SectionAdmin(FigeSiPublieMixin, admin.ModelAdmin):
    list_display = ["titre", "ordre", "questionnaire"]
    list_filter = ["questionnaire__profil", "questionnaire__statut"]
    list_select_related = ["questionnaire"]

    def _questionnaire(self, obj):
        return obj.questionnaire


@admin.register(Question)
class QuestionAdmin(FigeSiPublieMixin, admin.ModelAdmin):
    list_display = ["code", "libelle", "type", "obligatoire", "modele", "groupe", "questionnaire"]
    list_filter = ["questionnaire__profil", "questionnaire__statut", "type", "groupe"]
    list_select_related = ["questionnaire"]
    search_fields = ["code", "libelle"]
    inlines = [ChoixInline]

    def _questionnaire(self, obj):
        return obj.questionnaire


@admin.register(RegleRecommandation)
class RegleRecommandationAdmin(admin.ModelAdmin):
    list_display = ["priorite", "profil", "niveau", "besoin", "format", "active"]
    list_filter = ["active", "format", "profil", "niveau", "besoin"]
    search_fields = ["raison", "besoin"]
    list_editable = ["active"]
    list_select_related = ["format"]


class ReponseInline(admin.TabularInline):
    model = Reponse
    extra = 0
    can_delete = False
    fields = ["question", "valeur"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Diagnostic)
class DiagnosticAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "questionnaire",
        "organisation",
        "email",
        "origine",
        "cree_le",
        "termine_le",
    ]
    list_filter = ["questionnaire__profil", "termine_le"]
    list_select_related = ["questionnaire", "organisation"]
    search_fields = ["organisation_nom", "email", "organisation__nom"]
    readonly_fields = ["jeton", "cree_le", "modifie_le", "termine_le"]
    raw_id_fields = ["organisation", "utilisateur"]
    inlines = [ReponseInline]


COLONNES_CSV = [
    colonne(Resultat, "calcule_le"),
    colonne(Resultat, "diagnostic__organisation_nom"),
    colonne(Resultat, "profil"),
    colonne(Resultat, "questionnaire__version"),
    colonne(Resultat, "domaine_activite"),
    *[Colonne(libelle=m, valeur=lambda r, m=m: round(getattr(r, m.lower()), 1)) for m in MODELES],
    colonne(Resultat, "libelle"),
    Colonne(
        libelle=_("Logique"), valeur=lambda r: scoring.LIBELLES_LOGIQUES.get(r.logique, r.logique)
    ),
    Colonne(libelle=_("Maturité globale"), valeur=lambda r: round(r.maturite, 1)),
    colonne(Resultat, "niveau"),
    colonne(Resultat, "format"),
]


@admin.register(Resultat)
class ResultatAdmin(admin.ModelAdmin):
    list_display = [
        "diagnostic",
        "libelle",
        "niveau",
        "format",
        "profil",
        "domaine_activite",
        "calcule_le",
    ]
    list_filter = ["dominant", "niveau", "format", "profil", "domaine_activite"]
    list_select_related = ["diagnostic", "format", "questionnaire"]
    search_fields = ["diagnostic__organisation_nom", "diagnostic__email"]
    date_hierarchy = "calcule_le"
    actions = ["exporter_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Exporter en CSV"))
    def exporter_csv(self, request, queryset):
        return reponse_csv(
            nom_fichier="resultats-autodiagnostic.csv",
            colonnes=COLONNES_CSV,
            objets=queryset.select_related("diagnostic", "format", "questionnaire"),
        )
