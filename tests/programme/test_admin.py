from html import unescape

import pytest
from django.urls import reverse

from programme.models import ModeleSocioEconomique, Organisation, Partenaire
from tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe(client):
    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "modele",
    [
        "utilisateur",
        "organisation",
        "pilier",
        "format",
        "levier",
        "modelesocioeconomique",
        "familleleviers",
        "partenaire",
        "programmerecherche",
        "chiffrecle",
    ],
)
def test_listes_et_ajout_de_l_administration_s_affichent(equipe, modele):
    liste = equipe.get(reverse(f"admin:programme_{modele}_changelist"))
    assert liste.status_code == 200
    ajout = equipe.get(reverse(f"admin:programme_{modele}_add"))
    assert ajout.status_code == 200


def test_l_equipe_modifie_un_modele_et_la_page_publique_le_montre(equipe, client):
    m6 = ModeleSocioEconomique.objects.get(code="M6")
    url = reverse("admin:programme_modelesocioeconomique_change", args=[m6.pk])
    formulaire = equipe.get(url).context["adminform"].form
    donnees = {k: v for k, v in formulaire.initial.items() if v is not None}
    donnees["nom"] = "Mobilisation privée et citoyenne"
    reponse = equipe.post(url, donnees)
    assert reponse.status_code == 302
    assert "Mobilisation privée et citoyenne" in unescape(
        client.get("/modeles/m6/").content.decode()
    )


def test_origines_d_integration_d_un_partenaire_modifiables(equipe):
    isbl = Partenaire.objects.get(code="isbl")
    url = reverse("admin:programme_partenaire_change", args=[isbl.pk])
    reponse = equipe.post(
        url,
        {
            "code": "isbl",
            "nom": "ISBL",
            "description": "",
            "site_web": "https://www.isbl.fr",
            "roles": [r.pk for r in isbl.roles.all()],
            "ordre": 7,
            "origines_integration": "https://www.isbl.fr\nhttps://newsletter.isbl.fr",
        },
    )
    assert reponse.status_code == 302
    isbl.refresh_from_db()
    assert isbl.liste_origines_integration == ["https://www.isbl.fr", "https://newsletter.isbl.fr"]


def test_organisations_filtrees_par_type(equipe):
    Organisation.objects.create(nom="Réseau test", type_acteur="tete_de_reseau")
    html = unescape(
        equipe.get(
            reverse("admin:programme_organisation_changelist") + "?type_acteur=tete_de_reseau"
        ).content.decode()
    )
    assert "Réseau test" in html
