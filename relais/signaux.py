"""Les pages de la lettre en cache sont recalculées quand un numéro change."""

from rameau.cache import invalider_sur_modification

invalider_sur_modification("relais", "relais.Numero", "relais.Canal")
