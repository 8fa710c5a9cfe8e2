# Les scénarios de pannes envoient de vrais rappels de webinaires : mêmes fixtures.
from tests.webinaires.conftest import cycle, fabrique_webinaire, webinaire  # noqa: F401
