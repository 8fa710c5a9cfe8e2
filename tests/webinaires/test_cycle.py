from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from tests.factories import AbonnementFactory
from webinaires import services
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
    premier = Webinaire.objects.order_by("session__debut").first()
    assert [s.temps for s in premier.sequences.order_by("ordre")] == [
        "eclairage",
        "temoignage",
        "questions",
        "ressources",
    ]


def test_creer_cycle_deux_fois_ne_cree_aucun_doublon_et_garde_une_date_deplacee():
    _lancer("--debut", "2020-10", "--fin", "2021-10")
    decembre = Webinaire.objects.get(mois=date(2020, 12, 1))
    decembre.session.debut += timedelta(days=-7)
    decembre.session.fin += timedelta(days=-7)
    decembre.session.save()
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


def _lancer_avec_notes(*args):
    """Sortie standard (lignes ISO) et notes en français (sortie d'erreur) de la commande."""
    from io import StringIO

    sortie, notes = StringIO(), StringIO()
    call_command("creer_cycle", *args, stdout=sortie, stderr=notes)
    return sortie.getvalue().splitlines(), notes.getvalue()


def test_creer_cycle_sur_un_mois_deja_couvert_le_signale_et_le_laisse():
    _lancer("--debut", "2020-10", "--fin", "2021-10", "--titre", "Cycle 2020–2021")
    octobre = Webinaire.objects.get(mois=date(2021, 10, 1))
    lignes, notes = _lancer_avec_notes("--debut", "2021-10", "--fin", "2022-10")
    # Octobre 2021 reste au cycle 2020–2021 ; le nouveau cycle a les douze autres mois.
    assert Webinaire.objects.filter(mois__year=2021, mois__month=10).get() == octobre
    assert octobre.cycle.titre == "Cycle 2020–2021"
    nouveau = Cycle.objects.exclude(pk=octobre.cycle_id).get()
    assert nouveau.webinaires.count() == 12
    assert len(lignes) == 12 and lignes[0] == "2021-11-18T13:00:00+01:00"
    assert "octobre 2021 : déjà couvert par le cycle « Cycle 2020–2021 »" in notes
    assert "jeudi 21 octobre 2021" in notes


def test_creer_cycle_cree_des_brouillons_ni_publics_ni_annonces(client):
    from envois import listes
    from envois.models import Envoi
    from webinaires import rappels
    from webinaires.mails import LISTE_ANNONCES

    _lancer("--debut", "2027-01", "--fin", "2027-03")
    janvier = Webinaire.objects.get(mois=date(2027, 1, 1))
    assert janvier.titre == "Webinaire du 21 janvier 2027"
    assert set(Webinaire.objects.values_list("session__statut", flat=True)) == {"brouillon"}
    assert "Webinaire du 21 janvier 2027" not in client.get("/webinaires/").content.decode()
    assert client.get(janvier.get_absolute_url()).status_code == 404
    AbonnementFactory(
        liste=listes.liste_par_code(LISTE_ANNONCES),
        email="abonnee@exemple.org",
        statut="confirme",
        confirme_le=janvier.debut - timedelta(days=30),
    )
    rappels.planifier(maintenant=janvier.debut - timedelta(days=7, minutes=-5))
    assert not Envoi.objects.exists()
    # L'équipe publie quand elle le demande : alors seulement l'annonce devient due.
    lignes, notes = _lancer_avec_notes("--debut", "2027-01", "--fin", "2027-03", "--publier")
    assert len(lignes) == 3 and "3 webinaires publiés" in notes
    assert set(Webinaire.objects.values_list("session__statut", flat=True)) == {"publie"}
    rappels.planifier(maintenant=janvier.debut - timedelta(days=7, minutes=-5))
    assert Envoi.objects.get().genre == "webinaires.annonce"


def test_creer_cycle_publier_d_emblee():
    lignes, notes = _lancer_avec_notes("--debut", "2020-10", "--fin", "2021-10", "--publier")
    assert lignes == LIGNES_2020_2021
    assert Webinaire.objects.filter(session__statut="publie").count() == 13
    assert "13 webinaires créés et publiés" in notes


def test_un_mois_n_a_qu_un_webinaire_tous_cycles_confondus():
    from django.db import IntegrityError, transaction

    _lancer("--debut", "2020-10", "--fin", "2020-10")
    autre = Cycle.objects.create(titre="Autre", slug="autre", debut="2020-10-01", fin="2020-12-01")
    premier = Webinaire.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        services.webinaire_creer(
            cycle=autre,
            mois=date(2020, 10, 1),
            slug="doublon",
            titre="Doublon",
            debut=premier.debut,
            fin=premier.fin,
        )
