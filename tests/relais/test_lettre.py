"""La lettre du programme : archive, numéro, flux Atom, abonnement, envoi exactement une
fois par abonné avec les en-têtes de liste, envoi de test, aperçu."""

from datetime import timedelta

import feedparser
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from envois import services as envois
from envois.enums import StatutAbonnement
from envois.models import Abonnement, Envoi
from relais import services
from relais.enums import StatutNumero
from relais.models import Numero
from tests.factories import NumeroFactory

from .conftest import abonnes

pytestmark = pytest.mark.django_db


def _publie(**champs) -> Numero:
    maintenant = timezone.now()
    return NumeroFactory(
        statut=StatutNumero.ENVOYE, envoi_le=maintenant, publie_le=maintenant, **champs
    )


@pytest.mark.parametrize("nombre", [1, 3])
def test_archive_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    for _ in range(nombre):
        _publie()
    NumeroFactory(titre="Brouillon secret")
    with django_assert_num_queries(1):
        reponse = client.get("/lettre/")
    html = reponse.content.decode()
    assert html.count("/lettre/lettre-") == nombre
    assert "Brouillon secret" not in html
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'action="/lettre/abonnement/"' in html


def test_pied_de_page_mene_a_la_lettre(client, contenu_programme):
    assert 'href="/lettre/"' in client.get("/").content.decode()


def test_numero_publie_nettoye_et_sans_jeton(client, lettre):
    abonnes(lettre, 2)
    numero = _publie(
        corps="## Titre\n\n<script>alert(1)</script>\n\n[lien](javascript:alert(1)) **gras**"
    )
    html = client.get(numero.get_absolute_url()).content.decode()
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript' not in html
    for abonnement in Abonnement.objects.all():
        assert abonnement.jeton not in html


def test_numero_non_paru_introuvable(client):
    numero = NumeroFactory()
    assert client.get(numero.get_absolute_url()).status_code == 404
    assert client.get("/lettre/inconnu/").status_code == 404


def test_flux_atom_valide(client):
    _publie(titre="Lettre de décembre")
    _publie(titre="Lettre de janvier")
    reponse = client.get("/lettre/flux.atom")
    assert reponse["Content-Type"].startswith("application/atom+xml")
    flux = feedparser.parse(reponse.content)
    assert not flux.bozo, flux.get("bozo_exception")
    assert {e.title for e in flux.entries} == {"Lettre de décembre", "Lettre de janvier"}
    assert flux.feed.title.startswith("La lettre du programme")


