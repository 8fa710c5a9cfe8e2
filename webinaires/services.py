"""Écritures des webinaires : cycles, inscriptions, liste d'attente, abonnements."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def date_en_toutes_lettres(moment: datetime | date) -> str:
    """« jeudi 17 décembre 2026 », « mardi 1er décembre 2026 » (heure de Paris)."""
    jour = moment.astimezone(dates.PARIS).date() if isinstance(moment, datetime) else moment
    return formats.date_format(jour, "l 1\\e\\r F Y" if jour.day == 1 else "l j F Y")


def _liste_des_dates(webinaires: list[Webinaire]) -> str:
    return ", ".join(date_en_toutes_lettres(w.debut) for w in webinaires)


@dataclass(frozen=True)
class BilanCycle:
    """Ce qu'un passage de :func:`completer_cycle` a fait, mois par mois."""

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
            publies = self.crees[0].statut == StatutWebinaire.PUBLIE
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


def creer_cycle(*, debut: date, fin: date, titre: str = "", publier: bool = False) -> BilanCycle:
    """Crée (ou retrouve) le cycle de ``debut`` à ``fin`` et le complète (:func:`completer_cycle`).

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
        return completer_cycle(cycle=cycle, publier=publier)


def _slug_libre(base: str) -> str:
    slug, n = base, 2
    while Webinaire.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def completer_cycle(*, cycle: Cycle, publier: bool = False) -> BilanCycle:
    """Ajoute au cycle le webinaire de chaque mois qui n'en a pas : le troisième jeudi,
    13 h–14 h 30, avec ses « 4 temps », en brouillon (titre provisoire, ni public ni annoncé)
    sauf si ``publier`` ; ``publier`` publie aussi les brouillons déjà présents du cycle.

    Un mois n'a qu'un webinaire, tous cycles confondus (contrainte en base) : un mois déjà
    couvert par un autre cycle est rapporté et laissé tel quel. Idempotent ; une date déplacée
    à la main (jour férié) est conservée lors d'un nouveau passage.
    """
    statut = StatutWebinaire.PUBLIE if publier else StatutWebinaire.BROUILLON
    crees, existants, couverts = [], [], []
    with transaction.atomic():
        # Deux passages sur le même cycle se suivent au lieu de se croiser.
        Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
        for mois, ouverture, cloture in dates.creneaux_du_cycle(cycle.debut, cycle.fin):
            present = Webinaire.objects.select_related("cycle").filter(mois=mois).first()
            if present is None:
                try:
                    with transaction.atomic():
                        present = Webinaire.objects.create(
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
                    present = Webinaire.objects.select_related("cycle").filter(mois=mois).first()
                    if present is None:
                        raise
                else:
                    creer_sequences(webinaire=present)
                    crees.append(present)
                    continue
            if present.cycle_id == cycle.pk:
                creer_sequences(webinaire=present)
                existants.append(present)
            else:
                couverts.append(present)
        publies = publier_brouillons(cycle=cycle) if publier else []
    return BilanCycle(
        cycle=cycle, crees=crees, existants=existants, couverts=couverts, publies=publies
    )


def publier_brouillons(*, cycle: Cycle) -> list[Webinaire]:
    """Publie les webinaires encore en brouillon du cycle ; seule l'équipe le demande."""
    brouillons = list(cycle.webinaires.filter(statut=StatutWebinaire.BROUILLON).order_by("debut"))
    for webinaire in brouillons:
        webinaire.statut = StatutWebinaire.PUBLIE
        # Un à un : les signaux invalident les pages intégrables en cache.
        webinaire.save(update_fields=["statut", "modifie_le"])
    return brouillons


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
