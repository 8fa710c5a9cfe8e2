"""Un diagnostic fait sans compte suit la personne qui crée un compte ou se connecte depuis
sa page de résultat (le jeton est retenu dans la session, voir ``services.jeton_retenir``)."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in

from .services import diagnostics_rattacher_depuis_session

user_logged_in.connect(
    diagnostics_rattacher_depuis_session, dispatch_uid="autodiagnostic_connexion"
)
user_signed_up.connect(
    diagnostics_rattacher_depuis_session, dispatch_uid="autodiagnostic_inscription"
)
