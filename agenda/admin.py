from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programme.filtres import FiltrePublics
from rameau.exports import colonne, reponse_csv, reponse_xlsx

from . import services
from .enums import StatutInscription
from .models import Inscription, Presence, Session


def lien_inscriptions(session_id: int, texte, *, statut=None) -> str:
    """Lien vers la liste des inscriptions de la session (et du statut donné)."""
    filtres = {"session__id__exact": session_id}
    if statut:
        filtres["statut__exact"] = statut
    adresse = reverse("admin:agenda_inscription_changelist") + "?" + urlencode(filtres)
    return format_html('<a href="{}">{}</a>', adresse, texte)


def annoncer_modification(modeladmin, request, *, session: Session, notes: set[str]) -> None:
    """Dit à l'équipe combien d'inscrits recevront la nouvelle date ou l'annulation."""
    if not notes:
        return
    inscrits = session.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
    texte = (
        ngettext(
            "%(n)d inscrit confirmé recevra l'annulation par e-mail dans les prochaines minutes.",
            "%(n)d inscrits confirmés recevront l'annulation par e-mail dans les prochaines "
            "minutes.",
            inscrits,
        )
        if "annule_le" in notes
        else ngettext(
            "%(n)d inscrit confirmé recevra la nouvelle date par e-mail dans les prochaines "
            "minutes.",
            "%(n)d inscrits confirmés recevront la nouvelle date par e-mail dans les prochaines "
            "minutes.",
            inscrits,
        )
    )
    modeladmin.message_user(request, texte % {"n": inscrits}, messages.INFO)


class ColonnesInscriptions:
    """Colonnes « confirmées », « en attente » et lien « Inscriptions : … → voir la liste »
    d'une administration dont chaque objet a une session (``session_id_de``) et est annoté
    ``nb_confirmes`` et ``nb_attente``."""

    pas_encore_enregistre = _("Aucune pour l'instant : la session n'est pas encore enregistrée.")

    def session_id_de(self, obj) -> int:
        return obj.pk

    @admin.display(description=_("confirmées"), ordering="nb_confirmes")
    def confirmes(self, obj):
        return lien_inscriptions(
            self.session_id_de(obj), obj.nb_confirmes, statut=StatutInscription.CONFIRMEE
        )

    @admin.display(description=_("en attente"), ordering="nb_attente")
    def attente(self, obj):
        return lien_inscriptions(
            self.session_id_de(obj), obj.nb_attente, statut=StatutInscription.ATTENTE
        )

    @admin.display(description=_("inscriptions"))
    def inscriptions(self, obj):
        if obj is None or obj.pk is None:
            return self.pas_encore_enregistre
        texte = _("Inscriptions : %(confirmees)s, %(attente)s → voir la liste") % {
            "confirmees": ngettext("%d confirmée", "%d confirmées", obj.nb_confirmes)
            % obj.nb_confirmes,
            "attente": ngettext("%d en attente", "%d en attente", obj.nb_attente) % obj.nb_attente,
        }
        return lien_inscriptions(self.session_id_de(obj), texte)


