/**
 * Training you can see: the data in the plane with each model's decision regions, and the cost
 * curves, as self-contained SVG. Described as Vega-Lite charts and drawn by vega's own SVG
 * renderer (no browser, no canvas). Pure apart from vega's asynchronous rendering: data in, SVG
 * text out.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Boundary } from "../core/assignment.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";

/** The course's colours: red for label 0, blue for label 1 (matplotlib's Spectral ends). */
const LABEL_COLOURS = { domain: [0, 1], range: ["#d53e4f", "#3288bd"] };

/** Points of a cost curve at most: a 10 000-iteration curve drawn from 500 is the same line. */
const COST_POINTS = 500;

async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The grid's cells as rectangles, each row's run of cells with the same prediction merged into
 * one: the same picture from a few hundred rectangles instead of thousands.
 */
function regions({ grid, step }: Boundary) {
  const rows = new Map<number, { x: number; prediction: number }[]>();
  for (const { x, y, prediction } of grid) {
    const row = rows.get(y) ?? [];
    row.push({ x, prediction });
    rows.set(y, row);
  }
  return [...rows].flatMap(([y, row]) => {
    row.sort((a, b) => a.x - b.x);
    const runs: { x: number; x2: number; y: number; y2: number; label: number }[] = [];
    for (const { x, prediction } of row) {
      const last = runs.at(-1);
      if (last && last.label === prediction) last.x2 = x + step / 2;
      else
        runs.push({
          x: x - step / 2,
          x2: x + step / 2,
          y: y - step / 2,
          y2: y + step / 2,
          label: prediction,
        });
    }
    return runs;
  });
}

/** One panel per model: its decision regions on a grid, and the examples coloured by label. */
export function boundarySvg(
  panels: { title: string; boundary: Boundary }[],
  words: Labels["train"] = en.labels.train,
  columns = 4,
): Promise<string> {
  const values = panels.flatMap(({ title, boundary }) => [
    ...regions(boundary).map((region) => ({ panel: title, kind: "region", ...region })),
    ...boundary.points.map((p) => ({
      panel: title,
      kind: "example",
      x: p.x,
      y: p.y,
      label: p.label,
    })),
  ]);
  return svgOf({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values },
    facet: { field: "panel", type: "nominal", title: null, sort: panels.map((p) => p.title) },
    columns: Math.min(columns, panels.length),
    spec: {
      width: 240,
      height: 240,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'region'" }],
          mark: { type: "rect", opacity: 0.3 },
          encoding: {
            x: { field: "x", type: "quantitative", title: "x₁" },
            x2: { field: "x2" },
            y: { field: "y", type: "quantitative", title: "x₂" },
            y2: { field: "y2" },
            color: { field: "label", type: "nominal", scale: LABEL_COLOURS, title: words.label },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'example'" }],
          mark: { type: "circle", size: 14, opacity: 0.9, stroke: "black", strokeWidth: 0.3 },
          encoding: {
            x: { field: "x", type: "quantitative" },
            y: { field: "y", type: "quantitative" },
            color: { field: "label", type: "nominal", scale: LABEL_COLOURS },
          },
        },
      ],
    },
  });
}

/** The cost by iteration, one line per model (`costEvery`: iterations between two costs). */
export function costSvg(
  series: { title: string; costs: number[]; costEvery?: number | undefined }[],
  words: Labels["train"] = en.labels.train,
): Promise<string> {
  const values = series.flatMap(({ title, costs, costEvery = 1 }) => {
    const every = Math.max(1, Math.ceil(costs.length / COST_POINTS));
    return costs.flatMap((cost, k) =>
      k % every === 0 || k === costs.length - 1
        ? [{ model: title, iteration: k * costEvery, cost }]
        : [],
    );
  });
  return svgOf({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 480,
    height: 240,
    data: { values },
    mark: { type: "line" },
    encoding: {
      x: { field: "iteration", type: "quantitative", title: words.iteration },
      y: { field: "cost", type: "quantitative", title: words.cost },
      color: { field: "model", type: "nominal", title: null },
    },
  });
}
