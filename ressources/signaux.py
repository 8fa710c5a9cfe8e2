"""Invalidation du cache quand le contenu des ressources et des fiches change.

- « ressources » : la liste publique des ressources (et les autres pages publiques) ;
- « fiches » : le raccourci de téléchargement des fiches PDF, tirées de ces modèles-là.
  Mieux vaut invalider trop (le chemin normal recalcule l'empreinte) que trop peu. Les
  mises à jour en masse (``QuerySet.update``) n'émettent pas de signal : le raccourci expire
  de toute façon après ``services.DUREE_RACCOURCI`` secondes.

Les modèles sont désignés par leur nom : aucune autre application n'est importée.
"""

from rameau.cache import invalider_sur_modification

from . import services

MODELES_DES_FICHES = (
    "programme.levier",
    "programme.modelesocioeconomique",
    "programme.familleleviers",
    "programme.format",
    "programme.sessionformat",
    "ressources.ressource",
    "webinaires.webinaire",
    "autodiagnostic.diagnostic",
    "autodiagnostic.resultat",
)


def brancher() -> None:
    invalider_sur_modification("ressources", "ressources.ressource", "ressources.travailacademique")
    invalider_sur_modification(services.ESPACE_FICHES, *MODELES_DES_FICHES)
