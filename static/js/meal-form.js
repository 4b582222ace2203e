// Log-a-food page: when the type-ahead (food-search.js) picks a food, show its name and
// offer its portions in the unit select. Without JavaScript the server renders both.
(function () {
  "use strict";
  var search = document.querySelector("[data-food-search]");
  var unit = document.getElementById("id_portion");
  var chosen = document.getElementById("chosen-food");
  if (!search || !unit) return;

  search.addEventListener("food-chosen", function (event) {
    var food = event.detail;
    chosen.textContent = food.name;
    unit.replaceChildren(new Option("grams", ""));
    (food.portions || []).forEach(function (portion) {
      unit.add(new Option(portion.description + " (" + Number(portion.grams) + " g)", portion.id));
    });
    // A household portion is what people think in; grams stay one choice away.
    unit.selectedIndex = unit.options.length > 1 ? 1 : 0;
    document.getElementById("id_amount").focus();
  });
})();
