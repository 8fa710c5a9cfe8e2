"""Le contenu du programme édité par l'équipe invalide les pages qui le montrent (toutes les
pages publiques, les pages de résultat, les pages intégrables). Voir :mod:`rameau.cache`.

Les comptes et organisations n'en font pas partie : aucune page partagée ne les montre.
"""

from rameau.cache import invalider_sur_modification

invalider_sur_modification(
    "programme",
    "programme.objectif",
    "programme.pilier",
    "programme.format",
    "programme.sessionformat",
    "programme.levier",
    "programme.modelesocioeconomique",
    "programme.familleleviers",
    "programme.rolepartenaire",
    "programme.partenaire",
    "programme.programmerecherche",
    "programme.chiffrecle",
)
