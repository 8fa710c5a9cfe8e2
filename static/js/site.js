/* Petits comportements d'interface. Aucune dépendance ; la page fonctionne sans. */
(function () {
  "use strict";
  // Déplace le focus sur le contenu remplacé par htmx quand il porte data-focus.
  document.addEventListener("htmx:afterSwap", function (event) {
    var cible = event.detail.target.querySelector("[data-focus]");
    if (cible) { cible.focus(); }
  });
})();
