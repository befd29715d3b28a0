/**
 * Headless rendering of Vega-Lite plots: compile with `vega-lite`, render to SVG with `vega`'s SVG renderer
 * (no browser, no canvas), rasterize to PNG with `@resvg/resvg-js`. `writePlot` picks the output by file
 * extension — `.svg`, `.png`, or `.json` / `.vl.json` (the Vega-Lite spec itself) — and writes atomically.
 */
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { EmbedkitError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  let view: View | undefined;
  try {
    view = new View(parse(compile(spec).spec), { renderer: 'none' });
    return await view.toSVG();
  } catch (e) {
    throw new EmbedkitError('BAD_ARGUMENT', 'plot specification', { expected: 'a Vega-Lite spec vega can render', received: e instanceof Error ? e.message : String(e), where: 'spec' });
  } finally {
    view?.finalize();
  }
}

export interface PngOptions {
  /** Pixel density: 2 (default) renders a 600-pixel-wide plot 1,200 pixels wide. */
  readonly scale?: number;
  /** Extra font files to use (system fonts are always loaded). */
  readonly fontFiles?: readonly string[];
}

export function svgToPng(svg: string, opts: PngOptions = {}): Buffer {
  const scale = opts.scale ?? 2;
  if (!(scale > 0 && scale <= 16)) throw new EmbedkitError('BAD_OPTION', 'scale', { expected: 'a number in (0, 16]', received: String(scale), where: 'scale' });
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans', ...(opts.fontFiles !== undefined ? { fontFiles: [...opts.fontFiles] } : {}) },
  });
  return r.render().asPng();
}

export type PlotFormat = 'svg' | 'png' | 'vega-lite';

export function plotFormatOf(path: string): PlotFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.svg')) return 'svg';
  if (p.endsWith('.png')) return 'png';
  if (p.endsWith('.json')) return 'vega-lite';
  throw new EmbedkitError('BAD_OPTION', 'plot file', { expected: 'a name ending in .svg, .png or .json (the Vega-Lite spec)', received: path, where: 'output' });
}

/** Renders `spec` into `path` (format from the extension). */
export async function writePlot(path: string, spec: TopLevelSpec, opts: PngOptions = {}): Promise<PlotFormat> {
  const format = plotFormatOf(path);
  if (format === 'vega-lite') await writeFileAtomic(path, JSON.stringify(spec, null, 1) + '\n');
  else {
    const svg = await renderSvg(spec);
    await writeFileAtomic(path, format === 'svg' ? svg : svgToPng(svg, opts));
  }
  return format;
}
