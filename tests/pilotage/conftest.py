import pytest

from tests.autodiagnostic.conftest import contenu_autodiagnostic  # noqa: F401
from tests.factories import UtilisateurFactory


@pytest.fixture
def equipe(client):
    """Un membre de l'équipe connecté (son second facteur est activé par ``tests/conftest``)."""
    utilisateur = UtilisateurFactory(email="equipe@lerameau.fr", is_staff=True)
    client.force_login(utilisateur)
    return utilisateur
