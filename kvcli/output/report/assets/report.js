/* kvcli report: sorting and filtering for the heatmap, details opened where a link points.
   The page is complete without this script; it only reads the data- attributes the tables carry. */
(function () {
  "use strict";
  var table = document.getElementById("heatmap");
  if (!table || !table.tHead || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var headRow = table.tHead.rows[0];
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  each(document.querySelectorAll(".js-only"), function (el) { el.hidden = false; });

  function sortValue(row, col) {
    var v = parseFloat(row.cells[col].getAttribute("data-sort"));
    return isNaN(v) ? -1 : v;
  }

  function sortBy(col, th) {
    var current = th.getAttribute("aria-sort");
    // Verdicts: missing first; counts: the most findings first; the report column: the archive's order.
    var first = th.classList.contains("num") ? "descending" : "ascending";
    var next = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    var sign = next === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var d = sortValue(a, col) - sortValue(b, col);
      return d !== 0 ? sign * d : sortValue(a, 0) - sortValue(b, 0);
    });
    each(headRow.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", next);
    rows.forEach(function (r) { body.appendChild(r); });
  }

  each(headRow.cells, function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) {
      button.appendChild(th.firstChild);
    }
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(col, th); });
  });

  var controls = document.getElementById("controls");
  if (controls) {
    var units = [];
    var years = [];
    each(body.rows, function (row) {
      var unit = row.getAttribute("data-unit");
      if (unit && units.indexOf(unit) < 0) {
        units.push(unit);
      }
      var start = parseInt(row.getAttribute("data-start"), 10);
      var end = parseInt(row.getAttribute("data-end"), 10);
      for (var y = start; !isNaN(y) && y <= end; y++) {
        if (years.indexOf(y) < 0) {
          years.push(y);
        }
      }
    });
    years.sort(function (a, b) { return a - b; });

    var all = controls.getAttribute("data-label-all") || "";
    var makeSelect = function (id, label, values) {
      var wrap = document.createElement("label");
      wrap.htmlFor = id;
      wrap.appendChild(document.createTextNode(label + " "));
      var select = document.createElement("select");
      select.id = id;
      select.appendChild(new Option(all, ""));
      values.forEach(function (v) { select.appendChild(new Option(String(v), String(v))); });
      wrap.appendChild(select);
      controls.appendChild(wrap);
      return select;
    };
    var unitSelect = makeSelect("filter-unit", controls.getAttribute("data-label-unit") || "", units);
    var yearSelect = makeSelect("filter-year", controls.getAttribute("data-label-year") || "", years);
    var status = document.createElement("output");
    status.setAttribute("aria-live", "polite");
    controls.appendChild(status);
    var shownLabel = controls.getAttribute("data-label-shown") || "{shown}/{total}";

    var apply = function () {
      var unit = unitSelect.value;
      var year = yearSelect.value ? parseInt(yearSelect.value, 10) : null;
      var shown = 0;
      each(document.querySelectorAll(".filterable"), function (el) {
        var ok = !unit || el.getAttribute("data-unit") === unit;
        var dated = el.tagName === "TR" || el.classList.contains("report");
        if (ok && year !== null && dated) {
          var start = parseInt(el.getAttribute("data-start"), 10);
          var end = parseInt(el.getAttribute("data-end"), 10);
          ok = start <= year && year <= end;
        }
        el.hidden = !ok;
        if (ok && el.parentNode === body) {
          shown++;
        }
      });
      status.textContent = shownLabel.replace("{shown}", shown).replace("{total}", body.rows.length);
    };
    unitSelect.addEventListener("change", apply);
    yearSelect.addEventListener("change", apply);
    apply();
    controls.hidden = false;
  }

  // A link into a report's closed "concepts and evidence" list opens it.
  var reveal = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") {
        el.open = true;
      }
    }
    if (target) {
      target.scrollIntoView();
    }
  };
  window.addEventListener("hashchange", reveal);
  reveal();

  // Printed, every list is open: paper cannot be clicked.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
