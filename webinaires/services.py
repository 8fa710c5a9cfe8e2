"""Écritures des webinaires : cycles, « 4 temps », replay, abonnements aux annonces.

Dates, inscriptions et liste d'attente sont celles de l'agenda (``agenda.services``) : un
webinaire est une session d'agenda plus ce que seuls les webinaires ont.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agenda import services as agenda
from agenda.enums import StatutSession
from agenda.models import Session
from envois import listes
from programme.models import Format

from . import dates, mails
from .enums import FORMAT, Temps
from .models import Cycle, Sequence, Webinaire


class InscriptionImpossible(Exception):
    """Inscription refusée (webinaire passé ou annulé) ; le message est en français."""


# --- Cycle --------------------------------------------------------------------------------


def _titre_du_mois(jour: date) -> str:
    with translation.override("fr"):
        return _("Webinaire du %(date)s") % {"date": formats.date_format(jour, "j F Y")}


def date_en_toutes_lettres(moment: datetime | date) -> str:
    """« jeudi 17 décembre 2026 », « mardi 1er décembre 2026 » (heure de Paris)."""
    jour = moment.astimezone(dates.PARIS).date() if isinstance(moment, datetime) else moment
    return formats.date_format(jour, "l 1\\e\\r F Y" if jour.day == 1 else "l j F Y")


def _liste_des_dates(webinaires: list[Webinaire]) -> str:
    return ", ".join(date_en_toutes_lettres(w.debut) for w in webinaires)


@dataclass(frozen=True)
class BilanCycle:
    """Ce qu'un passage de :func:`cycle_completer` a fait, mois par mois."""

    cycle: Cycle
    crees: list[Webinaire]
    existants: list[Webinaire]
    # Webinaires d'autres cycles qui couvrent déjà un mois de celui-ci : laissés tels quels.
    couverts: list[Webinaire]
    publies: list[Webinaire]

    @property
    def webinaires(self) -> list[Webinaire]:
        """Les webinaires du cycle sur sa période, créés ou déjà là, dans l'ordre des dates."""
        return sorted(self.crees + self.existants, key=lambda w: w.debut)

    def compte_rendu(self) -> list[str]:
        """Une phrase en français par nouvelle, dates en toutes lettres."""
        lignes = []
        if self.crees:
            n = len(self.crees)
            publies = self.crees[0].statut == StatutSession.PUBLIE
            modele = (
                ngettext(
                    "%(n)d webinaire créé et publié : %(dates)s.",
                    "%(n)d webinaires créés et publiés : %(dates)s.",
                    n,
                )
                if publies
                else ngettext(
                    "%(n)d webinaire créé en brouillon (ni public, ni annoncé aux abonnés, "
                    "jusqu'à sa publication) : %(dates)s.",
                    "%(n)d webinaires créés en brouillon (ni publics, ni annoncés aux abonnés, "
                    "jusqu'à leur publication) : %(dates)s.",
                    n,
                )
            )
            lignes.append(modele % {"n": n, "dates": _liste_des_dates(self.crees)})
        if self.existants:
            n = len(self.existants)
            lignes.append(
                ngettext(
                    "%(n)d webinaire déjà présent, laissé tel quel : %(dates)s.",
                    "%(n)d webinaires déjà présents, laissés tels quels : %(dates)s.",
                    n,
                )
                % {"n": n, "dates": _liste_des_dates(self.existants)}
            )
        if self.publies:
            lignes.append(message_publication(self.publies))
        if not self.crees and not self.existants and not self.couverts:
            lignes.append(_("Aucun mois dans ce cycle."))
        return lignes

    def alertes(self) -> list[str]:
        """Les mois déjà couverts par un autre cycle, une phrase par mois."""
        return [
            _(
                "%(mois)s : déjà couvert par le cycle « %(cycle)s » (webinaire du %(date)s), "
                "laissé tel quel."
            )
            % {
                "mois": formats.date_format(w.mois, "F Y"),
                "cycle": w.cycle,
                "date": date_en_toutes_lettres(w.debut),
            }
            for w in self.couverts
        ]


def message_publication(publies: list[Webinaire]) -> str:
    n = len(publies)
    if not n:
        return _("Aucun webinaire en brouillon à publier.")
    return ngettext(
        "%(n)d webinaire publié : %(dates)s.", "%(n)d webinaires publiés : %(dates)s.", n
    ) % {"n": n, "dates": _liste_des_dates(publies)}


