"""Formulaires de l'application ressources : saisie d'un travail académique, import
bibliographique (administration), filtres de la liste des travaux et de la recherche."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import biblio
from .enums import TypeTravail
from .models import TravailAcademique
from .travaux import champs_derives

TAILLE_MAX_IMPORT = 2 * 1024 * 1024


class TravailForm(forms.ModelForm):
    """Saisie d'un travail : les champs de la notice sont rangés dans ``csl`` à
    l'enregistrement (``ressources.travaux.travail_enregistrer``)."""

    type = forms.ChoiceField(label=_("Type"), choices=TypeTravail.choices)
    titre = forms.CharField(label=_("Titre"), max_length=500)
    auteurs = forms.CharField(
        label=_("Auteurs, dans l'ordre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Une personne par ligne : « Nom, Prénom | affiliation » ; une collectivité : son nom."
        ),
    )
    directeurs = forms.CharField(
        label=_("Direction de l'ouvrage (chapitre)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    annee = forms.IntegerField(label=_("Année"), required=False, min_value=1000, max_value=2100)
    mois = forms.IntegerField(label=_("Mois"), required=False, min_value=1, max_value=12)
    conteneur = forms.CharField(
        label=_("Revue ou ouvrage"),
        required=False,
        help_text=_("Revue d'un article, ouvrage d'un chapitre, actes d'une communication."),
    )
    volume = forms.CharField(label=_("Volume"), required=False, max_length=40)
    numero = forms.CharField(label=_("Numéro"), required=False, max_length=40)
    pages = forms.CharField(label=_("Pages"), required=False, max_length=40)
    editeur = forms.CharField(
        label=_("Éditeur, université ou institution"), required=False, max_length=300
    )
    lieu = forms.CharField(label=_("Lieu d'édition"), required=False, max_length=200)
    edition = forms.CharField(label=_("Édition"), required=False, max_length=40)
    genre = forms.CharField(
        label=_("Nature précise"),
        required=False,
        max_length=200,
        help_text=_("Par exemple « Thèse de doctorat en sociologie », « Mémoire de master 2 »."),
    )
    doi = forms.CharField(label=_("DOI"), required=False, max_length=200)
    hal = forms.CharField(label=_("Identifiant HAL"), required=False, max_length=60)
    url = forms.URLField(label=_("Adresse"), required=False, assume_scheme="https")
    resume = forms.CharField(label=_("Résumé"), required=False, widget=forms.Textarea)
    mots_cles = forms.CharField(
        label=_("Mots-clés"), required=False, help_text=_("Séparés par des virgules.")
    )
    langue = forms.CharField(label=_("Langue"), required=False, max_length=20, initial="fr")

    CHAMPS_NOTICE = [
        "type", "titre", "auteurs", "directeurs", "annee", "mois", "conteneur", "volume",
        "numero", "pages", "editeur", "lieu", "edition", "genre", "doi", "hal", "url", "resume",
        "mots_cles", "langue",
    ]  # fmt: skip

    class Meta:
        model = TravailAcademique
        fields = ["programme_recherche", "equipe", "modeles", "formats", "publie"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for nom, valeur in biblio.champs_depuis_csl(self.instance.csl).items():
                self.initial.setdefault(nom, valeur)

    def clean_doi(self):
        doi = biblio.normaliser_doi(self.cleaned_data["doi"])
        if doi and not biblio.doi_valide(doi):
            raise ValidationError(_("Un DOI commence par « 10. » suivi d'un préfixe et d'un /."))
        return doi

    def clean(self):
        donnees = super().clean()
        if self.errors:
            return donnees
        csl = biblio.csl_depuis_champs(donnees, base=self.instance.csl)
        derives = champs_derives(csl)
        autres = TravailAcademique.objects.exclude(pk=self.instance.pk)
        if derives["doi"] and autres.filter(doi=derives["doi"]).exists():
            self.add_error("doi", _("Un autre travail porte déjà ce DOI."))
        elif autres.filter(
            titre_normalise=derives["titre_normalise"],
            annee=derives["annee"],
            premier_auteur=derives["premier_auteur"],
        ).exists():
            raise ValidationError(
                _("Un travail de même titre, même année et même premier auteur existe déjà.")
            )
        self.csl = csl
        return donnees


class ImportForm(forms.Form):
    texte = forms.CharField(
        label=_("Notices à coller (BibTeX ou RIS)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    fichier = forms.FileField(
        label=_("… ou fichier .bib / .ris"),
        required=False,
        help_text=_("2 Mo au plus, en UTF-8 de préférence."),
    )

    def clean(self):
        donnees = super().clean()
        fichier = donnees.get("fichier")
        texte = donnees.get("texte", "")
        if fichier:
            if fichier.size > TAILLE_MAX_IMPORT:
                raise ValidationError(_("Le fichier dépasse 2 Mo."))
            brut = fichier.read()
            try:
                texte = brut.decode("utf-8-sig")
            except UnicodeDecodeError:
                texte = brut.decode("cp1252", errors="replace")
        if "\x00" in texte:
            raise ValidationError(_("Ce fichier n'est pas un fichier texte BibTeX ou RIS."))
        if not texte.strip():
            raise ValidationError(_("Collez des notices ou choisissez un fichier."))
        donnees["texte"] = texte
        return donnees


class ConfirmationImportForm(forms.Form):
    texte = forms.CharField(widget=forms.HiddenInput)


class FiltresTravauxForm(forms.Form):
    """Filtres de ``/ressources/travaux/`` ; une valeur inconnue est signalée et ignorée."""

    annee = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Type"), required=False)
    programme = forms.ChoiceField(label=_("Programme de recherche"), required=False)
    modele = forms.ChoiceField(label=_("Modèle"), required=False)

    def __init__(self, *args, annees, programmes, modeles, **kwargs):
        super().__init__(*args, **kwargs)
        tous = [("", _("Tous"))]
        self.fields["annee"].choices = tous + [(str(a), str(a)) for a in annees]
        self.fields["type"].choices = tous + list(TypeTravail.choices)
        self.fields["programme"].choices = tous + [(p.slug, p.nom) for p in programmes]
        self.fields["modele"].choices = tous + [(m.code, f"{m.code} – {m.nom}") for m in modeles]

    def filtres(self) -> dict:
        """Les filtres valides (un champ en erreur est ignoré, pas la requête entière)."""
        self.is_valid()
        donnees = getattr(self, "cleaned_data", {})
        return {
            "annee": donnees.get("annee"),
            "type_travail": donnees.get("type", ""),
            "programme": donnees.get("programme", ""),
            "modele": donnees.get("modele", ""),
        }


class RechercheForm(forms.Form):
    """Paramètres de ``/recherche/`` ; une facette inconnue est ignorée, jamais une erreur."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=1000)
    genre = forms.ChoiceField(label=_("Type de contenu"), required=False)
    modele = forms.ChoiceField(label=_("Modèle"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    annee = forms.IntegerField(label=_("Année"), required=False, min_value=1000, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, genres, modeles, formats, **kwargs):
        super().__init__(*args, **kwargs)
        tous = [("", _("Tous"))]
        self.fields["genre"].choices = tous + [(i.genre, i.libelle) for i in genres]
        self.fields["modele"].choices = tous + [(m.code, m.code) for m in modeles]
        self.fields["format"].choices = tous + [(f.slug, f.nom) for f in formats]

    def parametres(self) -> dict:
        self.is_valid()
        donnees = getattr(self, "cleaned_data", {})
        return {
            "requete": donnees.get("q") or self.data.get("q", "")[:1000],
            "genre": donnees.get("genre", ""),
            "modele": donnees.get("modele", ""),
            "format_": donnees.get("format", ""),
            "annee": donnees.get("annee"),
            "page": donnees.get("page") or 1,
        }
