from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rameau import durees
from rameau.durees import ChampDuree
from rameau.exports import colonne, reponse_csv

from . import services
from .enums import StatutInscription, StatutWebinaire
from .models import Cycle, Inscription, Intervenant, Sequence, Webinaire


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = [
        "titre",
        "debut",
        "fin",
        "nb_webinaires",
        "nb_brouillons",
        "annonce",
        "rappel_veille",
        "rappel_heure",
    ]
    search_fields = ["titre"]
    formfield_overrides = {models.DurationField: {"form_class": ChampDuree}}
    prepopulated_fields = {"slug": ["titre"]}
    actions = ["completer_webinaires", "publier_brouillons"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "description", "debut", "fin"]}),
        (
            _("Délais des envois (modifiables)"),
            {"fields": ["delai_annonce", "delai_rappel_veille", "delai_rappel_heure"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                nb=Count("webinaires"),
                nb_brouillons=Count(
                    "webinaires", filter=Q(webinaires__statut=StatutWebinaire.BROUILLON)
                ),
            )
        )

    @admin.display(description=_("webinaires"), ordering="nb")
    def nb_webinaires(self, obj):
        return obj.nb

    @admin.display(description=_("dont brouillons"), ordering="nb_brouillons")
    def nb_brouillons(self, obj):
        return obj.nb_brouillons

    @admin.display(description=_("annonce aux abonnés"), ordering="delai_annonce")
    def annonce(self, obj):
        return durees.ecrire(obj.delai_annonce)

    @admin.display(description=_("rappel de la veille"), ordering="delai_rappel_veille")
    def rappel_veille(self, obj):
        return durees.ecrire(obj.delai_rappel_veille)

    @admin.display(description=_("rappel de dernière minute"), ordering="delai_rappel_heure")
    def rappel_heure(self, obj):
        return durees.ecrire(obj.delai_rappel_heure)

    @admin.action(
        description=_("Créer les webinaires manquants du cycle (troisièmes jeudis, en brouillon)")
    )
    def completer_webinaires(self, request, queryset):
        for cycle in queryset:
            bilan = services.completer_cycle(cycle=cycle)
            for ligne in bilan.compte_rendu():
                self.message_user(request, f"{cycle} : {ligne}", messages.SUCCESS)
            for ligne in bilan.alertes():
                self.message_user(request, f"{cycle} : {ligne}", messages.WARNING)

    @admin.action(description=_("Publier les webinaires brouillons du cycle"))
    def publier_brouillons(self, request, queryset):
        for cycle in queryset:
            publies = services.publier_brouillons(cycle=cycle)
            self.message_user(
                request,
                f"{cycle} : {services.message_publication(publies)}",
                messages.SUCCESS if publies else messages.INFO,
            )


class SequenceInline(admin.StackedInline):
    model = Sequence
    extra = 0
    max_num = 4
    fields = ["ordre", "temps", "titre", "contenu", "duree_minutes", "intervenants"]
    filter_horizontal = ["intervenants"]


def _lien_inscriptions(webinaire, texte, *, statut=None):
    """Lien vers la liste des inscriptions du webinaire (et du statut donné)."""
    filtres = {"webinaire__id__exact": webinaire.pk}
    if statut:
        filtres["statut__exact"] = statut
    adresse = reverse("admin:webinaires_inscription_changelist") + "?" + urlencode(filtres)
    return format_html('<a href="{}">{}</a>', adresse, texte)


@admin.register(Webinaire)
class WebinaireAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titre", "debut", "statut", "cycle", "capacite", "confirmes", "attente"]
    list_filter = ["statut", "cycle", "partenaires"]
    search_fields = ["titre", "theme", "resume"]
    date_hierarchy = "debut"
    list_editable = ["statut"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["partenaires", "programmes_recherche", "modeles", "formats"]
    # Les inscriptions ont leur propre liste (filtrée par webinaire) : en ligne ici, des
    # centaines d'inscrits dépasseraient DATA_UPLOAD_MAX_NUMBER_FIELDS à l'enregistrement.
    inlines = [SequenceInline]
    readonly_fields = [
        "inscriptions",
        "replay_publie_le",
        "dates_modifiees_le",
        "annule_le",
        "version",
        "modifie_le",
    ]
    fieldsets = [
        (None, {"fields": ["cycle", "mois", "titre", "slug", "theme", "resume", "statut"]}),
        (
            _("Date et accès"),
            {"fields": ["debut", "fin", "lien_connexion", "capacite", "inscriptions"]},
        ),
        (_("Après le webinaire"), {"fields": ["lien_replay", "replay_publie_le", "ressources"]}),
        (
            _("Liens avec le programme"),
            {"fields": ["partenaires", "programmes_recherche", "modeles", "formats"]},
        ),
        (
            _("Suivi"),
            {"fields": ["dates_modifiees_le", "annule_le", "version", "modifie_le"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cycle")
            .annotate(
                nb_confirmes=Count(
                    "inscriptions", filter=Q(inscriptions__statut=StatutInscription.CONFIRMEE)
                ),
                nb_attente=Count(
                    "inscriptions", filter=Q(inscriptions__statut=StatutInscription.ATTENTE)
                ),
            )
        )

    @admin.display(description=_("confirmées"), ordering="nb_confirmes")
    def confirmes(self, obj):
        return _lien_inscriptions(obj, obj.nb_confirmes, statut=StatutInscription.CONFIRMEE)

    @admin.display(description=_("en attente"), ordering="nb_attente")
    def attente(self, obj):
        return _lien_inscriptions(obj, obj.nb_attente, statut=StatutInscription.ATTENTE)

    @admin.display(description=_("inscriptions"))
    def inscriptions(self, obj):
        if obj is None or obj.pk is None:
            return _("Aucune pour l'instant : le webinaire n'est pas encore enregistré.")
        texte = _("Inscriptions : %(confirmees)s, %(attente)s → voir la liste") % {
            "confirmees": ngettext("%d confirmée", "%d confirmées", obj.nb_confirmes)
            % obj.nb_confirmes,
            "attente": ngettext("%d en attente", "%d en attente", obj.nb_attente) % obj.nb_attente,
        }
        return _lien_inscriptions(obj, texte)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # Un déplacement de date ou une annulation incrémente la SEQUENCE iCalendar et
            # rend dû l'e-mail aux inscrits ; un replay ajouté rend dû « replay et ressources ».
            # Aussi appelé par la liste (statut modifiable en place).
            notes = services.marquer_modification(
                webinaire=obj,
                dates_changees=bool({"debut", "fin"} & set(form.changed_data)),
                replay_ajoute="lien_replay" in form.changed_data
                and bool(obj.lien_replay)
                and obj.replay_publie_le is None,
                annule="statut" in form.changed_data and obj.statut == StatutWebinaire.ANNULE,
            )
            if notes:
                inscrits = obj.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
                texte = (
                    ngettext(
                        "%(n)d inscrit confirmé recevra l'annulation par e-mail dans les "
                        "prochaines minutes.",
                        "%(n)d inscrits confirmés recevront l'annulation par e-mail dans les "
                        "prochaines minutes.",
                        inscrits,
                    )
                    if "annule_le" in notes
                    else ngettext(
                        "%(n)d inscrit confirmé recevra la nouvelle date par e-mail dans les "
                        "prochaines minutes.",
                        "%(n)d inscrits confirmés recevront la nouvelle date par e-mail dans les "
                        "prochaines minutes.",
                        inscrits,
                    )
                )
                self.message_user(request, texte % {"n": inscrits}, messages.INFO)
        else:
            services.creer_sequences(webinaire=obj)


@admin.register(Intervenant)
class IntervenantAdmin(admin.ModelAdmin):
    list_display = ["nom", "role", "organisation"]
    search_fields = ["nom", "organisation"]


COLONNES_CSV_INSCRIPTIONS = [
    colonne(Inscription, "webinaire__titre", _("Webinaire")),
    colonne(Inscription, "webinaire__debut", _("Date du webinaire")),
    colonne(Inscription, "nom"),
    colonne(Inscription, "email"),
    colonne(Inscription, "organisation"),
    colonne(Inscription, "profil"),
    colonne(Inscription, "statut"),
    colonne(Inscription, "relais"),
    colonne(Inscription, "consentement"),
    colonne(Inscription, "cree_le"),
    colonne(Inscription, "confirmee_le"),
    colonne(Inscription, "annulee_le"),
]


@admin.register(Inscription)
class InscriptionAdmin(admin.ModelAdmin):
    list_display = ["nom", "email", "webinaire", "statut", "profil", "relais", "cree_le"]
    list_filter = ["statut", "profil", "relais", "webinaire__cycle", "webinaire"]
    search_fields = ["nom", "email", "organisation"]
    list_select_related = ["webinaire", "relais"]
    readonly_fields = ["jeton", "cree_le", "confirmee_le", "annulee_le"]
    autocomplete_fields = ["utilisateur"]
    actions = ["annuler", "exporter_csv"]

    def get_urls(self):
        exporter = path(
            "exporter/",
            self.admin_site.admin_view(self.exporter_la_liste),
            name="webinaires_inscription_exporter",
        )
        return [exporter, *super().get_urls()]

    def exporter_la_liste(self, request):
        """La liste telle qu'elle est filtrée (filtres, recherche, tri), en CSV."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            liste = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(
                _("Filtre inconnu : revenez à la liste des inscriptions et filtrez-la à nouveau.")
            )
        webinaire = request.GET.get("webinaire__id__exact", "")
        slug = (
            Webinaire.objects.filter(pk=webinaire).values_list("slug", flat=True).first()
            if webinaire.isascii() and webinaire.isdigit()
            else None
        )
        # Le queryset de la liste : ses filtres, sa recherche et son tri, sans la pagination.
        return self._csv(liste.queryset, nom=slug)

    @admin.action(description=_("Exporter les inscriptions choisies (CSV)"))
    def exporter_csv(self, request, queryset):
        return self._csv(queryset)

    def _csv(self, inscriptions, *, nom=None):
        return reponse_csv(
            nom_fichier=f"inscriptions-{nom}.csv" if nom else "inscriptions.csv",
            colonnes=COLONNES_CSV_INSCRIPTIONS,
            objets=inscriptions.select_related("webinaire", "relais"),
        )

    @admin.action(description=_("Annuler (et promouvoir la liste d'attente)"))
    def annuler(self, request, queryset):
        for inscription in queryset:
            services.annuler_inscription(jeton=inscription.jeton)
        n = queryset.count()
        self.message_user(
            request, ngettext("%d inscription annulée.", "%d inscriptions annulées.", n) % n
        )
