/* Sortable report tables: each header becomes a button (click, Enter or Space) that sorts the rows
   by that column, ascending then descending. Cells with a data-sort value sort by it (numbers in
   columns of class "num"); an empty data-sort (unknown) always sorts last. Local, no network. */
(function () {
  function sortKey(cell, numeric) {
    var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (key === "") return null;
    return numeric ? parseFloat(key) : key;
  }
  function sortRows(table, column, header) {
    var body = table.tBodies[0];
    var numeric = header.classList.contains("num");
    var descending = header.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: sortKey(row.cells[column], numeric), position: position };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.position - b.position : a.key === null ? 1 : -1;
      }
      var order = numeric ? a.key - b.key : a.key.localeCompare(b.key, undefined, { numeric: true });
      return (descending ? -order : order) || a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(header.parentNode.cells, function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  document.querySelectorAll("table.report-table").forEach(function (table) {
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.title = "Sort by this column";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortRows(table, column, header); });
    });
  });
})();
/* Tables on small screens and in print: every cell carries its column's header as data-label (the
   stacked rows of a phone show "label: value"); tables of more than three columns get the class
   "stack"; each table sits in a box that scrolls only when it still cannot fit, and says so. */
(function () {
  document.querySelectorAll("table.report-table").forEach(function (table) {
    if (!table.tHead) return;
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    if (labels.length > 3) table.classList.add("stack");
    if (labels.indexOf("address") >= 0) document.body.classList.add("has-source-table");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (labels[i]) cell.setAttribute("data-label", labels[i]);
          var text = cell.textContent.trim();
          if (/^\S{1,10}$/.test(text)) cell.classList.add("short");
          if (/\S{30,}/.test(text)) cell.classList.add("long-word");
        });
      });
    });
    var box = document.createElement("div");
    box.className = "table-box";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
  function markScrolled() {
    document.querySelectorAll(".table-box").forEach(function (box) {
      box.classList.toggle("is-scrolled", box.scrollWidth > box.clientWidth + 1);
    });
  }
  markScrolled();
  window.addEventListener("resize", markScrolled);
})();
