import logging
import threading
from html import unescape

import pytest
from django.db import connection

from programme.models import ModeleSocioEconomique
from ressources import services, views
from ressources.enums import GenreFiche, StatutFiche
from ressources.models import FichePDF, Ressource
from ressources.selectors import contexte_fiche_generique

from .conftest import contenu_reponse, lire_pdf, texte_pdf

URL = "/ressources/fiche-repere.pdf"


def _obtenir_pdf(client, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL)
    reponse = client.get(URL)
    assert reponse["Content-Type"] == "application/pdf", reponse.content[:500]
    return contenu_reponse(reponse)


@pytest.mark.django_db
def test_premiere_demande_affiche_en_preparation_puis_sert_le_pdf(
    client, django_capture_on_commit_callbacks, fichiers_pdf
):
    with django_capture_on_commit_callbacks() as rappels:
        reponse = client.get(URL)
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert "Fiche en préparation…" in html
    assert 'aria-live="polite"' in html
    assert 'hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert len(rappels) == 1  # la tâche part après le commit, pas pendant la requête
    assert fichiers_pdf() == []
    fiche = FichePDF.objects.get()
    assert (fiche.genre, fiche.statut) == (GenreFiche.GENERIQUE, StatutFiche.EN_ATTENTE)

    # Une seconde demande pendant la préparation ne relance rien.
    with django_capture_on_commit_callbacks() as rappels_bis:
        client.get(URL)
    assert rappels_bis == []

    for rappel in rappels:
        rappel()
    fiche.refresh_from_db()
    assert fiche.statut == StatutFiche.PRETE, fiche.erreur
    reponse = client.get(URL)
    assert reponse["Content-Type"] == "application/pdf"
    assert "fiche-repere-modeles-socio-economiques.pdf" in reponse["Content-Disposition"]
    contenu = contenu_reponse(reponse)
    assert len(fichiers_pdf()) == 1

    lecteur = lire_pdf(contenu)
    assert 2 <= len(lecteur.pages) <= 4
    assert lecteur.metadata.title == "Fiche repère « modèles socio-économiques d'intérêt général »"
    assert lecteur.metadata.author == "Le RAMEAU"
    assert lecteur.trailer["/Root"]["/Lang"] == "fr"
    polices = {
        str(police["/BaseFont"])
        for page in lecteur.pages
        for police in page["/Resources"]["/Font"].values()
    }
    # Une seule famille, incorporée en sous-ensemble (normal et gras).
    assert len(polices) <= 2 and all("+DejaVu-Sans" in p for p in polices)

    texte = texte_pdf(contenu)
    for attendu in (
        "Qu'est-ce qu'un modèle socio-économique ?",
        "Richesses humaines",
        "Structure d'intérêt général",
        "Opérateur économique à finalité sociale",
        "Autonomie des membres",
        "Modèle mutualisé",
        "Financements publics",
        "Sessions de co-développement",
        "Contenus académiques",
        "S'informer",
        "Se former",
        "Agir / accompagner",
    ):
        assert attendu in texte, attendu
    liens = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in lecteur.pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }
    assert "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations" in liens
    assert "https://modeles-socio-economiques.plateformecapitalisation.org/" in liens
    for code in ("M1", "M2", "M3", "M4", "M5", "M6", "M7"):
        assert code in texte


@pytest.mark.django_db
def test_fragment_htmx_suit_l_etat_sans_jamais_servir_le_pdf(
    client, django_capture_on_commit_callbacks
):
    entetes = {"HX-Request": "true"}
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.get(URL, headers=entetes)
    html = unescape(reponse.content.decode())
    assert "<html" not in html
    assert "Fiche en préparation…" in html
    assert f'hx-get="{URL}" hx-trigger="every 2s"' in html

    reponse = client.get(URL, headers=entetes)
    html = unescape(reponse.content.decode())
    assert reponse["Content-Type"].startswith("text/html")
    assert "La fiche est prête." in html
    assert "hx-trigger" not in html  # l'interrogation s'arrête
    assert f'href="{URL}"' in html


@pytest.mark.django_db
def test_modification_en_administration_donne_une_nouvelle_fiche(
    admin_client, django_capture_on_commit_callbacks, fichiers_pdf
):
    premier = _obtenir_pdf(admin_client, django_capture_on_commit_callbacks)
    assert "Prestations et valorisation de savoir-faire" in texte_pdf(premier)
    ancien = fichiers_pdf()

    modele = ModeleSocioEconomique.objects.get(code="M2")
    donnees = {
        champ: getattr(modele, champ)
        for champ in (
            "code",
            "ordre",
            "sous_titre",
            "ressources",
            "domaines",
            "avantages",
            "inconvenients",
            "logique",
        )
    }
    donnees["nom"] = "Économie des prestations éditée"
    reponse = admin_client.post(
        f"/admin/programme/modelesocioeconomique/{modele.pk}/change/", donnees
    )
    assert reponse.status_code == 302, reponse.content.decode()[:2000]

    # Le contenu a changé : l'ancien fichier n'est plus servi, une nouvelle fiche se prépare.
    with django_capture_on_commit_callbacks() as rappels:
        reponse = admin_client.get(URL)
    assert "Fiche en préparation…" in reponse.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for rappel in rappels:
            rappel()
    texte = texte_pdf(contenu_reponse(admin_client.get(URL)))
    assert "Économie des prestations éditée" in texte
    assert "Prestations et valorisation de savoir-faire" not in texte
    # Le rendu périmé et son fichier sont supprimés.
    assert FichePDF.objects.count() == 1
    assert len(fichiers_pdf()) == 1 and fichiers_pdf() != ancien


