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
    # Titre, date et statut d'un webinaire sont ceux de sa session d'agenda.
    "agenda.session",
)
invalider_sur_modification("inscriptions", "agenda.inscription")
