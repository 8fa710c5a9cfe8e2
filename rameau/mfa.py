"""Double authentification obligatoire pour l'équipe.

Un compte de l'équipe (staff ou superutilisateur) sans second facteur est renvoyé vers
l'activation de l'application d'authentification depuis toutes les pages, sauf celles du
compte lui-même (connexion, déconnexion, second facteur, e-mail, mot de passe) et les fichiers
statiques. L'administration n'est donc jamais accessible avec un mot de passe seul.
"""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LIBRES = ("/comptes/", "/sante/")


class DoubleAuthentificationObligatoireMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.libres = (*LIBRES, settings.STATIC_URL, settings.MEDIA_URL)

    def __call__(self, request):
        utilisateur = request.user
        if (
            utilisateur.is_authenticated
            and (utilisateur.is_staff or utilisateur.is_superuser)
            and not request.path.startswith(self.libres)
            and not is_mfa_enabled(utilisateur)
        ):
            messages.info(
                request,
                _(
                    "Les comptes de l'équipe protègent l'administration par une double "
                    "authentification : activez-la pour continuer (application "
                    "d'authentification ou clé d'accès)."
                ),
            )
            suite = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{suite}")
        return self.get_response(request)
