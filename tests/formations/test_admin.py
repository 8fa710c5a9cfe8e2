"""Administration du pilier 3 : listes (affichage, filtres, recherche) à nombre de requêtes
constant, règle de certificat éditable, démonstration rechargeable sans doublon."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from agenda import services as agenda
from formations import services
from formations.models import Attestation, Certificat, Module, SessionModule
from tests.factories import ModuleFactory, SessionModuleFactory

pytestmark = pytest.mark.django_db


def _attestation(lien, n):
    inscription = agenda.inscription_creer(
        session=lien.session, nom=f"Personne {n}", email=f"p{n}@exemple.org"
    ).inscription
    agenda.presence_marquer(inscription=inscription)
    return services.attestation_emettre(inscription=inscription)[0]


@pytest.mark.parametrize("nombre", [1, 3])
def test_listes_d_administration_a_nombre_de_requetes_constant(
    equipe, django_assert_num_queries, nombre
):
    for n in range(nombre):
        _attestation(SessionModuleFactory(), n)
    # session, utilisateur, second facteur (MFA), la liste et son décompte, puis les choix
    # des filtres (modèles et leviers ; modules, certificats et dates des attestations).
    attendus = {
        "/admin/formations/module/": 7,
        "/admin/formations/sessionmodule/": 6,
        "/admin/formations/attestation/": 9,
        "/admin/formations/certificat/": 5,
    }
    for url, requetes in attendus.items():
        with django_assert_num_queries(requetes):
            reponse = equipe.get(url)
        assert reponse.status_code == 200, url
    page = equipe.get("/admin/formations/attestation/?validite=valide&q=p0@exemple.org")
    assert "Personne 0" in page.content.decode()
    assert "p1@exemple.org" not in page.content.decode()
    page = equipe.get("/admin/formations/module/?niveau__exact=3&q=Module")
    assert page.context["cl"].result_count == nombre


def test_regle_de_certificat_editee_en_administration(equipe):
    a, b = ModuleFactory(titre="Module A"), ModuleFactory(titre="Module B")
    reponse = equipe.post(
        "/admin/formations/certificat/add/",
        {
            "titre": "Certificat d'aptitude",
            "slug": "certificat",
            "description": "",
            "modules": [a.pk, b.pk],
            "actif": "on",
        },
    )
    assert reponse.status_code == 302
    assert set(Certificat.objects.get().modules.all()) == {a, b}
    # Les attestations ne se créent pas à la main.
    assert equipe.get("/admin/formations/attestation/add/").status_code == 403


def test_demo_rechargee_sans_doublon(contenu_formations):
    for _ in range(2):
        call_command("charger_demo", "--force", stdout=io.StringIO())
    assert Module.objects.filter(niveau__in=[1, 2]).count() == 2
    publics = set(Module.objects.filter(niveau=3).values_list("public", flat=True))
    assert publics == {"fundraisers", "grantmakers"}
    assert SessionModule.objects.count() == 3
    assert Certificat.objects.get().modules.count() == 1
    assert not Attestation.objects.exists()


def test_fiche_du_module_mene_aux_presences_de_ses_sessions(equipe):
    lien = SessionModuleFactory()
    page = equipe.get(f"/admin/formations/module/{lien.module.pk}/change/").content.decode()
    assert reverse("admin:formations_sessionmodule_presences", args=[lien.pk]) in page
    assert (
        "Aucune session rattachée" in equipe.get("/admin/formations/module/add/").content.decode()
    )


def test_seule_une_session_du_format_formations_se_rattache_a_un_module(equipe):
    from tests.factories import ModuleFactory as Fabrique
    from tests.factories import SessionFactory

    module = Fabrique()
    atelier = SessionFactory(slug_format="ateliers")
    reponse = equipe.post(
        "/admin/formations/sessionmodule/add/", {"session": atelier.pk, "module": module.pk}
    )
    assert "session" in reponse.context["adminform"].form.errors
    # Le modèle le refuse aussi (inline d'un module, autre formulaire).
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Modules de formation AFF"):
        SessionModule(session=atelier, module=module).full_clean()
    assert not SessionModule.objects.exists()
