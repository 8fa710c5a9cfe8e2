# Les scénarios de pannes envoient de vrais rappels de webinaires : mêmes fixtures.
from tests.webinaires.conftest import (  # noqa: F401
    _memoire_des_pages_vide,
    cycle,
    fabrique_webinaire,
    webinaire,
)
