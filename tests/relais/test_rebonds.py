"""Rebonds et plaintes : webhook de suivi signé du prestataire (anymail, Mailgun) posté sur
la vraie adresse, et import d'une liste de rebonds en SMTP simple."""

import base64
import hashlib
import hmac
import io
import json
import time

import pytest
from django.core.management import CommandError, call_command

from envois.enums import MotifSuppression, StatutAbonnement
from envois.models import Abonnement, Suppression

pytestmark = pytest.mark.django_db

CLE = "cle-de-signature-mailgun-de-test"
SECRET = "rameau:secret-du-webhook"
URL = "/relais/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def _anymail(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": CLE}


def _charge(evenement: str, destinataire: str, *, cle: str = CLE, **donnees) -> str:
    horodatage, jeton = str(int(time.time())), "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"
    signature = hmac.new(cle.encode(), f"{horodatage}{jeton}".encode(), hashlib.sha256).hexdigest()
    return json.dumps(
        {
            "signature": {"timestamp": horodatage, "token": jeton, "signature": signature},
            "event-data": {
                "event": evenement,
                "recipient": destinataire,
                "timestamp": time.time(),
                "id": "evenement-1",
                "message": {"headers": {"message-id": "20261202.1@lerameau.fr"}},
                **donnees,
            },
        }
    )


def _auth(secret: str = SECRET) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def _poster(client, corps, **entetes):
    return client.post(URL, corps, content_type="application/json", **entetes)


def test_rebond_definitif_signe_supprime_l_adresse(client, lettre):
    Abonnement.objects.create(
        liste=lettre, email="Perdu@Exemple.org", statut=StatutAbonnement.CONFIRME
    )
    reponse = _poster(
        client, _charge("failed", "perdu@exemple.org", severity="permanent"), **_auth()
    )
    assert reponse.status_code == 200
    suppression = Suppression.objects.get()
    assert suppression.email.lower() == "perdu@exemple.org"
    assert suppression.motif == MotifSuppression.REBOND
    assert Abonnement.objects.get().statut == StatutAbonnement.DESABONNE


def test_plainte_signee(client):
    assert _poster(client, _charge("complained", "fache@exemple.org"), **_auth()).status_code == 200
    assert Suppression.objects.get().motif == MotifSuppression.PLAINTE


def test_rebond_temporaire_ignore(client):
    corps = _charge("failed", "plein@exemple.org", severity="temporary")
    assert _poster(client, corps, **_auth()).status_code == 200
    assert not Suppression.objects.exists()


@pytest.mark.parametrize(
    ("corps", "entetes"),
    [
        (_charge("complained", "x@exemple.org", cle="mauvaise-cle"), _auth()),
        (_charge("complained", "x@exemple.org"), _auth("rameau:mauvais")),
        (_charge("complained", "x@exemple.org"), {}),
    ],
)
def test_signature_ou_authentification_invalide_refusee(client, corps, entetes):
    reponse = _poster(client, corps, **entetes)
    assert reponse.status_code in (400, 403)
    assert not Suppression.objects.exists()


def test_importer_rebonds(tmp_path):
    fichier = tmp_path / "rebonds.csv"
    fichier.write_text(
        "# rebonds du 2 décembre\nperdu@exemple.org\nfache@exemple.org;plainte\n"
        "pas-une-adresse\n\n<autre@exemple.org>;bounce\n",
        encoding="utf-8",
    )
    sortie = io.StringIO()
    call_command("importer_rebonds", str(fichier), stdout=sortie)
    assert "3 adresse(s) supprimée(s)" in sortie.getvalue()
    assert "1 ligne(s) ignorée(s)" in sortie.getvalue()
    motifs = dict(Suppression.objects.values_list("email", "motif"))
    assert motifs == {
        "perdu@exemple.org": MotifSuppression.REBOND,
        "fache@exemple.org": MotifSuppression.PLAINTE,
        "autre@exemple.org": MotifSuppression.REBOND,
    }
    with pytest.raises(CommandError):
        call_command("importer_rebonds", str(tmp_path / "absent.csv"))