def cycle_creer(*, debut: date, fin: date, titre: str = "", publier: bool = False) -> BilanCycle:
    """Crée (ou retrouve) le cycle de ``debut`` à ``fin`` et le complète (:func:`cycle_completer`).

    Un cycle existant sur les mêmes mois est complété plutôt qu'un second créé.
    """
    if fin < debut:
        raise ValueError(_("Le dernier mois doit suivre le premier mois."))
    slug = f"cycle-{debut:%Y-%m}-{fin:%Y-%m}"
    memes_mois = Q(
        debut__year=debut.year, debut__month=debut.month, fin__year=fin.year, fin__month=fin.month
    )
    with transaction.atomic():
        cycle = Cycle.objects.filter(Q(slug=slug) | memes_mois).order_by("pk").first()
        if cycle is None:
            cycle, _cree = Cycle.objects.get_or_create(
                slug=slug,
                defaults={
                    "titre": titre
                    or _("Cycle de webinaires %(debut)s – %(fin)s")
                    % {"debut": f"{debut:%m/%Y}", "fin": f"{fin:%m/%Y}"},
                    "debut": debut,
                    "fin": fin,
                },
            )
        return cycle_completer(cycle=cycle, publier=publier)


def format_webinaires() -> Format:
    """Le format « Webinaires » du contenu de référence (recréé s'il a disparu)."""
    format_, _cree = Format.objects.get_or_create(
        slug=FORMAT,
        defaults={"ordre": 1, "nom": "Webinaires", "description": "Le cycle de webinaires."},
    )
    return format_


def webinaire_creer(
    *,
    cycle: Cycle,
    mois: date,
    slug: str,
    titre: str,
    debut: datetime,
    fin: datetime,
    statut: str = StatutSession.PUBLIE,
    capacite: int | None = 300,
    lien_visio: str = "",
    **champs,
) -> Webinaire:
    """Crée la session d'agenda du webinaire puis le webinaire."""
    with transaction.atomic():
        return _creer(
            Webinaire(cycle=cycle, mois=mois, slug=slug, **champs),
            session={
                "titre": titre,
                "debut": debut,
                "fin": fin,
                "statut": statut,
                "capacite": capacite,
                "lien_visio": lien_visio,
            },
        )


def _creer(webinaire: Webinaire, *, session: dict) -> Webinaire:
    """La session puis le webinaire, avec l'UID iCalendar ``webinaire-<clé>@rameau`` qu'ont
    toujours eu les webinaires (les agendas abonnés gardent leurs événements)."""
    webinaire.session = Session.objects.create(format=format_webinaires(), **session)
    webinaire.save()
    webinaire.session.uid = f"webinaire-{webinaire.pk}@rameau"
    webinaire.session.save(update_fields=["uid"])
    return webinaire


def _slug_libre(base: str) -> str:
    slug, n = base, 2
    while Webinaire.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def cycle_completer(*, cycle: Cycle, publier: bool = False) -> BilanCycle:
    """Ajoute au cycle le webinaire de chaque mois qui n'en a pas : le troisième jeudi,
    13 h–14 h 30, avec ses « 4 temps », en brouillon (titre provisoire, ni public ni annoncé)
    sauf si ``publier`` ; ``publier`` publie aussi les brouillons déjà présents du cycle.

    Un mois n'a qu'un webinaire, tous cycles confondus (contrainte en base) : un mois déjà
    couvert par un autre cycle est rapporté et laissé tel quel. Idempotent ; une date déplacée
    à la main (jour férié) est conservée lors d'un nouveau passage.
    """
    statut = StatutSession.PUBLIE if publier else StatutSession.BROUILLON
    crees, existants, couverts = [], [], []
    with transaction.atomic():
        # Deux passages sur le même cycle se suivent au lieu de se croiser.
        Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
        for mois, ouverture, cloture in dates.creneaux_du_cycle(cycle.debut, cycle.fin):
            present = Webinaire.objects.select_related("cycle", "session").filter(mois=mois).first()
            if present is None:
                try:
                    with transaction.atomic():
                        present = webinaire_creer(
                            cycle=cycle,
                            mois=mois,
                            slug=_slug_libre(f"webinaire-{ouverture:%Y-%m-%d}"),
                            titre=_titre_du_mois(ouverture.date()),
                            debut=ouverture,
                            fin=cloture,
                            statut=statut,
                        )
                except IntegrityError:
                    # Un passage concurrent (un autre cycle) vient de prendre ce mois.
                    present = (
                        Webinaire.objects.select_related("cycle", "session")
                        .filter(mois=mois)
                        .first()
                    )
                    if present is None:
                        raise
                else:
                    sequences_creer(webinaire=present)
                    crees.append(present)
                    continue
            if present.cycle_id == cycle.pk:
                sequences_creer(webinaire=present)
                existants.append(present)
            else:
                couverts.append(present)
        publies = brouillons_publier(cycle=cycle) if publier else []
    return BilanCycle(
        cycle=cycle, crees=crees, existants=existants, couverts=couverts, publies=publies
    )


