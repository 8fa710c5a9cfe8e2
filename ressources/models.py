from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import CategorieRessource, GenreFiche, StatutFiche


class Ressource(models.Model):
    """Une ressource du socle de connaissance (s'informer, se former, agir)."""

    titre = models.CharField(_("titre"), max_length=200)
    categorie = models.CharField(_("catégorie"), max_length=20, choices=CategorieRessource.choices)
    url = models.URLField(_("adresse"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    editeur = models.CharField(_("éditeur ou porteur"), max_length=150, blank=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=100)
    publiee = models.BooleanField(_("publiée"), default=True)

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["categorie", "ordre", "titre"]
        constraints = [
            models.UniqueConstraint(fields=["categorie", "url"], name="ressource_url_unique")
        ]

    def __str__(self):
        return self.titre


def _chemin_fiche(instance, nom):
    return f"fiches/{instance.genre}/{nom}"


class FichePDF(models.Model):
    """Un rendu PDF d'une fiche repère, identifié par ce dont il est tiré.

    ``empreinte`` est le SHA-256 du gabarit et du contexte (stocké dans ``contexte``) : quand
    le contenu change, l'empreinte change et une nouvelle fiche est rendue ; la contrainte
    d'unicité garantit qu'une seule demande déclenche le rendu d'une empreinte donnée.
    Le fichier n'est servi que lorsque ``statut`` vaut « prête ».
    """

    genre = models.CharField(_("genre"), max_length=20, choices=GenreFiche.choices)
    cle = models.CharField(
        _("clé"), max_length=100, help_text=_("« generique » ou le jeton du diagnostic.")
    )
    empreinte = models.CharField(_("empreinte"), max_length=64)
    gabarit = models.CharField(_("gabarit"), max_length=200)
    contexte = models.JSONField(_("contexte"), default=dict)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutFiche.choices, default=StatutFiche.EN_ATTENTE
    )
    fichier = models.FileField(_("fichier"), upload_to=_chemin_fiche, blank=True)
    erreur = models.TextField(_("erreur"), blank=True)
    tentatives = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    duree_rendu = models.FloatField(_("durée du rendu (s)"), null=True, blank=True)
    creee_le = models.DateTimeField(_("demandée le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)
    prete_le = models.DateTimeField(_("prête le"), null=True, blank=True)

    class Meta:
        verbose_name = _("fiche PDF")
        verbose_name_plural = _("fiches PDF")
        ordering = ["-creee_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["genre", "cle", "empreinte"], name="fiche_pdf_unique_par_empreinte"
            ),
            models.CheckConstraint(
                condition=~models.Q(statut=StatutFiche.PRETE) | ~models.Q(fichier=""),
                name="fiche_pdf_prete_a_un_fichier",
            ),
        ]
        indexes = [models.Index(fields=["genre", "cle"], name="fiche_pdf_genre_cle")]

    def __str__(self):
        return f"{self.get_genre_display()} {self.cle} ({self.get_statut_display()})"

    @property
    def prete(self) -> bool:
        return self.statut == StatutFiche.PRETE

    @property
    def en_echec(self) -> bool:
        return self.statut == StatutFiche.ECHEC
