"""Convertisseurs d'URL partagés par les applications."""


class JetonConverter:
    """Jeton secret d'un lien envoyé par e-mail (``secrets.token_urlsafe``, 64 caractères au
    plus en base). Tout autre segment ne désigne aucun objet : 404 avant la vue, sans requête
    ni clé de cache démesurée."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
