"""Les numéros publiés de la lettre sont cherchables (texte lu par le visiteur, sans
Markdown) ; un brouillon ne l'est pas, et un numéro entre dans l'index dès son envoi."""

import pytest

from envois import services as envois
from relais import services
from tests.factories import NumeroFactory

pytestmark = pytest.mark.django_db


def _trouve(client, requete: str) -> str:
    page = client.get("/recherche/", {"q": requete}).content.decode()
    return page.replace("<mark>", "").replace("</mark>", "")


def test_numero_cherchable_des_son_envoi_et_jamais_en_brouillon(client, contenu_programme):
    numero = NumeroFactory(
        titre="Lettre de décembre : la mutualisation",
        corps="## Au sommaire\n\nLes **mutualisations** entre associations d'un territoire.",
    )
    assert "Lettre de décembre" not in _trouve(client, "mutualisation")

    services.numero_programmer(numero=numero)
    envois.traiter()

    page = _trouve(client, "mutualisations territoire")
    assert "Lettre de décembre : la mutualisation" in page
    assert f'href="{numero.get_absolute_url()}"' in page
    assert "**" not in page and "## Au sommaire" not in page
