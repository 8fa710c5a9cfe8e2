import time
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from webinaires import rappels, services
from webinaires.models import Abonnement, Envoi

from . import compteur
from .conftest import inscrit

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _abonne(cycle, email, *, confirme_le):
    return Abonnement.objects.create(
        cycle=cycle, email=email, statut="confirme", confirme_le=confirme_le
    )


def test_rappels_veille_et_heure_une_seule_fois_avec_le_lien(webinaire):
    longtemps = webinaire.debut - timedelta(days=30)
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=longtemps)
    veille = webinaire.debut - timedelta(days=1) + timedelta(minutes=2)
    assert rappels.traiter(maintenant=veille)["envoyes"] == 3
    assert rappels.traiter(maintenant=veille + timedelta(minutes=5))["envoyes"] == 0
    assert {m.to[0] for m in mail.outbox} == {"p0@exemple.org", "p1@exemple.org", "p2@exemple.org"}
    assert all("https://visio.exemple.org/salle" in m.body for m in mail.outbox)
    assert all(m.subject.startswith("Demain") for m in mail.outbox)
    heure = webinaire.debut - timedelta(minutes=55)
    assert rappels.traiter(maintenant=heure)["envoyes"] == 3
    assert Envoi.objects.filter(statut="envoye").count() == 6
    assert len(mail.outbox) == 6


def test_inscrit_apres_l_heure_du_rappel_ne_le_recoit_pas(webinaire):
    moment_veille = webinaire.debut - timedelta(days=1)
    inscrit(webinaire, "tot@exemple.org", confirmee_le=moment_veille - timedelta(hours=2))
    inscrit(webinaire, "tard@exemple.org", confirmee_le=moment_veille + timedelta(minutes=1))
    rappels.traiter(maintenant=moment_veille + timedelta(minutes=10))
    assert [m.to for m in mail.outbox] == [["tot@exemple.org"]]


def test_annonce_aux_abonnes_avec_desabonnement_en_un_clic(webinaire):
    abonne = _abonne(webinaire.cycle, "abonne@exemple.org", confirme_le=timezone.now())
    Abonnement.objects.create(cycle=webinaire.cycle, email="pas-confirme@exemple.org")
    rappels.traiter(maintenant=webinaire.debut - timedelta(days=7) + timedelta(minutes=1))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Prochain webinaire")
    assert message.extra_headers["List-Unsubscribe"].endswith(
        f"/webinaires/abonnement/desabonner/{abonne.jeton}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_apres_une_panne_rattrape_dans_la_fenetre_et_note_le_reste_manque(webinaire, settings):
    settings.WEBINAIRES_FENETRE_RATTRAPAGE_HEURES = 6
    _abonne(webinaire.cycle, "a@exemple.org", confirme_le=webinaire.debut - timedelta(days=60))
    inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(days=60))
    # Annonce due il y a 7 jours − 1 h = hors fenêtre ; veille due il y a 5 h = dans la fenêtre.
    redemarrage = webinaire.debut - timedelta(hours=19)
    bilan = rappels.traiter(maintenant=redemarrage)
    assert bilan["envoyes"] == 1 and bilan["manques"] == 1
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Demain"]
    assert Envoi.objects.get(type="annonce").statut == "manque"
    # Le rappel d'une heure avant, si le serveur revient après le début, est manqué.
    bilan = rappels.traiter(maintenant=webinaire.debut + timedelta(minutes=10))
    assert bilan["envoyes"] == 0 and Envoi.objects.get(type="heure").statut == "manque"


def test_replay_envoye_une_fois_quand_l_equipe_l_ajoute(fabrique_webinaire):
    passe = fabrique_webinaire(dans=timedelta(days=-2))
    inscrit(passe, "i@exemple.org", confirmee_le=passe.debut - timedelta(days=3))
    assert rappels.traiter()["envoyes"] == 0
    passe.lien_replay = "https://replay.exemple.org/42"
    passe.ressources = "Fiche repère | https://exemple.org/fiche.pdf"
    passe.save()
    services.marquer_modification(webinaire=passe, dates_changees=False, replay_ajoute=True)
    assert rappels.traiter()["envoyes"] == 1
    assert rappels.traiter()["envoyes"] == 0
    assert "https://replay.exemple.org/42" in mail.outbox[0].body
    assert "https://exemple.org/fiche.pdf" in mail.outbox[0].body


def test_desinscrit_entre_reservation_et_envoi_n_est_pas_ecrit(webinaire):
    inscription = inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    services.annuler_inscription(jeton=inscription.jeton)
    assert rappels.envoyer_dus(maintenant=instant) == 0
    assert Envoi.objects.get(type="heure").statut == "abandonne"


