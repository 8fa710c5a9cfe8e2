"""Écritures des webinaires : cycles, inscriptions, liste d'attente, abonnements."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from envois import listes
from envois import services as envois

from . import dates, mails
from .enums import StatutInscription, StatutWebinaire, Temps
from .models import Cycle, Inscription, Sequence, Webinaire


class InscriptionImpossible(Exception):
    """Inscription refusée (webinaire passé ou annulé) ; le message est en français."""


# --- Cycle --------------------------------------------------------------------------------


def _titre_du_mois(jour: date) -> str:
    with translation.override("fr"):
        return _("Webinaire du %(date)s") % {"date": formats.date_format(jour, "j F Y")}


def creer_cycle(*, debut: date, fin: date, titre: str = "") -> tuple[Cycle, list[Webinaire]]:
    """Crée (ou complète) le cycle et un webinaire par mois, le troisième jeudi, 13 h–14 h 30.

    Idempotent : un webinaire est identifié par (cycle, mois). Une date déplacée à la main
    (jour férié) est conservée telle quelle lors d'un nouveau passage.
    """
    if fin < debut:
        raise ValueError(_("Le dernier mois doit suivre le premier mois."))
    slug = f"cycle-{debut:%Y-%m}-{fin:%Y-%m}"
    with transaction.atomic():
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
        webinaires = []
        for mois, ouverture, cloture in dates.creneaux_du_cycle(debut, fin):
            webinaire, _cree = Webinaire.objects.get_or_create(
                cycle=cycle,
                mois=mois,
                defaults={
                    "slug": f"webinaire-{ouverture:%Y-%m-%d}",
                    "titre": _titre_du_mois(ouverture.date()),
                    "debut": ouverture,
                    "fin": cloture,
                    "statut": StatutWebinaire.PUBLIE,
                },
            )
            creer_sequences(webinaire=webinaire)
            webinaires.append(webinaire)
    return cycle, webinaires


DUREES = {Temps.ECLAIRAGE: 25, Temps.TEMOIGNAGE: 25, Temps.QUESTIONS: 30, Temps.RESSOURCES: 10}


def creer_sequences(*, webinaire: Webinaire) -> None:
    """Ajoute les « 4 temps » manquants, dans l'ordre du déroulé."""
    existants = set(webinaire.sequences.values_list("temps", flat=True))
    Sequence.objects.bulk_create(
        [
            Sequence(webinaire=webinaire, ordre=ordre, temps=temps, duree_minutes=DUREES[temps])
            for ordre, temps in enumerate(Temps, start=1)
            if temps not in existants
        ]
    )


# --- Inscriptions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Resultat:
    inscription: Inscription
    nouvelle: bool

    @property
    def en_attente(self) -> bool:
        return self.inscription.statut == StatutInscription.ATTENTE


def inscrire(
    *,
    webinaire: Webinaire,
    nom: str,
    email: str,
    organisation: str = "",
    profil: str = "",
    consentement: bool = True,
    utilisateur=None,
    relais=None,
) -> Resultat:
    """Inscrit une personne, en liste d'attente si le webinaire est complet.

    Sûr en concurrence : la ligne du webinaire est verrouillée (``SELECT … FOR UPDATE``) le
    temps de compter les places. Une deuxième inscription de la même adresse renvoie la
    première (``nouvelle=False``) ; une inscription annulée est réactivée.
    """
    email = email.strip()
    with transaction.atomic():
        verrou = Webinaire.objects.select_for_update().get(pk=webinaire.pk)
        maintenant = timezone.now()
        if verrou.statut != StatutWebinaire.PUBLIE:
            raise InscriptionImpossible(_("Ce webinaire n'est pas ouvert aux inscriptions."))
        if verrou.debut <= maintenant:
            raise InscriptionImpossible(
                _("Ce webinaire a déjà eu lieu : les inscriptions sont closes.")
            )
        existante = Inscription.objects.filter(webinaire=verrou, email__iexact=email).first()
        if existante and existante.statut != StatutInscription.ANNULEE:
            return Resultat(existante, nouvelle=False)
        confirmes = verrou.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
        complet = confirmes >= verrou.capacite
        inscription = existante or Inscription(webinaire=verrou, email=email)
        inscription.nom = nom
        inscription.organisation = organisation
        inscription.profil = profil or inscription.profil
        inscription.consentement = consentement
        inscription.utilisateur = utilisateur or inscription.utilisateur
        inscription.relais = relais or inscription.relais
        inscription.cree_le = maintenant
        inscription.annulee_le = None
        inscription.statut = StatutInscription.ATTENTE if complet else StatutInscription.CONFIRMEE
        inscription.confirmee_le = None if complet else maintenant
        try:
            with transaction.atomic():
                inscription.save()
        except IntegrityError:
            # Course perdue contre la même adresse : l'autre inscription fait foi.
            autre = Inscription.objects.get(webinaire=verrou, email__iexact=email)
            return Resultat(autre, nouvelle=False)
        _reserver_confirmation(inscription)
    return Resultat(inscription, nouvelle=True)


