from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from webinaires.models import Cycle, Sequence, Webinaire

pytestmark = pytest.mark.django_db

LIGNES_2020_2021 = [
    "2020-10-15T13:00:00+02:00",
    "2020-11-19T13:00:00+01:00",
    "2020-12-17T13:00:00+01:00",
    "2021-01-21T13:00:00+01:00",
    "2021-02-18T13:00:00+01:00",
    "2021-03-18T13:00:00+01:00",
    "2021-04-15T13:00:00+02:00",
    "2021-05-20T13:00:00+02:00",
    "2021-06-17T13:00:00+02:00",
    "2021-07-15T13:00:00+02:00",
    "2021-08-19T13:00:00+02:00",
    "2021-09-16T13:00:00+02:00",
    "2021-10-21T13:00:00+02:00",
]


def _lancer(*args):
    from io import StringIO

    sortie = StringIO()
    call_command("creer_cycle", *args, stdout=sortie)
    return sortie.getvalue().splitlines()


def test_creer_cycle_affiche_une_ligne_iso_par_webinaire():
    assert _lancer("--debut", "2020-10", "--fin", "2021-10") == LIGNES_2020_2021
    assert Webinaire.objects.count() == 13
    assert Sequence.objects.count() == 13 * 4
    premier = Webinaire.objects.order_by("debut").first()
    assert [s.temps for s in premier.sequences.order_by("ordre")] == [
        "eclairage",
        "temoignage",
        "questions",
        "ressources",
    ]


def test_creer_cycle_deux_fois_ne_cree_aucun_doublon_et_garde_une_date_deplacee():
    _lancer("--debut", "2020-10", "--fin", "2021-10")
    decembre = Webinaire.objects.get(mois=date(2020, 12, 1))
    decembre.debut += timedelta(days=-7)
    decembre.fin += timedelta(days=-7)
    decembre.save()
    lignes = _lancer("--debut", "2020-10", "--fin", "2021-10")
    assert Cycle.objects.count() == 1
    assert Webinaire.objects.count() == 13
    assert Sequence.objects.count() == 13 * 4
    assert lignes[2] == "2020-12-10T13:00:00+01:00"
    assert lignes[:2] + lignes[3:] == LIGNES_2020_2021[:2] + LIGNES_2020_2021[3:]


def test_creer_cycle_refuse_un_mois_invalide():
    with pytest.raises(CommandError, match="Mois invalide"):
        _lancer("--debut", "2020-13", "--fin", "2021-10")
    with pytest.raises(CommandError, match="dernier mois"):
        _lancer("--debut", "2021-10", "--fin", "2020-10")
    assert not Webinaire.objects.exists()
