"""Jetons secrets des liens personnels (annulation, désabonnement, reprise, invitation…)."""

import secrets


def nouveau_jeton() -> str:
    """43 caractères URL-safe, 256 bits d'aléa : impossible à deviner."""
    return secrets.token_urlsafe(32)
