from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from agenda.admin import ColonnesInscriptions, annoncer_modification
from agenda.enums import StatutInscription, StatutSession
from agenda.models import Session
from rameau import durees
from rameau.durees import ChampDuree

from . import services
from .models import Cycle, Intervenant, Sequence, Webinaire


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
    actions = ["completer_webinaires", "brouillons_publier"]
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
                    "webinaires", filter=Q(webinaires__session__statut=StatutSession.BROUILLON)
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
            bilan = services.cycle_completer(cycle=cycle)
            for ligne in bilan.compte_rendu():
                self.message_user(request, f"{cycle} : {ligne}", messages.SUCCESS)
            for ligne in bilan.alertes():
                self.message_user(request, f"{cycle} : {ligne}", messages.WARNING)

    @admin.action(description=_("Publier les webinaires brouillons du cycle"))
    def brouillons_publier(self, request, queryset):
        for cycle in queryset:
            publies = services.brouillons_publier(cycle=cycle)
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


# Champs de la session d'agenda du webinaire, modifiés depuis la fiche du webinaire.
CHAMPS_SESSION = ["titre", "debut", "fin", "statut", "capacite", "lien_visio"]


def _champ(champ, **kwargs):
    if isinstance(champ, models.URLField):
        kwargs["assume_scheme"] = "https"
    return champ.formfield(**kwargs)


class WebinaireForm(forms.ModelForm):
    """La fiche d'un webinaire avec les champs de sa session (titre, date, statut…)."""

    titre = Session._meta.get_field("titre").formfield()
    debut = forms.SplitDateTimeField(label=_("Début"), widget=AdminSplitDateTime)
    fin = forms.SplitDateTimeField(label=_("Fin"), widget=AdminSplitDateTime)
    statut = forms.ChoiceField(
        label=_("Statut"), choices=StatutSession.choices, initial=StatutSession.PUBLIE
    )
    capacite = forms.IntegerField(
        label=_("Capacité"),
        min_value=0,
        required=False,
        initial=300,
        help_text=_("Vide : sans limite."),
    )
    lien_visio = forms.URLField(label=_("Lien de connexion"), required=False, assume_scheme="https")

    class Meta:
        model = Webinaire
        formfield_callback = _champ
        fields = [
            "cycle",
            "mois",
            "slug",
            "theme",
            "resume",
            "lien_replay",
            "ressources",
            "partenaires",
            "programmes_recherche",
            "modeles",
            "formats",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.session_id:
            for champ in CHAMPS_SESSION:
                self.initial.setdefault(champ, getattr(self.instance.session, champ))

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if debut and fin and fin <= debut:
            self.add_error("fin", _("La fin doit être postérieure au début."))
        return donnees

    def champs_session(self) -> dict:
        return {champ: self.cleaned_data[champ] for champ in CHAMPS_SESSION}


@admin.register(Webinaire)
class WebinaireAdmin(ColonnesInscriptions, admin.ModelAdmin):
    form = WebinaireForm
    pas_encore_enregistre = _("Aucune pour l'instant : le webinaire n'est pas encore enregistré.")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "date", "statut", "cycle", "confirmes", "attente"]
    list_filter = ["session__statut", "cycle", "partenaires"]
    search_fields = ["session__titre", "theme", "resume"]
    date_hierarchy = "session__debut"
    filter_horizontal = ["partenaires", "programmes_recherche", "modeles", "formats"]
    # Les inscriptions ont leur propre liste (filtrée par session) : en ligne ici, des
    # centaines d'inscrits dépasseraient DATA_UPLOAD_MAX_NUMBER_FIELDS à l'enregistrement.
    # Le statut se change aussi depuis la liste des sessions de l'agenda.
    inlines = [SequenceInline]
    readonly_fields = ["inscriptions", "replay_publie_le", "suivi"]
    fieldsets = [
        (None, {"fields": ["cycle", "mois", "titre", "slug", "theme", "resume", "statut"]}),
        (
            _("Date et accès"),
            {"fields": ["debut", "fin", "lien_visio", "capacite", "inscriptions"]},
        ),
        (_("Après le webinaire"), {"fields": ["lien_replay", "replay_publie_le", "ressources"]}),
        (
            _("Liens avec le programme"),
            {"fields": ["partenaires", "programmes_recherche", "modeles", "formats"]},
        ),
        (_("Suivi"), {"fields": ["suivi"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cycle", "session")
            .annotate(
                nb_confirmes=Count(
                    "session__inscriptions",
                    filter=Q(session__inscriptions__statut=StatutInscription.CONFIRMEE),
                ),
                nb_attente=Count(
                    "session__inscriptions",
                    filter=Q(session__inscriptions__statut=StatutInscription.ATTENTE),
                ),
            )
        )

    @admin.display(description=_("début"), ordering="session__debut")
    def date(self, obj):
        return obj.session.debut

    @admin.display(description=_("statut"), ordering="session__statut")
    def statut(self, obj):
        return obj.session.get_statut_display()

    def session_id_de(self, obj) -> int:
        return obj.session_id

    @admin.display(description=_("session d'agenda"))
    def suivi(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        session = obj.session

        def moment(valeur):
            return formats.date_format(timezone.localtime(valeur), "j F Y H:i") if valeur else "—"

        return _("Version %(version)s ; date modifiée le %(dates)s ; annulé le %(annule)s.") % {
            "version": session.version,
            "dates": moment(session.dates_modifiees_le),
            "annule": moment(session.annule_le),
        }

    def save_model(self, request, obj, form, change):
        # Un déplacement de date ou une annulation incrémente la SEQUENCE iCalendar et rend
        # dû l'e-mail aux inscrits ; un replay ajouté rend dû « replay et ressources ».
        notes = services.webinaire_enregistrer(
            webinaire=obj,
            session=form.champs_session(),
            replay_ajoute="lien_replay" in form.changed_data
            and bool(obj.lien_replay)
            and obj.replay_publie_le is None,
        )
        annoncer_modification(self, request, session=obj.session, notes=notes)


@admin.register(Intervenant)
class IntervenantAdmin(admin.ModelAdmin):
    list_display = ["nom", "role", "organisation"]
    search_fields = ["nom", "organisation"]
