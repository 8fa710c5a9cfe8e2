"""RGPD : page de confidentialité, « Mes données » (archive ZIP préparée par Celery, lien
signé par e-mail), effacement (le résultat garde ses scores, pas l'identité), durées de
conservation appliquées par le beat."""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.enums import StatutInscription
from agenda.models import Inscription, Presence
from autodiagnostic.models import Diagnostic, Resultat
from confidentialite import services, tasks
from confidentialite.enums import StatutDemande
from confidentialite.models import DemandeDonnees
from envois.enums import StatutAbonnement
from envois.models import Abonnement, Envoi, Liste
from programme.models import Utilisateur
from tests.autodiagnostic.conftest import diagnostic_termine
from tests.factories import InscriptionFactory, SessionFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db
MOT_DE_PASSE = "mot-de-passe-solide-42"


def _chemin(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def _personne_active(email="marie@exemple.org", utilisateur=None):
    diagnostic = diagnostic_termine(
        organisation_nom="Les Amis du Quartier", email=email, utilisateur=utilisateur
    )
    session = SessionFactory(dans=timedelta(days=10), titre="Atelier des leviers")
    future = InscriptionFactory(
        session=session, email=email, nom="Marie Curie", organisation="Les Amis du Quartier"
    )
    passee = InscriptionFactory(
        session=SessionFactory(dans=-timedelta(days=30), titre="Webinaire passé"),
        email=email.upper(),
        nom="Marie Curie",
        utilisateur=utilisateur,
    )
    Presence.objects.create(inscription=passee, session=passee.session, present=True)
    liste = Liste.objects.get_or_create(code="lettre", defaults={"nom": "Lettre"})[0]
    Abonnement.objects.create(
        liste=liste, email=email, statut=StatutAbonnement.CONFIRME, confirme_le=timezone.now()
    )
    return diagnostic, future, passee


def test_page_confidentialite_liee_depuis_le_pied_de_chaque_page(client):
    for url in ("/", "/modeles/", "/confidentialite/mes-donnees/"):
        html = client.get(url).content.decode()
        pied = html[html.index("<footer") :]
        assert 'href="/confidentialite/">Confidentialité</a>' in pied
    html = client.get("/confidentialite/").content.decode()
    for attendu in (
        "Base légale",
        "Cookies",
        "sessionid",
        "3 ans après la session",
        "12 mois",
        "dans la session seulement",
        "Qui y a accès",
    ):
        assert attendu in html


def test_mes_donnees_depuis_mon_espace_archive_zip_json_et_csv(
    client, contenu_autodiagnostic, django_capture_on_commit_callbacks
):
    utilisateur = UtilisateurFactory(email="marie@exemple.org", nom="Marie Curie")
    _personne_active(utilisateur=utilisateur)
    client.force_login(utilisateur)
    assert "Mes données" in client.get("/espace/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/confidentialite/mon-compte/export/", follow=True)
    assert "Votre archive est en préparation" in reponse.content.decode()
    demande = DemandeDonnees.objects.get()
    assert demande.statut == StatutDemande.PRETE
    (message,) = [m for m in mail.outbox if "Vos données sont prêtes" in m.subject]
    assert message.to == ["marie@exemple.org"]

    client.logout()  # le lien suffit, comme depuis une autre machine
    reponse = client.get(_chemin(message))
    assert reponse["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(reponse.streaming_content)))
    noms = set(archive.namelist())
    assert {
        "donnees.json",
        "LISEZMOI.txt",
        "agenda/inscriptions.csv",
        "autodiagnostic/diagnostics.csv",
        "envois/abonnements.csv",
        "programme/compte.csv",
    } <= noms
    donnees = json.loads(archive.read("donnees.json"))["donnees"]
    assert {i["session"] for i in donnees["agenda"]["inscriptions"]} == {
        "Atelier des leviers",
        "Webinaire passé",
    }
    assert donnees["agenda"]["presences"][0]["present"] is True
    (diag,) = donnees["autodiagnostic"]["diagnostics"]
    assert diag["organisation"] == "Les Amis du Quartier" and diag["M1"] == 100.0
    assert donnees["programme"]["compte"][0]["nom"] == "Marie Curie"
    assert donnees["envois"]["abonnements"][0]["liste"] == "Lettre"
    lignes = list(
        csv.reader(
            io.StringIO(archive.read("agenda/inscriptions.csv").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert lignes[0][:2] == ["session", "format"] and len(lignes) == 3


def test_mes_donnees_sans_compte_par_lien_recu(client, django_capture_on_commit_callbacks):
    _session, inscription = None, InscriptionFactory(email="paul@exemple.org", nom="Paul")
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            "/confidentialite/mes-donnees/", {"email": "Paul@Exemple.org", "objet": "export"}
        )
    assert "Un lien de confirmation vient de partir" in reponse.content.decode()
    (confirmation,) = mail.outbox
    lien = _chemin(confirmation)
    # Ouvrir le lien ne fait rien (un antivirus de messagerie le suit) : il faut le POST.
    assert "Recevoir mes données</button>" in client.get(lien).content.decode()
    assert DemandeDonnees.objects.get().statut == StatutDemande.A_CONFIRMER
    with django_capture_on_commit_callbacks(execute=True):
        client.post(lien)
    archive_mail = mail.outbox[-1]
    contenu = b"".join(client.get(_chemin(archive_mail)).streaming_content)
    donnees = json.loads(zipfile.ZipFile(io.BytesIO(contenu)).read("donnees.json"))
    assert donnees["donnees"]["agenda"]["inscriptions"][0]["nom"] == inscription.nom
    assert donnees["donnees"]["programme"]["compte"] == []


def test_lien_signe_faux_ou_expire(client, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/confidentialite/mes-donnees/", {"email": "a@exemple.org", "objet": "export"})
    lien = _chemin(mail.outbox[0])
    assert client.get(lien[:-3] + "abc/").status_code == 404
    assert client.get("/confidentialite/archive/" + lien.split("/")[-2] + "/").status_code == 404
    settings.RGPD_LIEN_CONFIRMATION_HEURES = 0
    reponse = client.post(lien)
    assert reponse.status_code == 404 and "Lien expiré" in reponse.content.decode()
    assert DemandeDonnees.objects.get().statut == StatutDemande.A_CONFIRMER


def test_suppression_du_compte_garde_les_scores_et_efface_l_identite(
    client, contenu_autodiagnostic
):
    utilisateur = UtilisateurFactory(email="marie@exemple.org")
    diagnostic, future, passee = _personne_active(utilisateur=utilisateur)
    scores = Resultat.objects.get(diagnostic=diagnostic).scores
    client.force_login(utilisateur)
    reponse = client.post("/confidentialite/mon-compte/supprimer/", {"mot_de_passe": "faux"})
    assert "Mot de passe incorrect." in reponse.content.decode()
    reponse = client.post(
        "/confidentialite/mon-compte/supprimer/",
        {"mot_de_passe": MOT_DE_PASSE, "confirmation": "on"},
        follow=True,
    )
    assert "Votre compte et vos données personnelles ont été effacés." in reponse.content.decode()
    assert not Utilisateur.objects.filter(pk=utilisateur.pk).exists()
    assert not reponse.wsgi_request.user.is_authenticated

    diagnostic = Diagnostic.objects.get(pk=diagnostic.pk)
    assert (diagnostic.organisation_nom, diagnostic.email, diagnostic.utilisateur) == ("", "", None)
    resultat = diagnostic.resultat
    assert resultat.scores == scores and resultat.niveau and resultat.profil == "association"
    for inscription in (future, passee):
        inscription.refresh_from_db()
        assert inscription.nom == "" and inscription.organisation == ""
        assert inscription.email == f"efface-{inscription.pk}@anonyme.invalid"
    assert future.statut == StatutInscription.ANNULEE  # la place est libérée
    assert passee.presences.get().present  # la présence reste dans les statistiques
    assert not Abonnement.objects.exists()
    assert not Envoi.objects.filter(email__iexact="marie@exemple.org").exists()


def test_effacement_sans_compte_confirme_par_post(
    client, contenu_autodiagnostic, django_capture_on_commit_callbacks
):
    diagnostic, future, passee = _personne_active(email="jean@exemple.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/confidentialite/mes-donnees/", {"email": "jean@exemple.org", "objet": "effacement"}
        )
    lien = _chemin(mail.outbox[0])
    assert "Confirmez l'effacement" in mail.outbox[0].subject
    assert "Effacer mes données</button>" in client.get(lien).content.decode()
    assert Inscription.objects.filter(email="jean@exemple.org").exists()
    assert "Vos données ont été effacées." in client.post(lien).content.decode()
    assert not Inscription.objects.filter(email__iexact="jean@exemple.org").exists()
    assert Inscription.objects.filter(session=passee.session).count() == 1
    diagnostic.refresh_from_db()
    assert diagnostic.organisation_nom == "" and diagnostic.resultat.m1 == 100.0
    assert client.post(lien).status_code == 200  # un second POST ne refait rien


def test_conservation_purge_et_anonymise_selon_les_reglages(contenu_autodiagnostic, settings):
    from autodiagnostic import services as services_diagnostic

    maintenant = timezone.now()
    vieux = services_diagnostic.diagnostic_creer(profil="association", email="v@exemple.org")
    recent = services_diagnostic.diagnostic_creer(profil="association")
    termine = diagnostic_termine()
    Diagnostic.objects.filter(pk__in=[vieux.pk, termine.pk]).update(
        modifie_le=maintenant - timedelta(days=400)
    )
    Diagnostic.objects.filter(pk=recent.pk).update(modifie_le=maintenant - timedelta(days=300))
    ancienne = InscriptionFactory(
        session=SessionFactory(dans=-timedelta(days=3 * 365 + 10)), nom="Ancien"
    )
    gardee = InscriptionFactory(session=SessionFactory(dans=-timedelta(days=2 * 365)), nom="Récent")

    bilan = tasks.appliquer_conservation.delay().get()
    assert bilan["autodiagnostic.inacheves"] == 1 and bilan["agenda.inscrits"] == 1
    assert set(Diagnostic.objects.values_list("pk", flat=True)) == {recent.pk, termine.pk}
    ancienne.refresh_from_db()
    gardee.refresh_from_db()
    assert ancienne.nom == "" and ancienne.email.endswith("@anonyme.invalid")
    assert gardee.nom == "Récent"
    assert services.conservation_appliquer()["agenda.inscrits"] == 0  # déjà fait

    settings.RGPD_INSCRITS_ANNEES = 1  # réglable
    assert services.conservation_appliquer()["agenda.inscrits"] == 1


def test_archive_expiree_supprimee_par_la_conservation(client, django_capture_on_commit_callbacks):
    utilisateur = UtilisateurFactory()
    client.force_login(utilisateur)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/confidentialite/mon-compte/export/")
    demande = DemandeDonnees.objects.get()
    assert services.stockage().exists(demande.archive)
    bilan = services.conservation_appliquer(maintenant=timezone.now() + timedelta(days=8))
    assert bilan["confidentialite.archives"] == 1
    assert not services.stockage().exists(demande.archive)
    assert not DemandeDonnees.objects.exists()  # ni archive, ni adresse
    assert client.get(_chemin(mail.outbox[-1])).status_code == 404


def test_demande_sans_compte_limitee_par_adresse(client):
    for _ in range(3):
        reponse = client.post(
            "/confidentialite/mes-donnees/", {"email": "cible@exemple.org", "objet": "export"}
        )
        assert reponse.status_code == 200
    reponse = client.post(
        "/confidentialite/mes-donnees/", {"email": "cible@exemple.org", "objet": "effacement"}
    )
    assert reponse.status_code == 429 and "Trop de demandes" in reponse.content.decode()
    assert DemandeDonnees.objects.count() == 3


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(email=st.text(max_size=300), objet=st.text(max_size=30))
def test_formulaire_mes_donnees_entrees_hostiles(email, objet):
    reponse = Client().post("/confidentialite/mes-donnees/", {"email": email, "objet": objet})
    assert reponse.status_code in (200, 400, 429)
    if reponse.status_code == 200 and "Vérifiez votre messagerie" not in reponse.content.decode():
        assert "errorlist" in reponse.content.decode()


def test_compte_a_plusieurs_adresses_export_et_effacement_de_toutes(
    client, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    utilisateur = UtilisateurFactory(email="principale@exemple.org")
    EmailAddress.objects.create(user=utilisateur, email="Pro@Exemple.org", verified=True)
    EmailAddress.objects.create(user=utilisateur, email="pas-verifiee@exemple.org")
    pro = InscriptionFactory(email="pro@exemple.org", nom="Par l'adresse pro")
    autre = InscriptionFactory(email="pas-verifiee@exemple.org", nom="Pas la sienne")
    InscriptionFactory(email="principale@exemple.org", utilisateur=utilisateur, nom="Les deux")
    client.force_login(utilisateur)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/confidentialite/mon-compte/export/")
    contenu = b"".join(client.get(_chemin(mail.outbox[-1])).streaming_content)
    inscriptions = json.loads(zipfile.ZipFile(io.BytesIO(contenu)).read("donnees.json"))["donnees"][
        "agenda"
    ]["inscriptions"]
    assert sorted(i["nom"] for i in inscriptions) == ["Les deux", "Par l'adresse pro"]

    client.post(
        "/confidentialite/mon-compte/supprimer/",
        {"mot_de_passe": MOT_DE_PASSE, "confirmation": "on"},
    )
    pro.refresh_from_db()
    autre.refresh_from_db()
    assert pro.nom == "" and autre.nom == "Pas la sienne"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(signe=st.text(min_size=1, max_size=400))
def test_liens_signes_hostiles_jamais_d_erreur_serveur(signe):
    from urllib.parse import quote

    client = Client()
    for prefixe in ("/confidentialite/demande/", "/confidentialite/archive/"):
        reponse = client.get(prefixe + quote(signe, safe="") + "/")
        assert reponse.status_code in (400, 404)
    assert client.post("/confidentialite/demande/" + quote(signe, safe="") + "/").status_code in (
        400,
        403,
        404,
    )
