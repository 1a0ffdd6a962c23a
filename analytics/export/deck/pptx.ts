/**
 * The deck as a .pptx (pptxgenjs): 16:9 widescreen, one font, every text an editable text box,
 * charts as PNG pictures with alternative text, tables as real tables, speaker notes on every slide
 * and a live slide-number field.
 */
import PptxGenJS from 'pptxgenjs';
import { DECK_THEME as T, type Deck, type DeckElement, type Paragraph, type TextElement } from './model';

type Slide = ReturnType<PptxGenJS['addSlide']>;
type TextRunProps = Parameters<Slide['addText']>[0];

function runs(paragraphs: Paragraph[], element: TextElement): Exclude<TextRunProps, string> {
  const out: Exclude<TextRunProps, string> = [];
  paragraphs.forEach((p, pi) => {
    const last = pi === paragraphs.length - 1;
    p.runs.forEach((r, ri) => {
      const first = ri === 0;
      const endOfParagraph = ri === p.runs.length - 1 && !last;
      out.push({
        text: r.text,
        options: {
          bold: r.bold ?? element.bold ?? false,
          color: r.color ?? element.color,
          fontSize: r.size ?? element.size,
          breakLine: endOfParagraph,
          ...(first && p.bullet ? { bullet: { indent: 14 } } : {}),
          ...(first && p.spaceAfter ? { paraSpaceAfter: p.spaceAfter } : {}),
        },
      });
    });
  });
  return out;
}

function addElement(pptx: PptxGenJS, slide: Slide, element: DeckElement): void {
  switch (element.type) {
    case 'rect':
      slide.addShape(pptx.ShapeType.rect, {
        x: element.x,
        y: element.y,
        w: element.w,
        h: element.h,
        fill: { color: element.fill },
        line: element.line ? { color: element.line, width: 0.75 } : { type: 'none' },
      });
      return;
    case 'image':
      slide.addImage({ data: `image/png;base64,${element.png.toString('base64')}`, x: element.x, y: element.y, w: element.w, h: element.h, altText: element.alt });
      return;
    case 'table':
      slide.addTable(
        element.rows.map((row) =>
          row.map((cell) => ({
            text: cell.sub
              ? [
                  { text: cell.text, options: { breakLine: true, bold: cell.bold ?? false } },
                  { text: cell.sub, options: { bold: false, color: T.muted, fontSize: element.size - 1.5 } },
                ]
              : cell.text,
            options: {
              // With a second line, boldness belongs to the first line only.
              bold: cell.sub ? false : (cell.bold ?? false),
              color: cell.color ?? T.ink,
              align: cell.align ?? 'left',
              ...(cell.fill ? { fill: { color: cell.fill } } : {}),
            },
          })),
        ),
        {
          x: element.x,
          y: element.y,
          w: element.w,
          colW: element.colW,
          fontFace: T.font,
          fontSize: element.size,
          color: T.ink,
          valign: 'middle',
          margin: [0.04, 0.08, 0.04, 0.08],
          border: { type: 'solid', pt: 0.75, color: T.line },
        },
      );
      return;
    case 'text':
      if (element.field === 'slideNumber') {
        slide.slideNumber = { x: element.x, y: element.y, w: element.w, h: element.h, fontFace: T.font, fontSize: element.size, color: element.color, align: element.align ?? 'left' };
        return;
      }
      slide.addText(runs(element.paragraphs, element), {
        x: element.x,
        y: element.y,
        w: element.w,
        h: element.h,
        fontFace: T.font,
        fontSize: element.size,
        color: element.color,
        bold: element.bold ?? false,
        align: element.align ?? 'left',
        valign: element.valign ?? 'top',
        margin: 0,
        fit: 'none',
        isTextBox: true,
      });
      return;
  }
}

export async function writePptx(deck: Deck): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.subject = deck.subject;
  pptx.author = deck.author;
  pptx.company = deck.author;
  pptx.theme = { headFontFace: T.font, bodyFontFace: T.font };
  for (const s of deck.slides) {
    const slide = pptx.addSlide();
    slide.background = { color: s.background ?? 'FFFFFF' };
    for (const element of s.elements) addElement(pptx, slide, element);
    slide.addNotes(s.notes);
  }
  const out = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
