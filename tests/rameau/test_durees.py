from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from rameau import durees


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("7 jours", timedelta(days=7)),
        ("1 jour et 12 heures", timedelta(days=1, hours=12)),
        ("1 jour, 2 heures", timedelta(days=1, hours=2)),
        ("1h30", timedelta(hours=1, minutes=30)),
        ("1 h 30", timedelta(hours=1, minutes=30)),
        ("90 min", timedelta(minutes=90)),
        ("2 semaines", timedelta(days=14)),
        ("7 00:00:00", timedelta(days=7)),  # l'écriture de Django reste acceptée
        ("P7D", timedelta(days=7)),
    ],
)
def test_lire_une_duree_ecrite_en_francais(texte, attendu):
    assert durees.lire(texte) == attendu


@pytest.mark.parametrize("texte", ["", "bientôt", "7", "1 jour 30", "-1 jour", "7 ans", "12:xx"])
def test_lire_refuse_une_duree_non_reconnue(texte):
    with pytest.raises(ValueError):
        durees.lire(texte)


@pytest.mark.parametrize(
    ("duree", "attendu"),
    [
        (timedelta(days=7), "7 jours"),
        (timedelta(hours=1), "1 heure"),
        (timedelta(days=1, hours=12), "1 jour et 12 heures"),
        (timedelta(days=1, hours=2, minutes=3), "1 jour, 2 heures et 3 minutes"),
        (timedelta(0), "0 minute"),
    ],
)
def test_ecrire_une_duree_en_francais(duree, attendu):
    assert durees.ecrire(duree) == attendu


def test_le_champ_refuse_une_duree_demesuree():
    champ = durees.ChampDuree()
    with pytest.raises(ValidationError, match="entre 1 minute et 365 jours"):
        champ.clean("999999999 jours")
    assert champ.clean("3 jours") == timedelta(days=3)
