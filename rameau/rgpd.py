"""Registres du RGPD : chaque application y déclare, depuis son ``AppConfig.ready()``, ce
qu'elle sait d'une personne (exporteurs), comment l'oublier (effaceurs) et ce qu'elle purge
avec le temps (durées de conservation). ``confidentialite`` les parcourt sans importer
aucune application.

- Un **exporteur** ``(personne) -> dict[str, list[dict]]`` rend des tables (nom → lignes de
  valeurs simples) : chacune devient ``<code>/<table>.csv`` dans l'archive, et le tout
  ``donnees.json``.
- Un **effaceur** ``(personne) -> int`` supprime ce qui n'a pas d'usage statistique et
  anonymise le reste (un résultat de diagnostic garde ses scores, pas l'identité de
  l'organisation) ; il rend le nombre de lignes touchées.
- Une **conservation** ``(maintenant) -> int`` purge ou anonymise ce qui a dépassé sa durée
  (réglages ``RGPD_*``) ; le beat l'appelle chaque nuit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Personne:
    """Qui demande : une adresse (vérifiée par un lien reçu ou par le compte) et, pour un
    titulaire de compte, son identifiant."""

    email: str
    utilisateur_id: int | None = None


Exporteur = Callable[[Personne], dict[str, list[dict]]]
Effaceur = Callable[[Personne], int]
Conservation = Callable[[datetime], int]

EXPORTEURS: dict[str, Exporteur] = {}
EFFACEURS: dict[str, Effaceur] = {}
CONSERVATIONS: dict[str, Conservation] = {}


def exporteur(code: str):
    def enregistrer(fonction: Exporteur) -> Exporteur:
        EXPORTEURS[code] = fonction
        return fonction

    return enregistrer


def effaceur(code: str):
    def enregistrer(fonction: Effaceur) -> Effaceur:
        EFFACEURS[code] = fonction
        return fonction

    return enregistrer


def conservation(code: str):
    def enregistrer(fonction: Conservation) -> Conservation:
        CONSERVATIONS[code] = fonction
        return fonction

    return enregistrer


def adresse_effacee(pk: int) -> str:
    """L'adresse qui remplace une adresse effacée : unique, jamais livrable (RFC 2606)."""
    return f"efface-{pk}@anonyme.invalid"
