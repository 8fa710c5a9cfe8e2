"""Sections « Inscriptions et présence » et « Relais » du tableau de bord de l'équipe
(registre ``rameau.pilotage``). Les relais viennent de ``Inscription.relais`` (l'attribution
au premier contact) ; l'application des relais pourra déclarer sa propre section."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rameau import pilotage

from .enums import StatutInscription
from .models import Inscription, Session

CONFIRMEE = StatutInscription.CONFIRMEE


def _taux(presents: int, inscrits: int) -> float | None:
    return round(100 * presents / inscrits, 1) if inscrits else None


@pilotage.section(
    code="inscriptions",
    titre=gettext_lazy("Inscriptions et présence"),
    ordre=20,
    description=gettext_lazy(
        "Inscriptions confirmées par format (mois de la session), présence par format et par "
        "session."
    ),
)
def inscriptions(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    # Une requête : chaque session de la période avec ses comptes (inscrits, attente, présents).
    sessions = list(
        Session.objects.filter(debut__gte=periode.debut, debut__lt=periode.fin)
        .values("pk", "titre", "debut", "format__nom", "format__ordre")
        .annotate(
            confirmes=Count(
                "inscriptions", filter=Q(inscriptions__statut=CONFIRMEE), distinct=True
            ),
            attente=Count(
                "inscriptions",
                filter=Q(inscriptions__statut=StatutInscription.ATTENTE),
                distinct=True,
            ),
            presents=Count("presences", filter=Q(presences__present=True), distinct=True),
        )
        .order_by("debut", "pk")
    )
    formats_ = sorted({(s["format__ordre"], s["format__nom"]) for s in sessions})
    noms = [nom for _ordre, nom in formats_]
    par_format = {nom: [0, 0, 0] for nom in noms}
    for s in sessions:
        totaux = par_format[s["format__nom"]]
        totaux[0] += 1
        totaux[1] += s["confirmes"]
        totaux[2] += s["presents"]
    return [
        pilotage.Tableau(
            titre=_("Inscriptions confirmées par format"),
            colonnes=[_("Mois"), *noms],
            lignes=pilotage.par_mois(
                periode, [(s["debut"], s["format__nom"], s["confirmes"]) for s in sessions], noms
            ),
        ),
        pilotage.Tableau(
            titre=_("Présence par format"),
            colonnes=[
                _("Format"),
                _("Inscrits confirmés"),
                _("Sessions"),
                _("Présents"),
                _("Taux de présence (%)"),
            ],
            lignes=[
                [nom, inscrits, nombre, presents, _taux(presents, inscrits)]
                for nom, (nombre, inscrits, presents) in par_format.items()
            ],
            graphique="barres",
        ),
        pilotage.Tableau(
            titre=_("Inscriptions et présence par session"),
            colonnes=[
                _("Session"),
                _("Inscrits confirmés"),
                _("Liste d'attente"),
                _("Présents"),
                _("Taux de présence (%)"),
                _("Format"),
                _("Date"),
            ],
            lignes=[
                [
                    s["titre"],
                    s["confirmes"],
                    s["attente"],
                    s["presents"],
                    _taux(s["presents"], s["confirmes"]),
                    s["format__nom"],
                    formats.date_format(timezone.localtime(s["debut"]), "j F Y"),
                ]
                for s in sessions
            ],
            graphique="barres",
        ),
    ]


@pilotage.section(
    code="relais",
    titre=gettext_lazy("Relais"),
    ordre=30,
    description=gettext_lazy(
        "Ce que chaque partenaire relais a apporté : inscriptions venues de ses liens (date "
        "d'inscription) et présences."
    ),
)
def relais(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    dans_periode = Inscription.objects.filter(
        cree_le__gte=periode.debut, cree_le__lt=periode.fin, relais__isnull=False
    )
    totaux = list(
        dans_periode.values("relais__nom")
        .annotate(
            inscrits=Count("pk", distinct=True),
            confirmes=Count("pk", filter=Q(statut=CONFIRMEE), distinct=True),
            presents=Count("presences", filter=Q(presences__present=True), distinct=True),
        )
        .order_by("-inscrits", "relais__nom")
    )
    noms = [t["relais__nom"] for t in totaux]
    mensuel = (
        dans_periode.annotate(mois=TruncMonth("cree_le", tzinfo=pilotage.PARIS))
        .values_list("mois", "relais__nom")
        .annotate(nombre=Count("pk"))
        .order_by()
    )
    return [
        pilotage.Tableau(
            titre=_("Inscriptions apportées par chaque relais"),
            colonnes=[_("Relais"), _("Inscriptions"), _("Confirmées"), _("Présents")],
            lignes=[
                [t["relais__nom"], t["inscrits"], t["confirmes"], t["presents"]] for t in totaux
            ],
            graphique="barres",
        ),
        pilotage.Tableau(
            titre=_("Inscriptions apportées par les relais, par mois"),
            colonnes=[_("Mois"), *noms],
            lignes=pilotage.par_mois(periode, list(mensuel), noms),
        ),
    ]