@pytest.fixture
def gabarit_casse(settings, tmp_path):
    """Un gabarit de fiche qui échoue au rendu, placé avant ceux du projet."""
    dossier = tmp_path / "gabarits" / "ressources" / "fiche"
    dossier.mkdir(parents=True)
    (dossier / "generique.html").write_text(
        '{% extends "ressources/fiche/base.html" %}{% block corps %}'
        '{% include "ressources/fiche/absent.html" %}{% endblock %}'
    )
    dossiers = [tmp_path / "gabarits", *settings.TEMPLATES[0]["DIRS"]]
    moteur = {**settings.TEMPLATES[0], "DIRS": dossiers}
    settings.TEMPLATES = [moteur]
    return moteur


@pytest.mark.django_db
def test_rendu_en_echec_affiche_l_erreur_sans_fichier_puis_reessayer(
    client, settings, gabarit_casse, django_capture_on_commit_callbacks, fichiers_pdf
):
    from rameau.celery import app

    # En mode eager, les nouvelles tentatives s'enchaînent sans délai si l'exception de
    # « retry » n'est pas propagée à l'appelant.
    app.conf.CELERY_TASK_EAGER_PROPAGATES = False
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL)
    fiche = FichePDF.objects.get()
    assert fiche.statut == StatutFiche.ECHEC
    assert fiche.tentatives == 4  # le premier essai et trois nouvelles tentatives
    assert "TemplateDoesNotExist" in fiche.erreur
    assert not fiche.fichier
    assert fichiers_pdf() == []

    reponse = client.get(URL)
    html = unescape(reponse.content.decode())
    assert reponse["Content-Type"].startswith("text/html")
    assert "La préparation de la fiche a échoué" in html
    assert 'method="post"' in html and ">Réessayer</button>" in html
    assert "http-equiv" not in html  # plus d'actualisation automatique

    # Le gabarit est réparé : « Réessayer » relance le rendu, qui aboutit.
    settings.TEMPLATES = [{**gabarit_casse, "DIRS": gabarit_casse["DIRS"][1:]}]
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL)
    assert reponse.status_code == 302 and reponse["Location"] == URL
    fiche.refresh_from_db()
    assert fiche.statut == StatutFiche.PRETE
    assert client.get(URL)["Content-Type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_demandes_simultanees_ne_lancent_qu_un_rendu(contenu_programme, fichiers_pdf):
    contexte = contexte_fiche_generique(site_url="http://test")
    depart = threading.Barrier(4)
    erreurs = []

    def demander():
        try:
            depart.wait()
            services.fiche_demander(
                genre=GenreFiche.GENERIQUE,
                cle="generique",
                gabarit=views.GABARIT_GENERIQUE,
                contexte=contexte,
            )
        except Exception as exc:  # pragma: no cover - remonté par l'assertion
            erreurs.append(exc)
        finally:
            connection.close()

    fils = [threading.Thread(target=demander) for _ in range(4)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert erreurs == []
    fiche = FichePDF.objects.get()
    assert fiche.statut == StatutFiche.PRETE
    assert fiche.tentatives == 1
    assert len(fichiers_pdf()) == 1


def test_ressource_distante_ou_hors_des_dossiers_refusee_par_le_rendu(tmp_path, caplog):
    from ressources import pdf

    fuite = tmp_path / "fuite.css"
    fuite.write_text('body::before { content: "FUITE" }')
    contenu = pdf.rendre_pdf(
        '<html lang="fr"><head><title>t</title>'
        f'<link rel="stylesheet" href="{fuite.as_uri()}">'
        '<link rel="stylesheet" href="https://exemple.invalid/x.css"></head>'
        '<body><img src="file:///etc/passwd" alt=""><p>Texte</p></body></html>'
    )
    assert contenu.startswith(b"%PDF-")
    texte = texte_pdf(contenu)
    assert "Texte" in texte
    assert "FUITE" not in texte  # la feuille locale hors des dossiers autorisés est ignorée
    refusees = " ".join(r.getMessage() for r in caplog.records)
    for url in (fuite.as_uri(), "https://exemple.invalid/x.css", "file:///etc/passwd"):
        assert f"Ressource refusée pour une fiche PDF : {url}" in refusees, url
    assert pdf._autorisee("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_rendu_ne_remplit_pas_les_journaux_des_etapes_de_weasyprint(caplog):
    """Seuls les avertissements de WeasyPrint (ressource refusée, CSS invalide) sont journalisés."""
    from ressources import pdf

    pdf.rendre_pdf('<html lang="fr"><head><title>t</title></head><body><p>Texte</p></body></html>')
    bavardages = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("weasyprint") and r.levelno < logging.WARNING
    ]
    assert bavardages == []


@pytest.mark.django_db
def test_telechargement_repete_servi_depuis_le_stockage_sans_requete(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    premier = _obtenir_pdf(client, django_capture_on_commit_callbacks)
    with django_assert_num_queries(0):
        reponse = client.get(URL)
        contenu = contenu_reponse(reponse)
    assert contenu == premier

    # Une ressource éditée invalide le raccourci : l'empreinte est recalculée.
    ressource = Ressource.objects.first()
    ressource.titre = "Référentiel réédité"
    ressource.save()
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.get(URL)
    assert "Fiche en préparation…" in reponse.content.decode()
    assert "Référentiel réédité" in texte_pdf(contenu_reponse(client.get(URL)))
