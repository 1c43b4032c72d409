/* Click a chart mark to open the card of the incident it stands for. Local, no network.
   Each mark's customdata is [hrefs separated by spaces, incidents not listed, and for a figure
   the incidents of its row with no figure]; one card opens at once, several are offered in a
   small list next to the click. Each entry names the incident in words (date and place, and the
   incident's own figure when the mark is a figure, from the mark's tooltip lines
   "id · date · place · figure"), under the tooltip's opening lines (what was clicked, e.g.
   "US personnel killed: 3"). A figure's list holds only incidents with a figure and says how
   many others have none. The list is placed beside the tooltip and the clicked mark, never over them. */
(function () {
  var box = null;
  function close() { if (box) { box.remove(); box = null; } }
  function hoverLines(point) {
    var text = point.hovertext || point.text || "";
    if (Array.isArray(text)) text = text[point.pointIndex] || "";
    var scratch = document.createElement("div");
    scratch.innerHTML = String(text).replace(/<br\s*\/?>/gi, "\n");
    return (scratch.textContent || "").split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
  }
  function describe(lines) {
    /* id -> "date, place" or "date, place: figure", from the tooltip's incident lines. */
    var words = {};
    lines.forEach(function (line) {
      var parts = line.split(" \u00b7 ");
      if (parts.length < 3) return;
      words[parts[0]] = parts[1] + ", " + parts[2] + (parts.length > 3 ? ": " + parts.slice(3).join(", ") : "");
    });
    return words;
  }
  function heading(lines, words) {
    /* The tooltip's lines before its first incident line (at most two), e.g. "Iraq · others killed: at least 5". */
    var head = [];
    for (var i = 0; i < lines.length && head.length < 2; i++) {
      if (words[lines[i].split(" \u00b7 ")[0]] || /^\u2026 and \d+ more$/.test(lines[i])) break;
      head.push(lines[i]);
    }
    return head.join(" \u00b7 ");
  }
  function place(x, y) {
    /* Clear of both the tooltip and the clicked mark (so the pointer stays on the mark and the tooltip
       stays up): below them, else above, else to the left, else to the right; below when none fits. */
    var width = box.offsetWidth, height = box.offsetHeight, gap = 8, reach = 14;
    var label = document.querySelector(".hoverlayer .hovertext");
    var r = label ? label.getBoundingClientRect() : { left: x, right: x, top: y, bottom: y };
    var u = { left: Math.min(r.left, x - reach), right: Math.max(r.right, x + reach),
              top: Math.min(r.top, y - reach), bottom: Math.max(r.bottom, y + reach) };
    var left = Math.max(4, Math.min(u.left, window.innerWidth - width - 4));
    var spots = [
      [left, u.bottom + gap],
      [left, u.top - height - gap],
      [u.left - width - gap, Math.max(4, u.top)],
      [u.right + gap, Math.max(4, u.top)]
    ];
    var spot = spots.find(function (s) {
      return s[0] >= 0 && s[1] >= 0 && s[0] + width <= window.innerWidth && s[1] + height <= window.innerHeight;
    }) || spots[0];
    box.style.left = spot[0] + window.scrollX + "px";
    box.style.top = spot[1] + window.scrollY + "px";
  }
  function offer(hrefs, more, none, lines, x, y) {
    close();
    box = document.createElement("div");
    box.className = "chart-cards";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Incident cards");
    var words = describe(lines), title = heading(lines, words);
    if (title) {
      var p = document.createElement("p");
      p.className = "chart-cards-title";
      p.textContent = title;
      box.appendChild(p);
    }
    var list = document.createElement("ul");
    hrefs.forEach(function (href) {
      var item = document.createElement("li"), link = document.createElement("a");
      var id = decodeURIComponent(href.split("#")[1] || href);
      link.className = "incident-link";
      link.setAttribute("href", href);
      link.textContent = words[id] ? words[id] + " (" + id + ")" : id;
      item.appendChild(link);
      list.appendChild(item);
    });
    if (more > 0) {
      var rest = document.createElement("li");
      rest.textContent = "and " + more + " more (see the tables)";
      list.appendChild(rest);
    }
    if (none > 0) {
      var unknown = document.createElement("li");
      unknown.className = "chart-cards-none";
      unknown.textContent = (hrefs.length || more ? none + " more" : none) + " with no figure";
      list.appendChild(unknown);
    }
    box.appendChild(list);
    box.style.left = "0px";
    box.style.top = "0px";
    document.body.appendChild(box);
    place(x, y);
  }
  document.addEventListener("click", function (e) { if (box && !box.contains(e.target)) close(); }, true);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  function fitToPrint(div) {
    /* A viewBox on each layer of the drawing lets the print stylesheet scale the chart to the page. */
    div.querySelectorAll(".svg-container > svg.main-svg").forEach(function (svg) {
      var w = svg.getAttribute("width"), h = svg.getAttribute("height");
      if (w && h) svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    });
  }
  document.querySelectorAll("div.plotly-graph-div").forEach(function (div) {
    fitToPrint(div);
    if (typeof div.on !== "function") return;
    div.on("plotly_afterplot", function () { fitToPrint(div); });
    div.on("plotly_click", function (data) {
      var point = data && data.points && data.points[0], cd = point && point.customdata;
      if (!cd || typeof cd[0] !== "string") return;
      var hrefs = cd[0].split(" ").filter(function (h) { return /^cards\/[^\s"'<>]+$/.test(h); });
      var more = Number(cd[1]) || 0, none = Number(cd[2]) || 0;
      if (hrefs.length === 1 && more === 0 && none === 0) { window.location.href = hrefs[0]; return; }
      if (!hrefs.length) return;
      var ev = data.event || {}, lines = hoverLines(point);
      setTimeout(function () { offer(hrefs, more, none, lines, ev.clientX || 20, ev.clientY || 20); }, 0);
    });
  });
})();
