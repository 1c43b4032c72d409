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
