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
        services.demander_fiche(**demande)
        services.demander_fiche(**demande)
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
            "publiee": "on",
        },
    )
    assert reponse.status_code == 302
    from ressources.models import Ressource

    assert Ressource.objects.get(titre="Guide pratique").url == "https://exemple.org/guide"
