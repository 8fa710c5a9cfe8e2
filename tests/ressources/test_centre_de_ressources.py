"""Centre de ressources : chaque ressource nommée par les documents du programme, avec son
lien, son type, son public, ses modèles et ses formats."""

import pytest

from ressources.models import Ressource

pytestmark = pytest.mark.django_db

ATTENDUES = {
    "https://fr.calameo.com/editions-dalloz/read/004648343de680f60ffd0?authid=8IodY4wdmH7G": (
        "s_informer",
        "Référentiel",
    ),
    "http://trajectoire-socioeco.crdlae.org/": ("se_former", "Plateforme pédagogique"),
    "http://innovationterritoriale.plateformecapitalisation.org/": (
        "se_former",
        "Plateforme pédagogique",
    ),
    "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations": (
        "se_former",
        "MOOC",
    ),
    "http://trajectoire-socioeco.crdlae.org/les-partenaires/": (
        "agir",
        "Dossiers et publications",
    ),
    "https://modeles-socio-economiques.plateformecapitalisation.org/": (
        "agir",
        "Centre de ressources",
    ),
    "https://modeles-socio-economiques.plateformecapitalisation.org/actualites": (
        "agir",
        "Fiche repère",
    ),
}


def test_chaque_ressource_des_documents_avec_son_lien_et_son_type(client):
    ressources = {r.url: r for r in Ressource.objects.prefetch_related("modeles", "formats")}
    assert {
        url: (r.categorie, r.get_type_ressource_display()) for url, r in ressources.items()
    } == ATTENDUES
    referentiel = ressources[next(iter(ATTENDUES))]
    assert [m.code for m in referentiel.modeles.order_by("ordre")] == [f"M{i}" for i in range(1, 8)]
    mooc = ressources["https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations"]
    assert [f.slug for f in mooc.formats.all()] == ["mooc"]

    contenu = client.get("/ressources/").content.decode()
    assert "Plateforme « l&#x27;innovation territoriale en actions ! »" in contenu
    assert 'href="http://innovationterritoriale.plateformecapitalisation.org/"' in contenu
    assert "Pour : Territoire / collectivité" in contenu
    assert 'href="/ressources/travaux/"' in contenu


def test_ressources_dans_la_recherche_avec_leurs_facettes(client):
    contenu = client.get("/recherche/", {"q": "innovation territoriale", "genre": "ressource"})
    assert (
        "l&#x27;<mark>innovation</mark> <mark>territoriale</mark> en actions"
        in contenu.content.decode()
    )
