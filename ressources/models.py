from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.fields import ChampPublics

from .enums import (
    CategorieRessource,
    GenreFiche,
    StatutFiche,
    TypeRessource,
    TypeTravail,
)
from .recherche_sql import VecteurRecherche


class Ressource(models.Model):
    """Une ressource du socle de connaissance (s'informer, se former, agir)."""

    titre = models.CharField(_("titre"), max_length=200)
    categorie = models.CharField(_("catégorie"), max_length=20, choices=CategorieRessource.choices)
    url = models.URLField(_("adresse"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    editeur = models.CharField(_("éditeur ou porteur"), max_length=150, blank=True)
    type_ressource = models.CharField(
        _("type"), max_length=20, choices=TypeRessource.choices, blank=True
    )
    publics = ChampPublics(_("publics"), help_text=_("Aucun coché : tous les publics."))
    modeles = models.ManyToManyField(
        "programme.ModeleSocioEconomique",
        blank=True,
        related_name="ressources_du_socle",
        verbose_name=_("modèles concernés"),
    )
    formats = models.ManyToManyField(
        "programme.Format",
        blank=True,
        related_name="ressources_du_socle",
        verbose_name=_("formats"),
    )
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

    @property
    def publics_libelles(self) -> str:
        return self._meta.get_field("publics").libelles(self.publics)


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


class TravailAcademique(models.Model):
    """Un travail académique du pilier 5 (article, ouvrage, thèse…).

    La notice bibliographique est stockée telle quelle en CSL-JSON dans ``csl`` : c'est la
    forme canonique, dont partent les exports BibTeX, RIS et CSL-JSON et la citation.
    Les colonnes ``type`` à ``premier_auteur`` en sont tirées par
    :func:`ressources.travaux.travail_enregistrer` (filtres, tri, détection des doublons) ;
    le programme, l'équipe, les modèles et les formats sont propres à la plateforme.
    """

    csl = models.JSONField(_("notice CSL-JSON"), default=dict)
    type = models.CharField(_("type"), max_length=20, choices=TypeTravail.choices)
    titre = models.CharField(_("titre"), max_length=500)
    annee = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    hal = models.CharField(_("identifiant HAL"), max_length=60, blank=True)
    titre_normalise = models.CharField(max_length=500, editable=False)
    premier_auteur = models.CharField(
        _("premier auteur (normalisé)"), max_length=200, blank=True, editable=False
    )
    programme_recherche = models.ForeignKey(
        "programme.ProgrammeRecherche",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="travaux",
        verbose_name=_("programme de recherche"),
    )
    equipe = models.CharField(_("équipe de recherche"), max_length=200, blank=True)
    modeles = models.ManyToManyField(
        "programme.ModeleSocioEconomique",
        blank=True,
        related_name="travaux",
        verbose_name=_("modèles concernés"),
    )
    formats = models.ManyToManyField(
        "programme.Format", blank=True, related_name="travaux", verbose_name=_("formats")
    )
    publie = models.BooleanField(_("publié"), default=True)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("travail académique")
        verbose_name_plural = _("travaux académiques")
        ordering = ["-annee", "titre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~models.Q(doi=""), name="travail_doi_unique"
            ),
            models.UniqueConstraint(
                fields=["titre_normalise", "annee", "premier_auteur"],
                name="travail_titre_annee_auteur_unique",
            ),
        ]
        indexes = [models.Index(fields=["publie", "annee"], name="travail_publie_annee")]

    def __str__(self):
        return f"{self.titre} ({self.annee})" if self.annee else self.titre

    def get_absolute_url(self):
        return reverse("ressources:travail", args=[self.pk])


class DocumentRecherche(models.Model):
    """Une ligne de l'index de recherche : un objet public d'une application.

    Les applications alimentent l'index par le registre de :mod:`ressources.recherche` ;
    aucune ligne ne s'écrit à la main. Sous PostgreSQL, ``vecteur`` est une colonne générée
    (configuration ``fr_unaccent`` : français, sans accents), recalculée par la base à chaque
    écriture du titre ou du texte, donc jamais périmée ; un index GIN la sert. Les colonnes
    normalisées (minuscules, sans accents) servent la tolérance aux fautes (trigrammes) et la
    recherche sous SQLite.
    """

    genre = models.CharField(_("genre"), max_length=30)
    objet_id = models.CharField(_("identifiant de l'objet"), max_length=64)
    titre = models.CharField(_("titre"), max_length=300)
    texte = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("adresse"), max_length=500)
    # Facettes : codes entourés de « | » (« |M1|M3| »), filtrables partout par « contient ».
    modeles = models.CharField(_("modèles"), max_length=100, blank=True)
    formats = models.CharField(_("formats"), max_length=300, blank=True)
    annee = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    # Titre et noms (auteurs, intervenants), normalisés : tolérance aux fautes (trigrammes).
    titre_normalise = models.TextField()
    contenu_normalise = models.TextField(blank=True)
    vecteur = models.GeneratedField(
        expression=VecteurRecherche("titre", "texte"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document de l'index de recherche")
        verbose_name_plural = _("index de recherche")
        constraints = [
            models.UniqueConstraint(fields=["genre", "objet_id"], name="document_unique_par_objet")
        ]
        indexes = [models.Index(fields=["genre", "annee"], name="document_genre_annee")]

    def __str__(self):
        return f"{self.genre} : {self.titre}"
