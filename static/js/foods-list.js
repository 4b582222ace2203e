// On the food pages, choosing a suggestion opens that food's page.
document.addEventListener("food-chosen", function (event) {
  "use strict";
  window.location.assign(event.detail.url);
});
