// Bar charts drawn as SVG from the figures the server counted (/api/console/stats).
// No chart library: one <g class="bar"> per figure, with its count in data-count.
"use strict";

window.Charts = (function () {
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 320;
  const ROW = 38;

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A horizontal bar per figure, the label above its bar and the count after it.
  function bars(chart) {
    const { el, t } = window.Kit;
    const most = Math.max(1, ...chart.bars.map((b) => b.count));
    const height = Math.max(1, chart.bars.length) * ROW + 4;
    const id = "chart-" + chart.key;
    const picture = svg("svg", {
      class: "chart", id, role: "img", viewBox: "0 0 " + WIDTH + " " + height,
      "aria-labelledby": id + "-title",
    });
    picture.append(svg("title", { id: id + "-title" }, chart.title + " · " + t("console.chart_total", { total: chart.total })));
    chart.bars.forEach((bar, i) => {
      const y = i * ROW;
      const width = Math.max(2, Math.round(((WIDTH - 48) * bar.count) / most));
      const group = svg("g", { class: "bar", "data-key": bar.key, "data-count": bar.count });
      group.append(
        svg("title", {}, bar.label + ": " + bar.count),
        svg("text", { x: 0, y: y + 13, class: "label" }, bar.label),
        svg("rect", { x: 0, y: y + 18, width, height: 14, rx: 3 }),
        svg("text", { x: width + 6, y: y + 30, class: "count" }, String(bar.count)));
      picture.append(group);
    });
    const figure = el("figure", { class: "card chart-card", "data-chart": chart.key },
      el("figcaption", {}, el("h2", { text: chart.title }),
        el("span", { class: "hint", text: t("console.chart_total", { total: chart.total }) })));
    figure.append(chart.bars.length ? picture : el("p", { class: "hint", text: t("console.chart_empty") }));
    return figure;
  }

  return { bars };
})();
