/**
 * `/status.js`: every `data-refresh-ms`, asks `/api/figures` for the page's figures and replaces
 * the text of each `[data-field]` element whose figure changed (and its class, from
 * `"<field>.class"`). Nothing else on the page is touched, so a selection being copied survives;
 * when reports arrive, a notice offers to show them rather than redrawing the list under the reader.
 */
export const STATUS_SCRIPT = `"use strict";
(() => {
  const every = Number(document.body.dataset.refreshMs) || 5000;
  const refresh = async () => {
    try {
      const response = await fetch("/api/figures", { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) return;
      const figures = await response.json();
      for (const element of document.querySelectorAll("[data-field]")) {
        const name = element.dataset.field;
        const text = figures[name];
        if (typeof text === "string" && element.textContent !== text) element.textContent = text;
        const cls = figures[name + ".class"];
        if (typeof cls === "string" && element.className !== cls) element.className = cls;
      }
      // The title leads with the count of reports to review: a tab left open is a notification.
      if (typeof figures.to_review === "string") {
        const base = document.title.replace(/^\\(\\d+\\) /, "");
        document.title = figures.to_review === "0" ? base : "(" + figures.to_review + ") " + base;
      }
      const newer = document.getElementById("newer");
      if (newer && figures.total !== newer.dataset.total) newer.hidden = false;
    } catch {
      // The agent is restarting: try again at the next tick.
    }
  };
  setInterval(refresh, every);
})();
`;
