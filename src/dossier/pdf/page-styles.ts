/** Page geometry and text styles of the dossier PDF, in points (y grows downwards, as pdfkit draws). */

/** The two faces of DejaVu Sans the dossier uses. */
export type FontName = 'regular' | 'bold';

export type Orientation = 'portrait' | 'landscape';

/** A page and its text area, in points (y grows downwards, as pdfkit draws). */
export interface Frame {
  orientation: Orientation;
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  /** Lowest y text may reach; the footer sits below it. */
  bottom: number;
}

const A4_SHORT = 595.28;
const A4_LONG = 841.89;
export const PORTRAIT: Frame = { orientation: 'portrait', width: A4_SHORT, height: A4_LONG, left: 50, right: A4_SHORT - 50, top: 48, bottom: A4_LONG - 58 };
export const LANDSCAPE: Frame = { orientation: 'landscape', width: A4_LONG, height: A4_SHORT, left: 36, right: A4_LONG - 36, top: 36, bottom: A4_SHORT - 50 };

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
}

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const ACCENT = '#1f3a5f';
export const RULE = '#c4c9cf';
export const HEADER_FILL = '#e4e9ef';
export const SUBTOTAL_FILL = '#f2f4f6';
export const TOTAL_FILL = '#dde3ea';
export const NOTICE_FILL = '#fff3e0';
export const NOTICE_EDGE = '#c0620f';

export const BODY: TextStyle = { font: 'regular', size: 9.5, color: INK };
export const SMALL: TextStyle = { font: 'regular', size: 7.5, color: MUTED };
export const LABEL: TextStyle = { font: 'bold', size: 9, color: ACCENT };
export const FOOTER: TextStyle = { font: 'regular', size: 7, color: MUTED };
export const HEADING_STYLES: Readonly<Record<1 | 2, TextStyle>> = {
  1: { font: 'bold', size: 14, color: ACCENT },
  2: { font: 'bold', size: 11, color: ACCENT },
};
export const HEADING_SPACE: Readonly<Record<1 | 2, { before: number; after: number }>> = {
  1: { before: 18, after: 8 },
  2: { before: 12, after: 5 },
};

/** Line height as a multiple of the font size (DejaVu Sans' own ascent + descent is 1.164). */
const LINE_FACTOR = 1.25;
export const CELL_PAD_X = 3;
export const CELL_PAD_Y = 2;

export function lineHeight(style: TextStyle): number {
  return style.size * LINE_FACTOR;
}
