"""Dates du cycle : troisième jeudi de chaque mois, 13 h 00 – 14 h 30 heure de Paris.

Module pur (ni requête, ni ORM) : l'heure légale est résolue par ``zoneinfo``, de sorte que
13 h à Paris vaut 11 h UTC en heure d'été et 12 h UTC en heure d'hiver.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
HEURE_DEBUT = time(13, 0)
DUREE = timedelta(minutes=90)
JEUDI = 3  # date.weekday() : lundi = 0


def troisieme_jeudi(annee: int, mois: int) -> date:
    """Le troisième jeudi du mois."""
    premier = date(annee, mois, 1)
    decalage = (JEUDI - premier.weekday()) % 7
    return premier + timedelta(days=decalage + 14)


def mois_entre(debut: date, fin: date) -> Iterator[date]:
    """Le premier jour de chaque mois de ``debut`` à ``fin`` inclus."""
    annee, mois = debut.year, debut.month
    while (annee, mois) <= (fin.year, fin.month):
        yield date(annee, mois, 1)
        annee, mois = (annee + 1, 1) if mois == 12 else (annee, mois + 1)


def creneau(jour: date) -> tuple[datetime, datetime]:
    """Début et fin (heure de Paris, conscients du fuseau) d'un webinaire ce jour-là."""
    debut = datetime.combine(jour, HEURE_DEBUT, tzinfo=PARIS)
    # L'addition se fait en heure murale : pas de changement d'heure un jeudi à 13 h.
    return debut, debut + DUREE


def creneaux_du_cycle(debut: date, fin: date) -> list[tuple[date, datetime, datetime]]:
    """Pour chaque mois du cycle : (mois, début, fin) du webinaire du troisième jeudi."""
    resultat = []
    for mois in mois_entre(debut, fin):
        ouverture, cloture = creneau(troisieme_jeudi(mois.year, mois.month))
        resultat.append((mois, ouverture, cloture))
    return resultat


def lire_mois(texte: str) -> date:
    """« 2020-10 » → 1er octobre 2020 ; ``ValueError`` avec un message français sinon."""
    try:
        annee, mois = (int(partie) for partie in texte.strip().split("-"))
        return date(annee, mois, 1)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"Mois invalide « {texte} » : attendu AAAA-MM, par ex. 2020-10.") from exc


def _mois_annee(jour: date) -> str:
    from django.utils.dateformat import format as formater

    return formater(jour, "F Y")


def de_mois(jour: date) -> str:
    """« d'octobre 2026 », « de juin 2027 » (élision devant voyelle), dans la langue active."""
    texte = _mois_annee(jour)
    return f"d'{texte}" if texte[:1].lower() in "aeiouyéè" else f"de {texte}"


def a_mois(jour: date) -> str:
    """« à juin 2027 »."""
    return f"à {_mois_annee(jour)}"
