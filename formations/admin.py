from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agenda.enums import StatutInscription
from agenda.models import Session

from . import services
from .enums import FORMAT
from .models import Attestation, Certificat, Module, SessionModule


class SessionModuleInline(admin.TabularInline):
    model = SessionModule
    extra = 1
    autocomplete_fields = ["session"]
    verbose_name = _("session datée (agenda, format « formations-aff »)")
    verbose_name_plural = _("sessions datées (créez-les dans l'agenda, format « formations-aff »)")


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titre", "niveau", "public", "prix", "duree_heures", "publie", "ordre"]
    list_filter = ["niveau", "public", "publie", "modeles", "leviers"]
    list_editable = ["publie", "ordre"]
    search_fields = ["titre", "accroche", "objectifs", "programme"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["modeles", "leviers", "partenaires"]
    inlines = [SessionModuleInline]
    readonly_fields = ["suivi_des_sessions"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "niveau", "public", "accroche", "publie", "ordre"]}),
        (_("Contenu"), {"fields": ["objectifs", "programme", "prerequis"]}),
        (_("Modalités"), {"fields": ["duree_heures", "prix", "lien"]}),
        (_("Thèmes"), {"fields": ["modeles", "leviers", "partenaires"]}),
        (_("Présences"), {"fields": ["suivi_des_sessions"]}),
    ]

    @admin.display(description=_("présences et émargement"))
    def suivi_des_sessions(self, obj):
        liens = (
            obj.sessions_module.select_related("session").order_by("session__debut")
            if obj and obj.pk
            else []
        )
        if not liens:
            return _("Aucune session rattachée.")
        return format_html_join(
            "",
            '<p>{} — <a href="{}">{}</a> · <a href="{}">{}</a></p>',
            (
                (
                    lien.session,
                    reverse("admin:formations_sessionmodule_presences", args=[lien.pk]),
                    _("Noter les présences"),
                    reverse("admin:formations_sessionmodule_emargement", args=[lien.pk]),
                    _("Feuille d'émargement (PDF)"),
                )
                for lien in liens
            ),
        )


@admin.register(Certificat)
class CertificatAdmin(admin.ModelAdmin):
    list_display = ["titre", "actif", "nb_modules", "nb_delivres"]
    list_filter = ["actif"]
    search_fields = ["titre", "description"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["modules"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_modules=Count("modules", distinct=True),
                n_delivres=Count(
                    "delivres", filter=Q(delivres__revoquee_le__isnull=True), distinct=True
                ),
            )
        )

    @admin.display(description=_("modules requis"), ordering="n_modules")
    def nb_modules(self, obj):
        return obj.n_modules

    @admin.display(description=_("délivrés (valides)"), ordering="n_delivres")
    def nb_delivres(self, obj):
        return obj.n_delivres


class RevocationForm(forms.Form):
    motif = forms.CharField(
        label=_("Motif de la révocation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Noté dans l'administration ; la page publique dit seulement « révoquée »."),
    )


class ValiditeFilter(admin.SimpleListFilter):
    title = _("validité")
    parameter_name = "validite"

    def lookups(self, request, model_admin):
        return [("valide", _("Valide")), ("revoquee", _("Révoquée"))]

    def queryset(self, request, queryset):
        if self.value() == "valide":
            return queryset.filter(revoquee_le__isnull=True)
        if self.value() == "revoquee":
            return queryset.filter(revoquee_le__isnull=False)
        return queryset