def _reserver_confirmation(inscription: Inscription) -> None:
    """Réserve l'e-mail « confirmée » ou « liste d'attente » : un par état et par moment
    (une réinscription ou une promotion en donne un nouveau, un double clic non)."""
    attente = inscription.statut == StatutInscription.ATTENTE
    envois.envoi_programmer(
        genre=mails.GENRE_ATTENTE if attente else mails.GENRE_CONFIRMATION,
        email=inscription.email,
        objet_id=inscription.pk,
        source_id=inscription.pk,
        du_le=inscription.cree_le if attente else inscription.confirmee_le,
    )


def annuler_inscription(*, jeton: str) -> Inscription:
    """Annule une inscription et, si une place se libère, confirme la suivante en attente."""
    with transaction.atomic():
        inscription = Inscription.objects.select_related("webinaire").get(jeton=jeton)
        webinaire = Webinaire.objects.select_for_update().get(pk=inscription.webinaire_id)
        inscription.refresh_from_db()
        if inscription.statut == StatutInscription.ANNULEE:
            return inscription
        liberait_une_place = inscription.statut == StatutInscription.CONFIRMEE
        inscription.statut = StatutInscription.ANNULEE
        inscription.annulee_le = timezone.now()
        inscription.save(update_fields=["statut", "annulee_le"])
        if liberait_une_place and webinaire.debut > timezone.now():
            promouvoir_liste_attente(webinaire=webinaire)
    return inscription


def promouvoir_liste_attente(*, webinaire: Webinaire) -> list[Inscription]:
    """Confirme les premières personnes en attente dans la limite des places libres.

    À appeler sous le verrou du webinaire (``select_for_update``).
    """
    confirmes = webinaire.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
    libres = max(webinaire.capacite - confirmes, 0)
    promues = list(
        webinaire.inscriptions.select_for_update()
        .filter(statut=StatutInscription.ATTENTE)
        .order_by("cree_le", "id")[:libres]
    )
    maintenant = timezone.now()
    for inscription in promues:
        inscription.statut = StatutInscription.CONFIRMEE
        inscription.confirmee_le = maintenant
        inscription.save(update_fields=["statut", "confirmee_le"])
        _reserver_confirmation(inscription)
    return promues


def marquer_modification(
    *,
    webinaire: Webinaire,
    dates_changees: bool,
    replay_ajoute: bool,
    annule: bool = False,
) -> set[str]:
    """Après une modification en administration : version iCalendar, date du replay, et
    moment du changement de date ou de l'annulation (qui rend dû l'e-mail aux inscrits).

    Renvoie les moments notés parmi ``dates_modifiees_le`` et ``annule_le``.
    """
    maintenant = timezone.now()
    a_venir = webinaire.debut > maintenant
    champs = {}
    if dates_changees or annule:
        champs["version"] = F("version") + 1
    if dates_changees and a_venir and webinaire.statut == StatutWebinaire.PUBLIE:
        champs["dates_modifiees_le"] = maintenant
    if annule and a_venir and webinaire.statut == StatutWebinaire.ANNULE:
        champs["annule_le"] = maintenant
    if replay_ajoute:
        champs["replay_publie_le"] = maintenant
    if champs:
        Webinaire.objects.filter(pk=webinaire.pk).update(**champs)
        webinaire.refresh_from_db()
    return {"dates_modifiees_le", "annule_le"} & set(champs)


# --- Abonnement aux annonces du cycle (liste de diffusion de ``envois``) -------------------


def abonnement_demander(*, email: str, nom: str = ""):
    """Demande d'abonnement aux annonces des webinaires (double opt-in par ``envois``)."""
    return listes.abonnement_demander(
        liste=listes.liste_par_code(mails.LISTE_ANNONCES), email=email, nom=nom
    )
