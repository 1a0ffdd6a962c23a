/**
 * A deck as plain data, laid out in inches and points: what compose.ts builds and what the PPTX
 * writer (pptx.ts) and the HTML writer for PDF (html.ts) both draw, so the PDF is the same deck.
 */

/** 16:9 at PowerPoint's widescreen size. */
export const SLIDE = { width: 13.333, height: 7.5 } as const;

/** One palette and one font for every slide (the chart palette's ink, muted and accent colours). */
export const DECK_THEME = {
  /** Arial is in every Office install; LibreOffice substitutes the metric-compatible Liberation Sans. */
  font: 'Arial',
  ink: '1C2024',
  muted: '60646C',
  faint: '8B8D98',
  line: 'D9DCE1',
  panel: 'F4F5F7',
  accent: '3E63DD',
  ai: '8E4EC6',
  better: '218358',
  worse: 'CE2C31',
  titleBackground: '17191D',
  titleInk: 'FFFFFF',
  titleMuted: 'B0B4BA',
} as const;

export interface TextRun {
  text: string;
  bold?: boolean;
  color?: string;
  size?: number;
}

export interface Paragraph {
  runs: TextRun[];
  bullet?: boolean;
  /** Points of space after the paragraph. */
  spaceAfter?: number;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextElement extends Box {
  type: 'text';
  paragraphs: Paragraph[];
  /** Points. */
  size: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
  /** A field PowerPoint keeps current (the slide number); the HTML writer prints the value. */
  field?: 'slideNumber';
}

export interface ImageElement extends Box {
  type: 'image';
  png: Buffer;
  /** Alternative text: what the chart shows. */
  alt: string;
}

export interface RectElement extends Box {
  type: 'rect';
  fill: string;
  line?: string;
}

export interface TableCell {
  text: string;
  /** A second, smaller and muted line (a band under a median, levers under a name). */
  sub?: string;
  bold?: boolean;
  color?: string;
  fill?: string;
  align?: 'left' | 'center' | 'right';
}

export interface TableElement {
  type: 'table';
  x: number;
  y: number;
  w: number;
  /** Column widths in inches (sum = w). */
  colW: number[];
  /** The first row is the header. */
  rows: TableCell[][];
  size: number;
}

export type DeckElement = TextElement | ImageElement | RectElement | TableElement;

export type SlideKind = 'title' | 'headlines' | 'chart' | 'scenarios' | 'appendix';

export interface Slide {
  kind: SlideKind;
  /** The slide's title as a person reads it (the takeaway on chart slides). */
  title: string;
  /** Solid background colour; white when absent. */
  background?: string;
  elements: DeckElement[];
  /** Speaker notes: what to say, the numbers behind the title and the caveats. */
  notes: string;
}

export interface Deck {
  title: string;
  subject: string;
  author: string;
  slides: Slide[];
}
