from datetime import UTC, date, datetime

import pytest

from webinaires import dates

ATTENDUES_UTC = [
    datetime(2020, 10, 15, 11, 0, tzinfo=UTC),  # heure d'été
    datetime(2020, 11, 19, 12, 0, tzinfo=UTC),  # heure d'hiver
    datetime(2020, 12, 17, 12, 0, tzinfo=UTC),
    datetime(2021, 1, 21, 12, 0, tzinfo=UTC),
    datetime(2021, 2, 18, 12, 0, tzinfo=UTC),
    datetime(2021, 3, 18, 12, 0, tzinfo=UTC),  # avant le passage à l'heure d'été (28 mars)
    datetime(2021, 4, 15, 11, 0, tzinfo=UTC),
    datetime(2021, 5, 20, 11, 0, tzinfo=UTC),
    datetime(2021, 6, 17, 11, 0, tzinfo=UTC),
    datetime(2021, 7, 15, 11, 0, tzinfo=UTC),
    datetime(2021, 8, 19, 11, 0, tzinfo=UTC),
    datetime(2021, 9, 16, 11, 0, tzinfo=UTC),
    datetime(2021, 10, 21, 11, 0, tzinfo=UTC),
]


def test_troisiemes_jeudis_2020_2021_en_utc_a_travers_le_changement_d_heure():
    creneaux = dates.creneaux_du_cycle(date(2020, 10, 1), date(2021, 10, 1))
    assert [debut.astimezone(UTC) for _m, debut, _f in creneaux] == ATTENDUES_UTC
    for _mois, debut, fin in creneaux:
        assert debut.weekday() == 3
        assert 15 <= debut.day <= 21
        assert (fin - debut).total_seconds() == 90 * 60
        assert debut.astimezone(dates.PARIS).strftime("%H:%M") == "13:00"
        assert fin.astimezone(dates.PARIS).strftime("%H:%M") == "14:30"


def test_troisieme_jeudi_quand_le_mois_commence_un_jeudi():
    assert dates.troisieme_jeudi(2020, 10) == date(2020, 10, 15)  # 1er octobre 2020 : jeudi


def test_lire_mois_refuse_une_saisie_invalide_avec_un_message_francais():
    assert dates.lire_mois("2020-10") == date(2020, 10, 1)
    with pytest.raises(ValueError, match="attendu AAAA-MM"):
        dates.lire_mois("octobre")
    with pytest.raises(ValueError, match="attendu AAAA-MM"):
        dates.lire_mois("2020-13")
