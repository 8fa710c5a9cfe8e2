"""Le public d'une ressource passe au vocabulaire unique du programme sans rien perdre."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

AVANT = [("ressources", "0005_ressources_qualifiees")]
APRES = [("ressources", "0006_publics_du_programme")]


def _migrer(cibles):
    executor = MigrationExecutor(connection)
    executor.migrate(cibles)
    executor.loader.build_graph()
    return executor.loader.project_state(cibles).apps


@pytest.fixture
def ancienne_base(transactional_db):
    apps = _migrer(AVANT)
    yield apps
    _migrer(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_les_anciens_publics_deviennent_ceux_du_programme(ancienne_base):
    Ressource = ancienne_base.get_model("ressources", "Ressource")
    for public in ("tous", "organisations", "territoires", "accompagnateurs", "chercheurs"):
        Ressource.objects.create(
            titre=f"Ressource {public}",
            categorie="agir",
            url=f"https://exemple.org/{public}",
            public=public,
        )

    apps = _migrer(APRES)
    Ressource = apps.get_model("ressources", "Ressource")
    publics = dict(
        Ressource.objects.filter(titre__startswith="Ressource ").values_list("titre", "publics")
    )
    assert publics == {
        "Ressource tous": [],
        "Ressource organisations": ["association", "tete_de_reseau"],
        "Ressource territoires": ["territoire"],
        "Ressource accompagnateurs": ["financeur", "accompagnateur"],
        "Ressource chercheurs": ["chercheur"],
    }
    # Les ressources de départ gardent un public : le Dalloz s'adresse à tous.
    assert Ressource.objects.exclude(titre__startswith="Ressource ").filter(publics="").exists()
