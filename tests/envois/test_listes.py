"""Listes de diffusion : double opt-in, désabonnement en un clic, préférences, suppression."""

import pytest
from django.core import mail
from django.test import Client

from envois import listes, services
from envois.models import Abonnement, Envoi, Liste, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def lettre():
    # La liste vient de la migration de données de ``relais`` (créée ici sans elle).
    liste, _ = Liste.objects.get_or_create(
        code="lettre-du-programme", defaults={"nom": "Lettre du programme"}
    )
    return liste


def test_listes_de_reference_creees_par_la_migration():
    assert Liste.objects.filter(code="annonces-du-cycle").exists()


def test_dix_demandes_pour_la_meme_adresse_un_seul_e_mail(
    lettre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _fois in range(10):
            listes.abonnement_demander(liste=lettre, email="victime@exemple.org")
    assert len(mail.outbox) == 1
    assert Abonnement.objects.count() == 1
    assert Envoi.objects.filter(genre=listes.GENRE_CONFIRMATION).count() == 1


def test_confirmation_par_post_seulement(client, lettre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        abonnement = listes.abonnement_demander(liste=lettre, email="a@exemple.org")
    lien = f"/abonnements/confirmer/{abonnement.jeton}/"
    assert lien in mail.outbox[0].body
    assert "Lettre du programme" in mail.outbox[0].subject
    client.get(lien)  # un analyseur de liens ouvre la page…
    abonnement.refresh_from_db()
    assert abonnement.statut == "en_attente"  # … sans rien confirmer
    client.post(lien)
    abonnement.refresh_from_db()
    assert abonnement.statut == "confirme"


def test_desabonnement_en_un_clic_sans_cookie_ni_csrf_deux_fois(lettre):
    abonnement = Abonnement.objects.create(liste=lettre, email="a@exemple.org", statut="confirme")
    messagerie = Client(enforce_csrf_checks=True)
    for _fois in range(2):
        reponse = messagerie.post(
            f"/abonnements/desabonner/{abonnement.jeton}/", {"List-Unsubscribe": "One-Click"}
        )
        assert reponse.status_code == 200
        abonnement.refresh_from_db()
        assert abonnement.statut == "desabonne"


def test_en_tetes_de_liste_rfc_2919_et_8058(lettre, settings):
    settings.SITE_URL = "https://modeles.lerameau.fr"
    abonnement = Abonnement.objects.create(liste=lettre, email="a@exemple.org", statut="confirme")
    en_tetes = listes.en_tetes_liste(abonnement)
    assert en_tetes["List-Id"] == "Lettre du programme <lettre-du-programme.modeles.lerameau.fr>"
    https, mailto = en_tetes["List-Unsubscribe"].split(", ")
    assert https == f"<https://modeles.lerameau.fr/abonnements/desabonner/{abonnement.jeton}/>"
    assert mailto.startswith("<mailto:programme@lerameau.fr?subject=")
    assert en_tetes["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_jeton_inconnu_404(client):
    for url in ("/abonnements/confirmer/x/", "/abonnements/desabonner/x/"):
        assert client.get(url).status_code == 404
    assert client.get("/abonnements/preferences/faux/").status_code == 404


def test_page_des_preferences_coche_et_decoche(client, lettre):
    annonces = Liste.objects.get(code="annonces-du-cycle")
    Abonnement.objects.create(liste=annonces, email="a@exemple.org", statut="confirme")
    url = listes.lien_preferences("A@exemple.org").split("testserver")[-1]
    url = url[url.index("/abonnements/") :]
    html = client.get(url).content.decode()
    assert "a@exemple.org" in html
    assert 'value="annonces-du-cycle" id="liste-annonces-du-cycle" checked' in html
    client.post(url, {"listes": ["lettre-du-programme"]})
    etats = dict(Abonnement.objects.values_list("liste__code", "statut"))
    assert etats == {"annonces-du-cycle": "desabonne", "lettre-du-programme": "confirme"}
    # Un lien falsifié (autre adresse, signature fausse) ne mène nulle part.
    assert client.get(url.replace("/preferences/", "/preferences/x")).status_code == 404


def test_ne_plus_rien_recevoir_met_en_suppression(client, lettre):
    Abonnement.objects.create(liste=lettre, email="a@exemple.org", statut="confirme")
    url = listes.lien_preferences("a@exemple.org")
    url = url[url.index("/abonnements/") :]
    client.post(url, {"tout": "1"})
    assert Suppression.objects.get().motif == "desabonnement"
    assert Abonnement.objects.get().statut == "desabonne"
    assert "ne reçoit plus que les e-mails" in client.get(url).content.decode()


def test_adresse_supprimee_recoit_encore_le_transactionnel_demande(
    lettre, django_capture_on_commit_callbacks
):
    """Une adresse en suppression redemande une liste : la confirmation part (elle l'a
    demandée), et la confirmer la sort de la suppression."""
    listes.suppression_ajouter(email="a@exemple.org", motif="desabonnement")
    with django_capture_on_commit_callbacks(execute=True):
        abonnement = listes.abonnement_demander(liste=lettre, email="a@exemple.org")
    assert len(mail.outbox) == 1
    listes.abonnement_confirmer(abonnement=abonnement)
    assert not Suppression.objects.exists()
    assert services.traiter()["envoyes"] == 0


@pytest.mark.parametrize("modele", ["envoi", "liste", "abonnement", "suppression"])
def test_listes_d_administration(admin_client, lettre, modele):
    Abonnement.objects.create(liste=lettre, email="a@exemple.org")
    assert admin_client.get(f"/admin/envois/{modele}/").status_code == 200


def test_suppression_ajoutee_par_l_equipe_resilie_les_abonnements(admin_client, lettre):
    Abonnement.objects.create(liste=lettre, email="a@exemple.org", statut="confirme")
    admin_client.post(
        "/admin/envois/suppression/add/", {"email": "A@exemple.org", "motif": "plainte"}
    )
    assert Suppression.objects.get().motif == "plainte"
    assert Abonnement.objects.get().statut == "desabonne"