@admin.register(Session)
class SessionAdmin(ColonnesInscriptions, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titre", "format", "debut", "statut", "capacite", "confirmes", "attente"]
    list_filter = ["format", "statut", ("debut", admin.DateFieldListFilter), FiltrePublics]
    list_editable = ["statut"]
    list_select_related = ["format"]
    search_fields = ["titre", "lieu", "description"]
    date_hierarchy = "debut"
    autocomplete_fields = ["parent"]
    actions = ["exporter_inscrits_csv", "exporter_inscrits_xlsx", "completer_etapes"]
    readonly_fields = ["inscriptions", "uid", "version", "dates_modifiees_le", "annule_le"]
    fieldsets = [
        (None, {"fields": ["format", "titre", "description", "statut", "publics"]}),
        (
            _("Date et accès"),
            {
                "fields": [
                    "debut",
                    "fin",
                    "lieu",
                    "lien_visio",
                    "capacite",
                    "lien_inscription",
                    "inscriptions",
                ]
            },
        ),
        (_("Parcours"), {"fields": ["parent", "ordre"]}),
        (_("Suivi"), {"fields": ["uid", "version", "dates_modifiees_le", "annule_le"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                nb_confirmes=Count(
                    "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
                ),
                nb_attente=Count(
                    "inscriptions", filter=Q(inscriptions__statut=StatutInscription.ATTENTE)
                ),
            )
        )

    def save_model(self, request, obj, form, change):
        # Un déplacement de date ou une annulation incrémente la SEQUENCE iCalendar et rend dû
        # l'e-mail aux inscrits (aussi depuis la liste : statut modifiable) : voir le service.
        notes = services.session_enregistrer(session=obj)
        annoncer_modification(self, request, session=obj, notes=notes)

    def _inscrits(self, queryset):
        return Inscription.objects.filter(session__in=queryset).order_by(
            "session__debut", "session_id", "cree_le", "id"
        )

    @admin.action(description=_("Parcours : inscrire leurs inscrits à toutes les étapes"))
    def completer_etapes(self, request, queryset):
        nombre = sum(
            services.parcours_etapes_completer(parcours=parcours)
            for parcours in queryset.filter(parent__isnull=True, etapes__isnull=False).distinct()
        )
        self.message_user(
            request,
            ngettext(
                "%(n)d inscription à une étape créée ou mise à jour.",
                "%(n)d inscriptions aux étapes créées ou mises à jour.",
                nombre,
            )
            % {"n": nombre},
            messages.SUCCESS,
        )

    @admin.action(description=_("Exporter les inscrits des sessions choisies (CSV)"))
    def exporter_inscrits_csv(self, request, queryset):
        return exporter(self._inscrits(queryset), format_fichier="csv", nom=None)

    @admin.action(description=_("Exporter les inscrits des sessions choisies (XLSX)"))
    def exporter_inscrits_xlsx(self, request, queryset):
        return exporter(self._inscrits(queryset), format_fichier="xlsx", nom=None)


COLONNES_INSCRIPTIONS = [
    colonne(Inscription, "session__titre", _("Session")),
    colonne(Inscription, "session__format", _("Format")),
    colonne(Inscription, "session__debut", _("Date de la session")),
    colonne(Inscription, "nom"),
    colonne(Inscription, "email"),
    colonne(Inscription, "organisation"),
    colonne(Inscription, "profil"),
    colonne(Inscription, "statut"),
    colonne(Inscription, "relais"),
    colonne(Inscription, "origine"),
    colonne(Inscription, "consentement"),
    colonne(Inscription, "cree_le"),
    colonne(Inscription, "confirmee_le"),
    colonne(Inscription, "annulee_le"),
]


def exporter(inscriptions, *, format_fichier: str, nom: str | None):
    """Les inscriptions en CSV ou XLSX, libellés et dates en français."""
    nom_fichier = (
        f"inscriptions-{nom}.{format_fichier}" if nom else f"inscriptions.{format_fichier}"
    )
    reponse = reponse_xlsx if format_fichier == "xlsx" else reponse_csv
    return reponse(
        nom_fichier=nom_fichier,
        colonnes=COLONNES_INSCRIPTIONS,
        objets=inscriptions.select_related("session__format", "relais"),
    )


@admin.register(Inscription)
class InscriptionAdmin(admin.ModelAdmin):
    list_display = ["nom", "email", "session", "statut", "profil", "relais", "origine", "cree_le"]
    list_filter = ["statut", "profil", "relais", "session__format", "session"]
    search_fields = ["nom", "email", "organisation", "session__titre"]
    list_select_related = ["session", "relais"]
    readonly_fields = ["jeton", "cree_le", "confirmee_le", "annulee_le"]
    autocomplete_fields = ["utilisateur", "session"]
    actions = ["annuler", "marquer_presents", "exporter_csv", "exporter_xlsx"]

    def get_urls(self):
        vue = self.admin_site.admin_view(self.exporter_la_liste)
        return [
            path("exporter/", vue, name="agenda_inscription_exporter"),
            path("exporter.<str:format_fichier>", vue, name="agenda_inscription_exporter_en"),
            *super().get_urls(),
        ]

    def exporter_la_liste(self, request, format_fichier: str = "csv"):
        """La liste telle qu'elle est filtrée (filtres, recherche, tri), en CSV ou XLSX."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if format_fichier not in ("csv", "xlsx"):
            return HttpResponseBadRequest(_("Format d'export inconnu : CSV ou XLSX."))
        session = request.GET.get("session__id__exact", "")
        inconnu = HttpResponseBadRequest(
            _("Filtre inconnu : revenez à la liste des inscriptions et filtrez-la à nouveau.")
        )
        if session and not (session.isascii() and session.isdigit()):
            return inconnu
        try:
            liste = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return inconnu
        titre = (
            Session.objects.filter(pk=session).values_list("titre", flat=True).first()
            if session
            else None
        )
        # Le queryset de la liste : ses filtres, sa recherche et son tri, sans la pagination.
        return exporter(
            liste.queryset,
            format_fichier=format_fichier,
            nom=f"{slugify(titre)[:60]}-{session}" if titre else None,
        )

    @admin.action(description=_("Exporter les inscriptions choisies (CSV)"))
    def exporter_csv(self, request, queryset):
        return exporter(queryset, format_fichier="csv", nom=None)

    @admin.action(description=_("Exporter les inscriptions choisies (XLSX)"))
    def exporter_xlsx(self, request, queryset):
        return exporter(queryset, format_fichier="xlsx", nom=None)

    @admin.action(description=_("Annuler (et promouvoir la liste d'attente)"))
    def annuler(self, request, queryset):
        for inscription in queryset:
            services.inscription_annuler(jeton=inscription.jeton)
        n = queryset.count()
        self.message_user(
            request, ngettext("%d inscription annulée.", "%d inscriptions annulées.", n) % n
        )

    @admin.action(description=_("Noter présents à leur session"))
    def marquer_presents(self, request, queryset):
        n = 0
        for inscription in queryset.select_related("session"):
            services.presence_marquer(inscription=inscription, par=request.user)
            n += 1
        self.message_user(request, ngettext("%d présence notée.", "%d présences notées.", n) % n)


@admin.register(Presence)
class PresenceAdmin(admin.ModelAdmin):
    list_display = ["inscription", "session", "present", "marquee_le", "marquee_par"]
    list_filter = ["present", "session__format", "session"]
    search_fields = ["inscription__nom", "inscription__email", "session__titre"]
    list_select_related = ["inscription", "session", "marquee_par"]
    autocomplete_fields = ["inscription", "session"]
    readonly_fields = ["marquee_le", "marquee_par"]
