// Type-ahead for food search, as progressive enhancement.
//
// Enhances every <input type="search" data-food-search="URL" data-food-target="HIDDEN_INPUT_ID">:
// as the user types it fetches URL?q=...&format=json (debounced), shows the results in an
// accessible listbox (arrow keys, Enter, Escape, click), and on a choice sets the hidden
// input to the food's id and dispatches a "food-chosen" CustomEvent on the search input whose
// detail is the chosen JSON result, portions included. Without JavaScript the form still works.
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;
  var counter = 0;

  function enhance(input) {
    var target = document.getElementById(input.dataset.foodTarget);
    var listbox = document.createElement("ul");
    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;

    counter += 1;
    listbox.id = "food-suggestions-" + counter;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggested foods");
    // Placed below the search box by static/css/app.css, so the words typed stay in sight while choosing.
    listbox.className = "list-group position-absolute w-100 shadow-sm food-suggestions";
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = listbox.children;
      if (active >= 0 && options[active]) {
        options[active].classList.remove("active");
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0 && options[active]) {
        options[active].classList.add("active");
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({block: "nearest"});
      }
    }

    function choose(index) {
      var food = results[index];
      if (!food) return;
      input.value = food.name;
      if (target) target.value = food.id;
      close();
      input.dispatchEvent(new CustomEvent("food-chosen", {detail: food, bubbles: true}));
    }

    function show(foods) {
      results = foods;
      listbox.replaceChildren();
      foods.forEach(function (food, index) {
        var option = document.createElement("li");
        var magnesium = food.magnesium_mg_per_100g === null ? "no data" : food.magnesium_mg_per_100g + " mg/100 g";
        option.id = listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "list-group-item list-group-item-action";
        // The other name that found it says why it came up: "capsicum: Peppers, sweet, red, raw".
        option.textContent = food.matched_name ? food.matched_name + ": " + food.name : food.name;
        var detail = document.createElement("small");
        detail.className = "d-block text-body-secondary";
        detail.textContent = food.source_label + " · Magnesium " + magnesium;
        option.appendChild(detail);
        // mousedown, not click: it fires before the input's blur closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        listbox.appendChild(option);
      });
      active = -1;
      listbox.hidden = foods.length === 0;
      input.setAttribute("aria-expanded", String(foods.length > 0));
    }

    function fetchResults() {
      var query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      controller = new AbortController();
      var url = input.dataset.foodSearch + "?format=json&q=" + encodeURIComponent(query);
      fetch(url, {headers: {Accept: "application/json"}, signal: controller.signal, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { show(data.results); })
        .catch(function (error) { if (error.name !== "AbortError") show([]); });
    }

    input.addEventListener("input", function () {
      if (target) target.value = "";
      clearTimeout(timer);
      timer = setTimeout(fetchResults, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (listbox.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-food-search]").forEach(enhance);
})();