def test_abonnement_double_opt_in_et_limite(client, lettre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/lettre/abonnement/", {"email": "lea@exemple.org", "nom": "Léa"})
    assert reponse.status_code == 302
    abonnement = Abonnement.objects.get(email="lea@exemple.org")
    assert abonnement.liste == lettre
    assert abonnement.statut == StatutAbonnement.EN_ATTENTE
    assert len(mail.outbox) == 1
    assert "Confirmez votre abonnement" in mail.outbox[0].subject
    codes = [
        client.post("/lettre/abonnement/", {"email": "lea@exemple.org"}).status_code
        for _ in range(12)
    ]
    assert 429 in codes
    assert len(mail.outbox) <= 2


@pytest.mark.parametrize(
    "donnees",
    [
        {"email": ""},
        {"email": "pas-une-adresse"},
        {"email": "a" * 300 + "@exemple.org"},
        {"email": "x@exemple.org\r\nBcc: y@exemple.org"},
        {"email": "x@exemple.org", "nom": "n" * 500},
    ],
)
def test_abonnement_saisies_hostiles(client, lettre, donnees):
    reponse = client.post("/lettre/abonnement/", donnees)
    assert reponse.status_code == 400
    assert 'class="errorlist' in reponse.content.decode()
    assert Abonnement.objects.count() == 0


def test_numero_envoye_une_fois_par_abonne_avec_en_tetes_de_liste(lettre, webinaire):
    attendus = abonnes(lettre, 3)
    Abonnement.objects.create(liste=lettre, email="attente@exemple.org")  # non confirmé
    Abonnement.objects.create(
        liste=lettre, email="parti@exemple.org", statut=StatutAbonnement.DESABONNE
    )
    numero = NumeroFactory(titre="Lettre de décembre")
    services.numero_programmer(numero=numero)
    bilan = envois.traiter()
    assert bilan["envoyes"] == 3
    assert envois.traiter()["envoyes"] == 0  # un second passage n'envoie rien
    assert {m.to[0] for m in mail.outbox} == attendus
    numero.refresh_from_db()
    assert numero.statut == StatutNumero.ENVOYE and numero.publie_le is not None
    message = mail.outbox[0]
    abonnement = Abonnement.objects.get(email=message.to[0])
    assert message.extra_headers["List-Id"].startswith("Lettre du programme <lettre-du-programme.")
    desabonner = message.extra_headers["List-Unsubscribe"]
    assert f"/abonnements/desabonner/{abonnement.jeton}/" in desabonner
    assert "<https://" in desabonner or "<http://" in desabonner
    assert "<mailto:" in desabonner
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert "Voir dans le navigateur" in html and numero.get_absolute_url() in html
    assert f"/abonnements/desabonner/{abonnement.jeton}/" in html
    assert 'style="' in html  # styles en ligne pour les messageries
    assert "<style" not in html
    assert webinaire.titre in html  # prochaines sessions insérées
    assert "Voir dans le navigateur" in message.body
    # Chacun reçoit son propre lien de désabonnement.
    autres = [m for m in mail.outbox if m.to[0] != abonnement.email]
    assert all(abonnement.jeton not in m.body for m in autres)


def test_desabonnement_en_un_clic_sans_cookie_ni_csrf_et_deux_fois(lettre):
    abonnes(lettre, 1)
    numero = NumeroFactory()
    services.numero_programmer(numero=numero)
    envois.traiter()
    abonnement = Abonnement.objects.get()
    lien = mail.outbox[0].extra_headers["List-Unsubscribe"].split(">")[0].lstrip("<")
    chemin = lien.split("testserver", 1)[-1] if "testserver" in lien else lien
    navigateur = Client(enforce_csrf_checks=True)
    for _ in range(2):
        reponse = navigateur.post(chemin, {"List-Unsubscribe": "One-Click"}, HTTP_HOST="testserver")
        assert reponse.status_code == 200
    abonnement.refresh_from_db()
    assert abonnement.statut == StatutAbonnement.DESABONNE
    # Le numéro suivant ne part plus vers cette adresse.
    suivant = NumeroFactory()
    services.numero_programmer(numero=suivant)
    assert envois.traiter()["envoyes"] == 0


def test_envoi_programme_plus_tard_attend_son_heure(lettre):
    abonnes(lettre, 2)
    numero = NumeroFactory()
    services.numero_programmer(numero=numero, envoi_le=timezone.now() + timedelta(hours=2))
    assert envois.traiter()["envoyes"] == 0
    assert envois.traiter(maintenant=timezone.now() + timedelta(hours=3))["envoyes"] == 2
    assert Envoi.objects.filter(genre="relais.numero", statut="envoye").count() == 2


def test_envoi_de_test_et_apercu_en_administration(
    equipe, lettre, django_capture_on_commit_callbacks
):
    numero = NumeroFactory(titre="Lettre à relire")
    with django_capture_on_commit_callbacks(execute=True):
        reponse = equipe.post(
            "/admin/relais/numero/",
            {"action": "envoyer_test", "_selected_action": [numero.pk]},
            follow=True,
        )
    assert reponse.status_code == 200
    assert [m.to for m in mail.outbox] == [["equipe@lerameau.fr"]]
    assert mail.outbox[0].subject == "[Test] Lettre à relire"
    apercu = equipe.get(f"/admin/relais/numero/{numero.pk}/apercu/")
    assert apercu.status_code == 200
    assert "Lettre à relire" in apercu.content.decode()
    politique = apercu["Content-Security-Policy"]
    assert "script-src 'none'" in politique and "sandbox" in politique
    assert "unsafe-inline" not in politique.split("script-src")[1].split(";")[0]
    numero.refresh_from_db()
    assert numero.statut == StatutNumero.BROUILLON

    equipe.post("/admin/relais/numero/", {"action": "programmer", "_selected_action": [numero.pk]})
    numero.refresh_from_db()
    assert numero.statut == StatutNumero.PROGRAMME
