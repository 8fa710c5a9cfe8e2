import pytest
from django.core.management import call_command

from programme.models import (
    ChiffreCle,
    FamilleLeviers,
    Format,
    Levier,
    ModeleSocioEconomique,
    Objectif,
    Partenaire,
    Pilier,
    ProgrammeRecherche,
)

pytestmark = pytest.mark.django_db


def test_migration_de_donnees_charge_le_contenu_de_reference():
    assert Pilier.objects.count() == 5
    # Les six formats du programme ; le septième (« formations-aff ») vient de ``formations``.
    formats = Format.objects.exclude(slug="formations-aff")
    assert formats.count() == 6
    assert ModeleSocioEconomique.objects.count() == 7
    assert FamilleLeviers.objects.count() == 4
    assert Levier.objects.count() == 3
    assert ProgrammeRecherche.objects.count() == 3
    assert Objectif.objects.count() == 3
    assert ChiffreCle.objects.count() == 4
    assert list(ModeleSocioEconomique.objects.values_list("code", flat=True)) == [
        f"M{i}" for i in range(1, 8)
    ]
    assert list(formats.values_list("nom", flat=True)) == [
        "Webinaires",
        "MOOC",
        "Ateliers",
        "Sessions de co-développement",
        "Parcours",
        "Contenus académiques",
    ]


def test_modele_porte_ressources_domaines_avantages_et_inconvenients():
    m3 = ModeleSocioEconomique.objects.get(code="M3")
    assert m3.nom == "Opérateur de politique publique"
    assert "délégation de service public" in m3.ressources
    assert "Handicap (hors ESAT)" in m3.liste_domaines
    assert "Sécurité financière pluriannuelle" in m3.liste_avantages
    assert "Cadre rigide et contraignant" in m3.liste_inconvenients
    assert m3.logique == "operateur"


def test_familles_de_leviers_relient_les_modeles():
    publics = FamilleLeviers.objects.get(slug="financements-publics")
    assert "Enjeu de trésorerie" in publics.liste_risques
    assert set(publics.modeles.values_list("code", flat=True)) == {"M3", "M4", "M5"}


def test_partenaires_ont_leurs_roles():
    isbl = Partenaire.objects.get(code="isbl")
    assert [r.code for r in isbl.roles.all()] == ["relais"]
    assert Partenaire.objects.filter(roles__code="programme").count() == 5


def test_aucune_migration_manquante():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_migrations_depuis_zero():
    call_command("migrate", "programme", "zero", verbosity=0)
    assert "programme_pilier" not in _tables()
    call_command("migrate", verbosity=0)
    assert Pilier.objects.count() == 5
    assert ModeleSocioEconomique.objects.count() == 7


def _tables():
    from django.db import connection

    return connection.introspection.table_names()
