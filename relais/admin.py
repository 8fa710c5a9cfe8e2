from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rameau.exports import Colonne, reponse_csv

from . import lettre, selectors, services
from .enums import StatutNumero
from .models import AccesImpact, Canal, ContactCanal, Numero


class ContactCanalInline(admin.TabularInline):
    model = ContactCanal
    extra = 1


@admin.register(Canal)
class CanalAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "partenaire", "genre", "audience", "jour_bouclage", "actif"]
    list_filter = ["genre", "actif", "partenaire"]
    search_fields = ["nom", "code", "partenaire__nom"]
    list_select_related = ["partenaire"]
    readonly_fields = ["lien_kit"]
    inlines = [ContactCanalInline]

    @admin.display(description=_("kit relais"))
    def lien_kit(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Voir le kit"))

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("statistiques/", vue(self.statistiques), name="relais_canal_statistiques"),
            path(
                "statistiques.csv",
                vue(self.statistiques_csv),
                name="relais_canal_statistiques_csv",
            ),
            *super().get_urls(),
        ]

    def statistiques(self, request):
        mois, relais = selectors.par_relais()
        contexte = {
            **self.admin_site.each_context(request),
            "title": _("Ce que chaque relais a apporté"),
            "opts": self.model._meta,
            "relais": relais,
        }
        return TemplateResponse(request, "admin/relais/statistiques.html", contexte)

    def statistiques_csv(self, request):
        _mois, relais = selectors.par_relais()
        lignes = []
        for r in relais:
            for libelle, valeurs in r.tableau.lignes:
                lignes.append((r, libelle, valeurs))
        indicateurs = relais[0].tableau.indicateurs if relais else []
        colonnes = [
            Colonne(libelle=str(_("Relais")), valeur=lambda ligne: ligne[0].nom),
            Colonne(libelle=str(_("Code")), valeur=lambda ligne: ligne[0].code),
            Colonne(libelle=str(_("Mois")), valeur=lambda ligne: ligne[1]),
            *(
                Colonne(libelle=i.libelle, valeur=lambda ligne, rang=rang: ligne[2][rang])
                for rang, i in enumerate(indicateurs)
            ),
        ]
        return reponse_csv(nom_fichier="relais-par-mois.csv", colonnes=colonnes, objets=lignes)


@admin.register(AccesImpact)
class AccesImpactAdmin(admin.ModelAdmin):
    list_display = ["partenaire", "email", "lien", "cree_le"]
    search_fields = ["partenaire__nom", "email"]
    list_select_related = ["partenaire"]
    readonly_fields = ["lien", "cree_le"]
    actions = ["envoyer_lien"]

    @admin.display(description=_("page d'impact"))
    def lien(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Voir la page"))

    @admin.action(description=_("Envoyer le lien de la page d'impact au partenaire"))
    def envoyer_lien(self, request, queryset):
        envoyes = sum(services.impact_lien_envoyer(acces=a) for a in queryset)
        sans = queryset.count() - envoyes
        self.message_user(
            request,
            ngettext("%(n)d lien envoyé.", "%(n)d liens envoyés.", envoyes) % {"n": envoyes},
            messages.SUCCESS,
        )
        if sans:
            self.message_user(
                request,
                _("%(n)d page(s) sans adresse d'envoi : rien n'est parti pour elles.")
                % {"n": sans},
                messages.WARNING,
            )


@admin.register(Numero)
class NumeroAdmin(admin.ModelAdmin):
    list_display = ["titre", "liste", "statut", "envoi_le", "publie_le", "apercu"]
    list_filter = ["statut", "liste"]
    search_fields = ["titre", "corps"]
    prepopulated_fields = {"slug": ["titre"]}
    readonly_fields = ["publie_le", "apercu"]
    list_select_related = ["liste"]
    actions = ["envoyer_test", "programmer", "deprogrammer"]
    fields = [
        "liste", "titre", "slug", "chapo", "corps", "image", "avec_sessions", "statut",
        "envoi_le", "publie_le", "apercu",
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        champs = list(super().get_readonly_fields(request, obj))
        # Le statut change par les actions (programmer, déprogrammer) ou par l'envoi.
        champs.append("statut")
        if obj is not None and obj.statut == StatutNumero.ENVOYE:
            champs += ["liste", "slug", "envoi_le"]
        return champs

    @admin.display(description=_("aperçu"))
    def apercu(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:relais_numero_apercu", args=[obj.pk]),
            _("Aperçu de l'e-mail"),
        )

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/apercu/", vue(self.vue_apercu), name="relais_numero_apercu"),
            *super().get_urls(),
        ]

    def vue_apercu(self, request, pk):
        numero = get_object_or_404(Numero, pk=pk)
        rendu = lettre.rendre(numero)
        reponse = HttpResponse(rendu.html)
        # L'e-mail porte ses styles en ligne (css-inline, comme le liront les messageries) :
        # autorisés pour cet aperçu seul, réservé à l'équipe ; le HTML est assaini par nh3,
        # aucun script ne peut s'exécuter et le document est isolé (sandbox : origine opaque,
        # ni formulaire ni script).
        reponse._csp_replace = {
            "sandbox": True,
            "style-src": ["'unsafe-inline'"],
            "script-src": ["'none'"],
            "img-src": ["*", "data:"],
        }
        return reponse

    @admin.action(description=_("M'envoyer le numéro en test"))
    def envoyer_test(self, request, queryset):
        for numero in queryset:
            services.numero_tester(numero=numero, email=request.user.email)
        self.message_user(
            request,
            _("Envoi de test à %(email)s dans un instant.") % {"email": request.user.email},
            messages.SUCCESS,
        )

    @admin.action(description=_("Programmer l'envoi (à l'heure prévue, sinon maintenant)"))
    def programmer(self, request, queryset):
        for numero in queryset:
            services.numero_programmer(numero=numero)
        self.message_user(
            request,
            _("Envoi programmé : il part par lots au passage suivant de la boîte d'envoi."),
            messages.SUCCESS,
        )

    @admin.action(description=_("Remettre en brouillon (si pas encore parti)"))
    def deprogrammer(self, request, queryset):
        for numero in queryset:
            services.numero_deprogrammer(numero=numero)
        self.message_user(request, _("Numéros remis en brouillon."), messages.SUCCESS)
