import json

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_sante_repond_200_quand_base_et_cache_repondent(client):
    reponse = client.get("/sante/")
    assert reponse.status_code == 200
    assert json.loads(reponse.content) == {"statut": "ok", "base_de_donnees": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_sante_repond_503_quand_le_cache_ne_repond_pas(client):
    # Un vrai Redis injoignable (port fermé), pas une simulation.
    injoignable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=injoignable):
        reponse = client.get("/sante/")
    assert reponse.status_code == 503
    assert json.loads(reponse.content) == {
        "statut": "erreur",
        "base_de_donnees": "ok",
        "cache": "erreur",
    }