@admin.register(Attestation)
class AttestationAdmin(admin.ModelAdmin):
    list_display = ["nom", "email", "nature", "intitule", "debut", "emise_le", "etat"]
    list_filter = [ValiditeFilter, "nature", "module", "certificat"]
    search_fields = ["nom", "email", "intitule", "code"]
    list_select_related = ["module", "certificat"]
    date_hierarchy = "emise_le"
    actions = ["revoquer"]
    readonly_fields = [
        "code", "nature", "nom", "email", "utilisateur", "inscription", "module", "certificat",
        "intitule", "debut", "fin", "lieu", "emise_le", "pdf", "revoquee_le",
        "motif_revocation", "revoquee_par", "verification",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # délivrées par la plateforme (présence notée, règle de certificat)

    @admin.display(description=_("état"), boolean=False)
    def etat(self, obj):
        return _("valide") if obj.valide else _("révoquée")

    @admin.display(description=_("page de vérification"))
    def verification(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

    @admin.action(description=_("Révoquer les attestations choisies (avec un motif)"))
    def revoquer(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = RevocationForm(request.POST if "motif" in request.POST else None)
        if form.is_bound and form.is_valid():
            n = 0
            for attestation in queryset.filter(revoquee_le__isnull=True):
                services.attestation_revoquer(
                    attestation=attestation, motif=form.cleaned_data["motif"], par=request.user
                )
                n += 1
            self.message_user(
                request,
                ngettext("%d attestation révoquée.", "%d attestations révoquées.", n) % n,
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/formations/revoquer.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Révoquer des attestations"),
                "opts": self.model._meta,
                "form": form,
                "attestations": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(SessionModule)
class SessionModuleAdmin(admin.ModelAdmin):
    """Les sessions des modules : présences (cases à cocher) et feuille d'émargement."""

    list_display = ["session", "module", "debut", "confirmes", "presents", "liens"]
    list_filter = ["module", ("session__debut", admin.DateFieldListFilter)]
    search_fields = ["session__titre", "module__titre"]
    list_select_related = ["session", "module"]
    autocomplete_fields = ["session", "module"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                nb_confirmes=Count(
                    "session__inscriptions",
                    filter=Q(session__inscriptions__statut=StatutInscription.CONFIRMEE),
                    distinct=True,
                ),
                nb_presents=Count(
                    "session__presences",
                    filter=Q(session__presences__present=True),
                    distinct=True,
                ),
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            kwargs["queryset"] = Session.objects.filter(format__slug=FORMAT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("date"), ordering="session__debut")
    def debut(self, obj):
        return obj.session.debut

    @admin.display(description=_("confirmés"), ordering="nb_confirmes")
    def confirmes(self, obj):
        return obj.nb_confirmes

    @admin.display(description=_("présents"), ordering="nb_presents")
    def presents(self, obj):
        return obj.nb_presents

    @admin.display(description=_("suivi"))
    def liens(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:formations_sessionmodule_presences", args=[obj.pk]),
            _("Noter les présences"),
            reverse("admin:formations_sessionmodule_emargement", args=[obj.pk]),
            _("Feuille d'émargement (PDF)"),
        )

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/presences/",
                vue(self.presences),
                name="formations_sessionmodule_presences",
            ),
            path(
                "<int:pk>/emargement.pdf",
                vue(self.emargement),
                name="formations_sessionmodule_emargement",
            ),
            *super().get_urls(),
        ]

    def _lien(self, request, pk) -> SessionModule:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        lien = SessionModule.objects.select_related("session", "module").filter(pk=pk).first()
        if lien is None:
            raise Http404(_("Cette session n'existe pas."))
        return lien

    def presences(self, request, pk):
        """Une case par inscrit confirmé ; enregistrer note présents les cochés, absents
        les autres. Les attestations des présents partent ensuite (tâche Celery)."""
        lien = self._lien(request, pk)
        session = lien.session
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            cochees = {
                int(v) for v in request.POST.getlist("presents") if v.isascii() and v.isdigit()
            }
            n = services.presences_noter(session=session, presents=cochees, par=request.user)
            self.message_user(
                request,
                ngettext(
                    "%d présence notée : l'attestation part par e-mail.",
                    "%d présences notées : les attestations partent par e-mail.",
                    n,
                )
                % n,
                messages.SUCCESS,
            )
            return redirect(request.path)
        inscrits = list(
            session.inscriptions.filter(statut=StatutInscription.CONFIRMEE)
            .order_by("nom", "id")
            .prefetch_related("presences")
        )
        for inscrit in inscrits:
            inscrit.est_present = any(
                p.present for p in inscrit.presences.all() if p.session_id == session.pk
            )
        return TemplateResponse(
            request,
            "admin/formations/presences.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Présences — %(session)s") % {"session": session},
                "opts": self.model._meta,
                "lien": lien,
                "inscrits": inscrits,
            },
        )

    def emargement(self, request, pk):
        """Rendue à la demande, pendant la requête : un document d'une ou deux pages pour
        l'équipe seule, qui doit refléter les inscrits à l'instant de l'impression."""
        lien = self._lien(request, pk)
        contenu = services.emargement_pdf(session=lien.session)
        reponse = HttpResponse(contenu, content_type="application/pdf")
        nom = slugify(lien.module.titre)[:60] or "session"
        reponse["Content-Disposition"] = f'inline; filename="emargement-{nom}-{lien.pk}.pdf"'
        return reponse
