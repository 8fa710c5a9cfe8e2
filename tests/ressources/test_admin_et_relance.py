from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from ressources import services, views
from ressources.enums import GenreFiche, StatutFiche
from ressources.models import FichePDF

pytestmark = pytest.mark.django_db


def _fiche(**champs) -> FichePDF:
    return FichePDF.objects.create(
        genre=GenreFiche.GENERIQUE, cle="generique", empreinte="0" * 64, gabarit="x", **champs
    )


def test_administration_liste_et_relance_les_fiches_en_echec(
    admin_client, django_capture_on_commit_callbacks
):
    fiche = _fiche(statut=StatutFiche.ECHEC, erreur="TemplateDoesNotExist: absent", tentatives=4)
    html = unescape(admin_client.get("/admin/ressources/fichepdf/").content.decode())
    assert "Échec" in html
    assert "Relancer le rendu des fiches en échec" in html
    with django_capture_on_commit_callbacks() as rappels:
        reponse = admin_client.post(
            "/admin/ressources/fichepdf/",
            {"action": "relancer", "_selected_action": [fiche.pk]},
            follow=True,
        )
    assert "1 fiche relancée." in unescape(reponse.content.decode())
    fiche.refresh_from_db()
    assert (fiche.statut, fiche.tentatives, fiche.erreur) == (StatutFiche.EN_ATTENTE, 0, "")
    assert len(rappels) == 1
    assert admin_client.get("/admin/ressources/ressource/").status_code == 200


def test_fiche_oubliee_en_file_est_relancee_une_seule_fois(django_capture_on_commit_callbacks):
    contexte = {"a": 1}
    empreinte = services.empreinte(gabarit=views.GABARIT_GENERIQUE, contexte=contexte)
    fiche = FichePDF.objects.create(
        genre=GenreFiche.GENERIQUE,
        cle="generique",
        empreinte=empreinte,
        gabarit=views.GABARIT_GENERIQUE,
        contexte=contexte,
    )
    FichePDF.objects.filter(pk=fiche.pk).update(modifiee_le=timezone.now() - timedelta(hours=1))
    demande = {
        "genre": GenreFiche.GENERIQUE,
        "cle": "generique",
        "gabarit": views.GABARIT_GENERIQUE,
        "contexte": contexte,
    }
    with django_capture_on_commit_callbacks() as rappels:
        services.fiche_demander(**demande)
        services.fiche_demander(**demande)
    assert len(rappels) == 1


def test_administration_ajoute_une_ressource(admin_client):
    html = admin_client.get("/admin/ressources/ressource/add/").content.decode()
    assert 'name="url"' in html
    reponse = admin_client.post(
        "/admin/ressources/ressource/add/",
        {
            "titre": "Guide pratique",
            "categorie": "agir",
            "url": "exemple.org/guide",
            "ordre": 5,
            "publics": ["territoire", "association"],
            "publiee": "on",
        },
    )
    assert reponse.status_code == 302
    from ressources.models import Ressource

    ressource = Ressource.objects.get(titre="Guide pratique")
    assert ressource.url == "https://exemple.org/guide"
    # Le vocabulaire unique des publics du programme, rangé dans son ordre canonique.
    assert ressource.publics == ["association", "territoire"]
    assert ressource.publics_libelles == "Association, Territoire / collectivité"


def test_rendu_interrompu_relance_des_l_expiration_du_bail(
    client, settings, django_capture_on_commit_callbacks
):
    """Un worker tué pendant le rendu laisse la fiche « en cours » : passé le bail (la limite
    de temps du rendu, pas dix minutes), la demande suivante la remet en file."""
    settings.FICHES_LIMITE_RENDU_SECONDES = 60
    contexte = {"a": 1}
    fiche = FichePDF.objects.create(
        genre=GenreFiche.GENERIQUE,
        cle="generique",
        empreinte=services.empreinte(gabarit=views.GABARIT_GENERIQUE, contexte=contexte),
        gabarit=views.GABARIT_GENERIQUE,
        contexte=contexte,
        statut=StatutFiche.EN_COURS,
        tentatives=1,
    )
    demande = {
        "genre": GenreFiche.GENERIQUE,
        "cle": "generique",
        "gabarit": views.GABARIT_GENERIQUE,
        "contexte": contexte,
    }
    # Encore dans son bail : le rendu peut être en train de se faire, rien n'est doublé.
    FichePDF.objects.filter(pk=fiche.pk).update(modifiee_le=timezone.now() - timedelta(seconds=30))
    with django_capture_on_commit_callbacks() as rappels:
        services.fiche_demander(**demande)
    assert rappels == []
    # Bail expiré (90 s > 60 s + marge) : relancée une seule fois.
    FichePDF.objects.filter(pk=fiche.pk).update(modifiee_le=timezone.now() - timedelta(seconds=90))
    with django_capture_on_commit_callbacks() as rappels:
        services.fiche_demander(**demande)
        services.fiche_demander(**demande)
    assert len(rappels) == 1
    fiche.refresh_from_db()
    assert fiche.statut == StatutFiche.EN_ATTENTE


def test_reessayer_relance_un_rendu_interrompu(client, django_capture_on_commit_callbacks):
    """« Réessayer » agit aussi sur une fiche dont le rendu a été interrompu."""
    fiche = _fiche(statut=StatutFiche.EN_COURS, tentatives=1)
    FichePDF.objects.filter(pk=fiche.pk).update(modifiee_le=timezone.now() - timedelta(minutes=2))
    with django_capture_on_commit_callbacks() as rappels:
        services.fiche_relancer(fiche=fiche)
    assert len(rappels) == 1
    fiche.refresh_from_db()
    assert (fiche.statut, fiche.tentatives) == (StatutFiche.EN_ATTENTE, 0)
    # Un rendu en cours dans son bail n'est pas doublé par un second clic.
    with django_capture_on_commit_callbacks() as rappels:
        services.fiche_relancer(fiche=fiche)
    assert rappels == []
