"""Le mécanisme d'envoi de la boîte d'envoi, sur de vrais rappels de webinaires : lots,
bail, reprise après un worker tué, deux traitements simultanés, coupure avant le « . »."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from envois import registre
from envois import services as envois
from envois.models import Envoi
from tests.webinaires.conftest import inscrit
from webinaires import rappels

from . import compteur

pytestmark = pytest.mark.django_db


def test_une_connexion_smtp_par_lot(webinaire, settings):
    settings.EMAIL_BACKEND = "tests.envois.compteur.CompteurBackend"
    compteur.OUVERTURES.clear()
    for i in range(25):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    assert envois.envoyer_dus(maintenant=instant, taille_lot=10) == 25
    assert len(compteur.OUVERTURES) == 3
    assert len(mail.outbox) == 25


def test_lots_rendus_faute_de_temps_ne_comptent_pas_comme_des_tentatives(webinaire, settings):
    """Machine lente : chaque lot n'a le temps d'envoyer qu'un message et rend le reste. Les
    lignes rendues douze fois ne sont pas « échec » pour autant : toutes partent, une fois."""
    settings.ENVOIS_BAIL_SECONDES = 0
    for i in range(12):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    assert envois.envoyer_dus(maintenant=instant, taille_lot=10) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{i}@exemple.org" for i in range(12))
    heure = Envoi.objects.filter(genre="webinaires.heure")
    assert set(heure.values_list("statut", flat=True)) == {"envoye"}


def test_lot_d_un_worker_tue_est_repris_sans_doublon(webinaire, settings):
    settings.ENVOIS_BAIL_SECONDES = 60
    for i in range(4):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    # Un worker a réservé le lot, envoyé deux messages, puis a été tué.
    lot = envois._reserver_lot(maintenant=instant, taille=10)
    Envoi.objects.filter(id__in=lot.ids[:2]).update(statut="envoye")
    assert envois.envoyer_dus(maintenant=instant) == 0  # bail pas encore expiré
    Envoi.objects.filter(statut="en_cours").update(
        reserve_le=timezone.now() - timedelta(seconds=61)
    )
    assert envois.envoyer_dus(maintenant=instant) == 2
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
            return envois.traiter(maintenant=instant, taille_lot=20)["envoyes"]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        envoyes = list(pool.map(traiter, range(4)))
    assert sum(envoyes) == 300
    assert len(mail.outbox) == 300
    assert len({m.to[0] for m in mail.outbox}) == 300


def test_lot_repris_par_un_autre_worker_n_est_plus_envoye_par_le_premier(webinaire):
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    lot = envois._reserver_lot(maintenant=instant, taille=10)
    # Le bail a expiré (worker figé) et un autre worker a repris le lot.
    Envoi.objects.filter(id__in=lot.ids).update(reserve_le=timezone.now())
    assert envois.envoyer_lot(lot) == 0
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
        lot = envois._reserver_lot(maintenant=instant, taille=10)
        Envoi.objects.filter(id__in=lot.ids[1:]).update(reserve_le=timezone.now())
        assert envois.envoyer_lot(lot) == 1
        time.sleep(0.3)
        assert dict(puits.recus) == {"p0@exemple.org": 1}


def test_message_impossible_a_composer_note_echec_visible_et_le_lot_continue(webinaire):
    """Un gabarit cassé ne bloque pas le lot et ne se perd pas : « échec », avec l'erreur."""
    for i in range(3):
        inscrit(webinaire, f"p{i}@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    instant = webinaire.debut - timedelta(minutes=59)
    rappels.planifier(maintenant=instant)
    casse = Envoi.objects.filter(genre="webinaires.heure").order_by("id").first()
    genre = registre.GENRES["webinaires.heure"]
    original = genre.composer

    def composer(envoi, prepare, connexion):
        if envoi.pk == casse.pk:
            raise ValueError("gabarit introuvable")
        return original(envoi, prepare, connexion)

    registre.GENRES["webinaires.heure"] = registre.Genre(**{**genre.__dict__, "composer": composer})
    try:
        assert envois.envoyer_dus(maintenant=instant) == 2
    finally:
        registre.GENRES["webinaires.heure"] = genre
    casse.refresh_from_db()
    assert casse.statut == "echec" and "gabarit introuvable" in casse.erreur
    assert len(mail.outbox) == 2


def test_echecs_visibles_et_remis_en_file_depuis_l_administration(admin_client, webinaire):
    inscrit(webinaire, "p@exemple.org", confirmee_le=webinaire.debut - timedelta(9))
    rappels.planifier(maintenant=webinaire.debut - timedelta(minutes=59))
    envoi = Envoi.objects.get(genre="webinaires.heure")
    Envoi.objects.filter(pk=envoi.pk).update(statut="echec", erreur="SMTP injoignable")
    html = admin_client.get("/admin/envois/envoi/?statut__exact=echec").content.decode()
    assert "p@exemple.org" in html and "Webinaire : Rappel une heure avant" in html
    admin_client.post(
        "/admin/envois/envoi/", {"action": "renvoyer", "_selected_action": [envoi.pk]}
    )
    envoi.refresh_from_db()
    assert envoi.statut in ("a_envoyer", "envoye")
