/** The drawing surface the layout writes on, and what is drawn on each finished page. */
import type { Frame, TextStyle } from './page-styles';

/** What the layout draws on: pdfkit in the drawing pass, nothing in the counting pass. */
export interface Canvas {
  addPage(frame: Frame): void;
  text(text: string, x: number, y: number, style: TextStyle, link?: string): void;
  rule(x1: number, x2: number, y: number, color: string, width: number): void;
  box(x: number, y: number, width: number, height: number, fill: string, edge?: string): void;
  bookmark(title: string, level: 1 | 2): void;
  anchor(name: string, y: number): void;
}

export const COUNTING_CANVAS: Canvas = {
  addPage: () => undefined,
  text: () => undefined,
  rule: () => undefined,
  box: () => undefined,
  bookmark: () => undefined,
  anchor: () => undefined,
};

/**
 * Drawn on each page when it is complete (the footer, in the drawing pass): last in the page's content, so a
 * reader extracting the text meets it after the page's own.
 */
export type PageDecoration = (canvas: Canvas, page: number, frame: Frame) => void;