def brouillons_publier(*, cycle: Cycle) -> list[Webinaire]:
    """Publie les webinaires encore en brouillon du cycle ; seule l'équipe le demande."""
    brouillons = list(
        cycle.webinaires.filter(session__statut=StatutSession.BROUILLON)
        .select_related("session")
        .order_by("session__debut")
    )
    for webinaire in brouillons:
        webinaire.session.statut = StatutSession.PUBLIE
        # Un à un : les signaux invalident les pages intégrables en cache.
        webinaire.session.save(update_fields=["statut", "modifie_le"])
    return brouillons


DUREES = {Temps.ECLAIRAGE: 25, Temps.TEMOIGNAGE: 25, Temps.QUESTIONS: 30, Temps.RESSOURCES: 10}


def sequences_creer(*, webinaire: Webinaire) -> None:
    """Ajoute les « 4 temps » manquants, dans l'ordre du déroulé."""
    existants = set(webinaire.sequences.values_list("temps", flat=True))
    Sequence.objects.bulk_create(
        [
            Sequence(webinaire=webinaire, ordre=ordre, temps=temps, duree_minutes=DUREES[temps])
            for ordre, temps in enumerate(Temps, start=1)
            if temps not in existants
        ]
    )


# --- Modifications par l'équipe ----------------------------------------------------------


def webinaire_enregistrer(*, webinaire: Webinaire, session: dict, replay_ajoute: bool) -> set[str]:
    """Enregistre un webinaire et les champs de sa session (titre, début, fin, statut,
    capacité, lien de connexion) saisis dans l'administration.

    Nouveau : sa session est créée, avec ses « 4 temps ». Existant : un déplacement de date
    ou une annulation est noté (:func:`webinaire_marquer_modification`). Renvoie les moments notés.
    """
    with transaction.atomic():
        if webinaire.session_id is None:
            sequences_creer(webinaire=_creer(webinaire, session=session))
            return set()
        actuelle = Session.objects.select_for_update().get(pk=webinaire.session_id)
        dates_changees = (actuelle.debut, actuelle.fin) != (session["debut"], session["fin"])
        annule = session["statut"] == StatutSession.ANNULE != actuelle.statut
        for champ, valeur in session.items():
            setattr(actuelle, champ, valeur)
        actuelle.save()
        webinaire.session = actuelle
        webinaire.save()
        return webinaire_marquer_modification(
            webinaire=webinaire,
            dates_changees=dates_changees,
            replay_ajoute=replay_ajoute,
            annule=annule,
        )


def webinaire_marquer_modification(
    *,
    webinaire: Webinaire,
    dates_changees: bool,
    replay_ajoute: bool,
    annule: bool = False,
) -> set[str]:
    """Après une modification en administration : ce que note l'agenda pour la session
    (SEQUENCE, changement de date, annulation : voir
    :func:`agenda.services.session_marquer_modification`) et la date du replay.

    Renvoie les moments notés parmi ``dates_modifiees_le`` et ``annule_le``.
    """
    notes = agenda.session_marquer_modification(
        session=webinaire.session, dates_changees=dates_changees, annulee=annule
    )
    if replay_ajoute:
        webinaire.replay_publie_le = timezone.now()
        Webinaire.objects.filter(pk=webinaire.pk).update(
            replay_publie_le=webinaire.replay_publie_le
        )
    return notes


# --- Abonnement aux annonces du cycle (liste de diffusion de ``envois``) -------------------


def abonnement_demander(*, email: str, nom: str = "", origine: str = ""):
    """Demande d'abonnement aux annonces des webinaires (double opt-in par ``envois``)."""
    return listes.abonnement_demander(
        liste=listes.liste_par_code(mails.LISTE_ANNONCES), email=email, nom=nom, origine=origine
    )
