/* Click a chart mark to open the card of the incident it stands for. Local, no network.
   Each mark's customdata is [hrefs separated by spaces, incidents not listed]; one card
   opens at once, several are offered in a small list next to the click. */
(function () {
  var box = null;
  function close() { if (box) { box.remove(); box = null; } }
  function offer(hrefs, more, x, y) {
    close();
    box = document.createElement("div");
    box.className = "chart-cards";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Incident cards");
    var list = document.createElement("ul");
    hrefs.forEach(function (href) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.className = "incident-link";
      link.setAttribute("href", href);
      link.textContent = decodeURIComponent(href.split("#")[1] || href);
      item.appendChild(link);
      list.appendChild(item);
    });
    if (more > 0) {
      var rest = document.createElement("li");
      rest.textContent = "and " + more + " more (see the tables)";
      list.appendChild(rest);
    }
    box.appendChild(list);
    box.style.left = Math.max(4, Math.min(x, window.innerWidth - 260)) + window.scrollX + "px";
    box.style.top = y + window.scrollY + 8 + "px";
    document.body.appendChild(box);
  }
  document.addEventListener("click", function (e) { if (box && !box.contains(e.target)) close(); }, true);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  document.querySelectorAll("div.plotly-graph-div").forEach(function (div) {
    if (typeof div.on !== "function") return;
    div.on("plotly_click", function (data) {
      var point = data && data.points && data.points[0], cd = point && point.customdata;
      if (!cd || typeof cd[0] !== "string") return;
      var hrefs = cd[0].split(" ").filter(function (h) { return /^cards\/[^\s"'<>]+$/.test(h); });
      var more = Number(cd[1]) || 0;
      if (hrefs.length === 1 && more === 0) { window.location.href = hrefs[0]; return; }
      if (!hrefs.length) return;
      var ev = data.event || {};
      setTimeout(function () { offer(hrefs, more, ev.clientX || 20, ev.clientY || 20); }, 0);
    });
  });
})();
