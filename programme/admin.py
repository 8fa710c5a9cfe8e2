from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models as dj_models
from django.utils.translation import gettext_lazy as _

from . import models


@admin.register(models.Utilisateur)
class UtilisateurAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "nom", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "nom"]
    fieldsets = [
        (None, {"fields": ["email", "password", "nom"]}),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembreInline(admin.TabularInline):
    model = models.Membre
    extra = 0
    autocomplete_fields = ["utilisateur"]


class InvitationInline(admin.TabularInline):
    model = models.Invitation
    extra = 0
    fields = ["email", "role", "invitee_par", "creee_le", "acceptee_le"]
    readonly_fields = ["invitee_par", "creee_le", "acceptee_le"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "nom",
        "type_acteur",
        "domaine_activite",
        "departement",
        "tranche_budget",
        "demo",
    ]
    list_filter = ["type_acteur", "domaine_activite", "tranche_budget", "demo"]
    search_fields = ["nom", "rna", "siren"]
    inlines = [MembreInline, InvitationInline]


@admin.register(models.Objectif)
class ObjectifAdmin(admin.ModelAdmin):
    list_display = ["ordre", "texte"]


@admin.register(models.Pilier)
class PilierAdmin(admin.ModelAdmin):
    list_display = ["numero", "titre"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["partenaires"]


@admin.register(models.Format)
class FormatAdmin(admin.ModelAdmin):
    formfield_overrides = {dj_models.URLField: {"assume_scheme": "https"}}
    list_display = ["ordre", "nom", "lien"]
    prepopulated_fields = {"slug": ["nom"]}


@admin.register(models.Levier)
class LevierAdmin(admin.ModelAdmin):
    list_display = ["ordre", "nom"]


@admin.register(models.ModeleSocioEconomique)
class ModeleAdmin(admin.ModelAdmin):
    list_display = ["code", "nom", "logique"]
    list_filter = ["logique"]
    search_fields = ["code", "nom", "domaines"]


@admin.register(models.FamilleLeviers)
class FamilleLeviersAdmin(admin.ModelAdmin):
    list_display = ["ordre", "nom"]
    filter_horizontal = ["modeles"]


@admin.register(models.RolePartenaire)
class RolePartenaireAdmin(admin.ModelAdmin):
    list_display = ["ordre", "nom", "code"]


@admin.register(models.Partenaire)
class PartenaireAdmin(admin.ModelAdmin):
    formfield_overrides = {dj_models.URLField: {"assume_scheme": "https"}}
    list_display = ["nom", "code", "site_web"]
    list_filter = ["roles"]
    search_fields = ["nom", "code"]
    filter_horizontal = ["roles"]


@admin.register(models.ProgrammeRecherche)
class ProgrammeRechercheAdmin(admin.ModelAdmin):
    list_display = ["ordre", "nom"]


@admin.register(models.ChiffreCle)
class ChiffreCleAdmin(admin.ModelAdmin):
    list_display = ["ordre", "valeur", "libelle", "source"]
