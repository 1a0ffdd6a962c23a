/**
 * The render page (render.html): no UI, only `window.undertowRender(requests)`, which draws each
 * requested figure with Plotly and answers data URLs (PNG or SVG). Loaded by headless Chromium (CLI,
 * browser-mode host) and by a hidden window in the desktop shell to put charts into decks.
 */
import Plotly from 'plotly.js-dist-min';
import { RENDER_FUNCTION, type RenderRequest } from '../../../shared/export';
import { exportFigure } from './figures';

async function render(requests: RenderRequest[]): Promise<string[]> {
  const out: string[] = [];
  for (const request of requests) {
    const figure = exportFigure(request);
    out.push(
      await Plotly.toImage(
        { data: figure.data, layout: { ...figure.layout, width: request.width, height: request.height } },
        { format: request.format, width: request.width, height: request.height, scale: request.scale },
      ),
    );
  }
  return out;
}

Object.assign(window, { [RENDER_FUNCTION]: render });
document.documentElement.dataset.ready = 'true';
