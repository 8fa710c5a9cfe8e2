"""Toute modification du cycle de webinaires invalide les pages qui le montrent
(listes, pages des webinaires, pages intégrables, accueil…) ; une inscription, seulement les
pages des webinaires (« complet »). Voir :mod:`rameau.cache`."""

from rameau.cache import invalider_sur_modification

invalider_sur_modification(
    "webinaires",
    "webinaires.cycle",
    "webinaires.webinaire",
    "webinaires.sequence",
    "webinaires.intervenant",
)
invalider_sur_modification("inscriptions", "webinaires.inscription")