def test_une_connexion_smtp_par_lot(webinaire, settings):
    settings.EMAIL_BACKEND = "tests.webinaires.compteur.CompteurBackend"
    compteur.OUVERTURES.clear()
    for i in range(25):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    assert rappels.envoyer_dus(maintenant=instant, taille_lot=10) == 25
    assert len(compteur.OUVERTURES) == 3
    assert len(mail.outbox) == 25


def test_lot_d_un_worker_tue_est_repris_sans_doublon(webinaire, settings):
    settings.WEBINAIRES_BAIL_ENVOI_SECONDES = 60
    for i in range(4):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    # Un worker a réservé le lot, envoyé deux messages, puis a été tué.
    lot = rappels._reserver_lot(maintenant=instant, taille=10)
    Envoi.objects.filter(id__in=lot.ids[:2]).update(statut="envoye")
    assert rappels.envoyer_dus(maintenant=instant) == 0  # bail pas encore expiré
    Envoi.objects.filter(statut="en_cours").update(
        reserve_le=timezone.now() - timedelta(seconds=61)
    )
    assert rappels.envoyer_dus(maintenant=instant) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@exemple.org", "p3@exemple.org"]


@pytest.mark.django_db(transaction=True)
def test_deux_traitements_simultanes_n_envoient_qu_une_fois(fabrique_webinaire):
    from concurrent.futures import ThreadPoolExecutor

    webinaire = fabrique_webinaire()
    for i in range(300):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)

    def traiter(_):
        try:
            return rappels.traiter(maintenant=instant, taille_lot=20)["envoyes"]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        envoyes = list(pool.map(traiter, range(4)))
    assert sum(envoyes) == 300
    assert len(mail.outbox) == 300
    assert len({m.to[0] for m in mail.outbox}) == 300


def test_commande_envoyer_rappels_avec_maintenant(webinaire):
    inscrit(webinaire, "i@exemple.org", confirmee_le=webinaire.debut - timedelta(days=9))
    instant = (webinaire.debut - timedelta(minutes=50)).astimezone(PARIS)
    sortie = StringIO()
    call_command("envoyer_rappels", "--maintenant", instant.isoformat(), stdout=sortie)
    assert "1 envoyé(s)" in sortie.getvalue()
    with pytest.raises(CommandError, match="Instant invalide"):
        call_command("envoyer_rappels", "--maintenant", "demain")
    with pytest.raises(CommandError, match="décalage"):
        call_command("envoyer_rappels", "--maintenant", "2020-11-18T12:00")


def test_commande_sur_le_cycle_2020(db):
    """L'exemple de l'issue : le 18 novembre 2020 à midi, la veille du webinaire du 19."""
    call_command(
        "creer_cycle", "--debut", "2020-10", "--fin", "2021-10", "--publier", stdout=StringIO()
    )
    from webinaires.models import Webinaire

    novembre = Webinaire.objects.get(debut=datetime(2020, 11, 19, 13, tzinfo=PARIS))
    inscrit(novembre, "i@exemple.org", confirmee_le=datetime(2020, 11, 1, tzinfo=PARIS))
    sortie = StringIO()
    call_command("envoyer_rappels", "--maintenant", "2020-11-18T13:30+01:00", stdout=sortie)
    assert "1 envoyé(s)" in sortie.getvalue()
    assert mail.outbox[0].subject.startswith("Demain")


def test_lot_repris_par_un_autre_worker_n_est_plus_envoye_par_le_premier(webinaire):
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    lot = rappels._reserver_lot(maintenant=instant, taille=10)
    # Le bail a expiré (worker figé) et un autre worker a repris le lot.
    Envoi.objects.filter(id__in=lot.ids).update(reserve_le=timezone.now())
    assert rappels.envoyer_lot(lot) == 0
    assert mail.outbox == []
    assert Envoi.objects.filter(statut="en_cours").count() == 3


@pytest.mark.django_db(transaction=True)
def test_par_smtp_un_message_dont_le_lot_est_repris_est_coupe_avant_son_point_final(
    fabrique_webinaire, settings
):
    from .puits import Puits

    webinaire = fabrique_webinaire()
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    with Puits() as puits:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", puits.port
        rappels.planifier(maintenant=instant)
        lot = rappels._reserver_lot(maintenant=instant, taille=10)
        Envoi.objects.filter(id__in=lot.ids[1:]).update(reserve_le=timezone.now())
        assert rappels.envoyer_lot(lot) == 1
        time.sleep(0.3)
        assert dict(puits.recus) == {"p0@exemple.org": 1}
