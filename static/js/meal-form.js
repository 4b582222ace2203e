// Log-a-food page: when the type-ahead (food-search.js) picks a food, show its name and
// offer its portions in the unit select. Without JavaScript the server renders both.
// The quick quantities (½, 1, 1½, 2 portions) fill the amount in one tap, once the food has portions.
(function () {
  "use strict";
  var search = document.querySelector("[data-food-search]");
  var unit = document.getElementById("id_portion");
  var amount = document.getElementById("id_amount");
  var chosen = document.getElementById("chosen-food");
  var quick = document.getElementById("quick-quantities");
  if (!unit || !amount) return;

  function offerQuickQuantities() {
    if (quick) quick.hidden = unit.options.length < 2;
  }

  if (quick) {
    quick.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-amount]");
      if (!button) return;
      if (unit.value === "" && unit.options.length > 1) unit.selectedIndex = 1;  // portions, not grams
      amount.value = button.dataset.amount;
    });
  }
  offerQuickQuantities();

  if (!search) return;
  search.addEventListener("food-chosen", function (event) {
    var food = event.detail;
    chosen.textContent = food.name;
    unit.replaceChildren(new Option("grams", ""));
    (food.portions || []).forEach(function (portion) {
      unit.add(new Option(portion.description + " (" + Number(portion.grams) + " g)", portion.id));
    });
    // A household portion is what people think in; grams stay one choice away. One of it unless told otherwise.
    unit.selectedIndex = unit.options.length > 1 ? 1 : 0;
    if (unit.selectedIndex === 1 && amount.value === "") amount.value = "1";
    offerQuickQuantities();
    amount.focus();
  });
})();
