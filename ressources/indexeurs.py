"""Indexeurs de recherche des contenus de ``programme`` (modèles, formats, piliers) et de
``ressources`` (socle de connaissance, travaux académiques).

``programme`` est sous ``ressources`` : c'est ``ressources`` qui indexe ses contenus. Les
applications du dessus (webinaires…) déclarent les leurs depuis leur propre ``ready()``.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from programme.models import Format, ModeleSocioEconomique, Pilier

from . import biblio
from .models import Ressource, TravailAcademique
from .recherche import Document, indexeur


def _filtrer(queryset, ids):
    return queryset if ids is None else queryset.filter(pk__in=[i for i in ids if i.isdigit()])


def _modeles(ids):
    for modele in _filtrer(ModeleSocioEconomique.objects.all(), ids):
        yield Document(
            objet_id=modele.pk,
            titre=f"{modele.code} – {modele.nom}",
            url=modele.get_absolute_url(),
            texte="\n".join(
                [
                    modele.sous_titre,
                    modele.ressources,
                    modele.domaines,
                    modele.avantages,
                    modele.inconvenients,
                    str(modele.get_logique_display()),
                ]
            ),
            modeles=[modele.code],
        )


def _formats(ids):
    for format_ in _filtrer(Format.objects.all(), ids):
        yield Document(
            objet_id=format_.pk,
            titre=format_.nom,
            url=format_.get_absolute_url(),
            texte=f"{format_.description}\n{format_.pour_qui}",
            formats=[format_.slug],
        )


def _piliers(ids):
    piliers = _filtrer(Pilier.objects.prefetch_related("partenaires"), ids)
    for pilier in piliers:
        yield Document(
            objet_id=pilier.pk,
            titre=f"Pilier {pilier.numero} : {pilier.titre}",
            url=pilier.get_absolute_url(),
            texte="\n".join([pilier.accroche, pilier.description, pilier.points_cles]),
            noms=[p.nom for p in pilier.partenaires.all()],
        )


def _ressources(ids):
    ressources = _filtrer(
        Ressource.objects.filter(publiee=True).prefetch_related("modeles", "formats"), ids
    )
    for ressource in ressources:
        yield Document(
            objet_id=ressource.pk,
            titre=ressource.titre,
            url=ressource.url,
            texte="\n".join(
                [
                    str(ressource.get_categorie_display()),
                    str(ressource.get_type_ressource_display() or ""),
                    ressource.description,
                ]
            ),
            noms=[ressource.editeur],
            modeles=[m.code for m in ressource.modeles.all()],
            formats=[f.slug for f in ressource.formats.all()],
        )


def _travaux(ids):
    travaux = _filtrer(
        TravailAcademique.objects.filter(publie=True)
        .select_related("programme_recherche")
        .prefetch_related(
            Prefetch("modeles", queryset=ModeleSocioEconomique.objects.only("code")),
            Prefetch("formats", queryset=Format.objects.only("slug")),
        ),
        ids,
    )
    for travail in travaux:
        csl = travail.csl
        personnes = [*csl.get("author", []), *csl.get("editor", [])]
        yield Document(
            objet_id=travail.pk,
            titre=travail.titre,
            url=travail.get_absolute_url(),
            texte="\n".join(
                x
                for x in [
                    str(travail.get_type_display()),
                    biblio.auteurs_cites(csl.get("author", [])),
                    csl.get("container-title", ""),
                    csl.get("publisher", ""),
                    csl.get("abstract", ""),
                    csl.get("keyword", ""),
                    travail.programme_recherche.nom if travail.programme_recherche else "",
                    travail.equipe,
                ]
                if x
            ),
            noms=[
                " ".join(x for x in (p.get("given"), biblio.nom_famille(p)) if x) for p in personnes
            ],
            modeles=[m.code for m in travail.modeles.all()],
            formats=["contenus-academiques", *(f.slug for f in travail.formats.all())],
            annee=travail.annee,
        )


indexeur(
    genre="modele",
    libelle=_("Modèles socio-économiques"),
    modele="programme.modelesocioeconomique",
    documents=_modeles,
    ordre=10,
)
indexeur(
    genre="format", libelle=_("Formats"), modele="programme.format", documents=_formats, ordre=20
)
indexeur(
    genre="pilier",
    libelle=_("Piliers du programme"),
    modele="programme.pilier",
    documents=_piliers,
    ordre=30,
)
indexeur(
    genre="ressource",
    libelle=_("Ressources"),
    modele="ressources.ressource",
    documents=_ressources,
    ordre=60,
)
indexeur(
    genre="travail",
    libelle=_("Travaux académiques"),
    modele="ressources.travailacademique",
    documents=_travaux,
    ordre=70,
)
