import pytest

from envois import listes
from envois.enums import StatutAbonnement
from envois.models import Abonnement
from programme.models import Partenaire
from relais.contenu import CANAUX
from relais.models import LISTE_LETTRE, Canal


@pytest.fixture
def canaux(db):
    """Les quatre canaux des sources (recréés après un test transactionnel)."""
    for code, nom, partenaire, genre, audience, frequence, bouclage in CANAUX:
        proprietaire, _ = Partenaire.objects.get_or_create(
            code=partenaire, defaults={"nom": partenaire.upper()}
        )
        Canal.objects.get_or_create(
            code=code,
            defaults={
                "nom": nom,
                "partenaire": proprietaire,
                "genre": genre,
                "audience": audience,
                "frequence": frequence,
                "jour_bouclage": bouclage,
            },
        )
    return {c.code: c for c in Canal.objects.select_related("partenaire")}


@pytest.fixture
def lettre(db):
    return listes.liste_par_code(LISTE_LETTRE)


def abonnes(liste, nombre: int, *, prefixe="abonne") -> set[str]:
    Abonnement.objects.bulk_create(
        Abonnement(
            liste=liste,
            email=f"{prefixe}{i}@exemple.org",
            statut=StatutAbonnement.CONFIRME,
            jeton=f"{prefixe}-jeton-{i}",
        )
        for i in range(nombre)
    )
    return {f"{prefixe}{i}@exemple.org" for i in range(nombre)}


@pytest.fixture
def equipe(client):
    from tests.factories import UtilisateurFactory

    utilisateur = UtilisateurFactory(is_staff=True, is_superuser=True, email="equipe@lerameau.fr")
    client.force_login(utilisateur)
    return client


from tests.webinaires.conftest import cycle, fabrique_webinaire, webinaire  # noqa: E402, F401
