/**
 * The deck as one self-contained HTML document (no scripts; images as data URLs), one page per slide
 * at the slide's size, laid out with the same coordinates as the PPTX, for a browser engine to print
 * to PDF (headless Chromium's page.pdf, Electron's printToPDF).
 */
import { DECK_THEME as T, SLIDE, type Deck, type DeckElement, type Paragraph } from './model';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const box = (e: { x: number; y: number; w: number; h: number }) => `left:${e.x}in;top:${e.y}in;width:${e.w}in;height:${e.h}in`;

function paragraphs(ps: Paragraph[]): string {
  return ps
    .map((p) => {
      const content = p.runs
        .map((r) => {
          const style = [r.bold !== undefined ? `font-weight:${r.bold ? 700 : 400}` : '', r.color ? `color:#${r.color}` : '', r.size ? `font-size:${r.size}pt` : ''].filter(Boolean).join(';');
          return style ? `<span style="${style}">${esc(r.text)}</span>` : esc(r.text);
        })
        .join('');
      const style = `margin:0 0 ${p.spaceAfter ?? 0}pt 0${p.bullet ? ';padding-left:14pt;text-indent:-10pt' : ''}`;
      return `<p style="${style}">${p.bullet ? '•&#8201;&#8201;' : ''}${content || '&nbsp;'}</p>`;
    })
    .join('');
}

function element(e: DeckElement, slideNumber: number): string {
  switch (e.type) {
    case 'rect':
      return `<div class="abs" style="${box(e)};background:#${e.fill}${e.line ? `;border:0.75pt solid #${e.line}` : ''}"></div>`;
    case 'image':
      return `<img class="abs" style="${box(e)}" alt="${esc(e.alt)}" src="data:image/png;base64,${e.png.toString('base64')}">`;
    case 'table': {
      const cols = e.colW.map((w) => `<col style="width:${w}in">`).join('');
      const rows = e.rows
        .map((row) => `<tr>${row.map((c) => `<td style="text-align:${c.align ?? 'left'};color:#${c.color ?? T.ink};${c.fill ? `background:#${c.fill};` : ''}font-weight:${c.bold ? 700 : 400}">${esc(c.text)}${c.sub ? `<div class="sub" style="font-size:${e.size - 1.5}pt">${esc(c.sub)}</div>` : ''}</td>`).join('')}</tr>`)
        .join('');
      return `<table class="abs" style="left:${e.x}in;top:${e.y}in;width:${e.w}in;font-size:${e.size}pt"><colgroup>${cols}</colgroup>${rows}</table>`;
    }
    case 'text': {
      const justify = e.valign === 'bottom' ? 'flex-end' : e.valign === 'middle' ? 'center' : 'flex-start';
      const body = e.field === 'slideNumber' ? `<p style="margin:0">${slideNumber}</p>` : paragraphs(e.paragraphs);
      return `<div class="abs text" style="${box(e)};justify-content:${justify};text-align:${e.align ?? 'left'};font-size:${e.size}pt;color:#${e.color};font-weight:${e.bold ? 700 : 400}">${body}</div>`;
    }
  }
}

export function deckHtml(deck: Deck): string {
  const slides = deck.slides
    .map((s, i) => `<section class="slide" style="background:#${s.background ?? 'FFFFFF'}">${s.elements.map((e) => element(e, i + 1)).join('')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(deck.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>
@page { size: ${SLIDE.width}in ${SLIDE.height}in; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${T.font}, "Liberation Sans", Helvetica, sans-serif; color: #${T.ink}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.slide { position: relative; width: ${SLIDE.width}in; height: ${SLIDE.height}in; overflow: hidden; page-break-after: always; break-after: page; }
.slide:last-child { page-break-after: auto; break-after: auto; }
.abs { position: absolute; }
.text { display: flex; flex-direction: column; line-height: 1.2; overflow: hidden; }
table { border-collapse: collapse; table-layout: fixed; line-height: 1.2; }
td { border: 0.75pt solid #${T.line}; padding: 0.04in 0.08in; vertical-align: middle; overflow-wrap: anywhere; }
td .sub { font-weight: 400; color: #${T.muted}; }
</style></head>
<body>
${slides}
</body></html>`;
}
