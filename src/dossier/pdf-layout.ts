/**
 * Text measuring and line wrapping for the dossier PDF, without pdfkit. pdfkit's own wrapping (`heightOfString`,
 * `text` with a width) shapes every word with fontkit on every call: far too slow for a 50,000-row line listing
 * laid out twice (once to count pages, once to draw). Here a string's width is the sum of its characters'
 * advance widths, looked up in a table filled once per character. That leaves out kerning, which in DejaVu Sans
 * tightens text (measured: 0.1–0.3 % narrower for ordinary words, 6 % for "AVATAR"), so lines are measured on
 * the wide side and never overflow their box. Pure apart from the memo of character widths.
 */

/** Width of a string at a font size, in points. */
export type MeasureText = (text: string, size: number) => number;

const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;

/**
 * A measure from one font's advance widths: `advanceAt1000(char)` is the width of one character (a code point,
 * as a string) at size 1000, asked once per distinct character.
 */
export function characterWidthMeasure(advanceAt1000: (char: string) => number): MeasureText {
  // The Basic Multilingual Plane in a flat table (NaN: not asked yet); other code points in a map.
  const basic = new Float64Array(0x10000).fill(Number.NaN);
  const astral = new Map<number, number>();
  const advance = (code: number): number => {
    if (code < 0x10000) {
      let width = basic[code] ?? Number.NaN;
      if (Number.isNaN(width)) {
        width = advanceAt1000(String.fromCharCode(code));
        basic[code] = width;
      }
      return width;
    }
    let width = astral.get(code);
    if (width === undefined) {
      width = advanceAt1000(String.fromCodePoint(code));
      astral.set(code, width);
    }
    return width;
  };
  return (text, size) => {
    let total = 0;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit >= HIGH_SURROGATE_FIRST && unit <= HIGH_SURROGATE_LAST && i + 1 < text.length) {
        total += advance(text.codePointAt(i) ?? unit);
        i += 1;
      } else {
        total += advance(unit);
      }
    }
    return (total * size) / 1000;
  };
}

/** Characters after which a word too long for its line is best broken: ids such as EMEA/H/C/004827/II/0012. */
const SOFT_BREAK_AFTER = new Set(['/', '-', '_', '.', ',', ';', ':', ')']);

/** A word of letters only (a MedDRA term such as "Hypogammaglobulinaemia"): kept whole where the table allows. */
const LETTERS_ONLY = /^\p{L}+$/u;

/** Runs of letters: the parts of a text that must not be split mid-word ("graft-versus-host" may break after a hyphen). */
const LETTER_RUNS = /\p{L}{2,}/gu;

/**
 * The width of the widest run of letters in `text`: what a column needs so that no word of the text is split
 * (identifiers with digits or separators may still break after a separator).
 */
export function widestWord(text: string, width: (text: string) => number): number {
  let widest = 0;
  for (const match of text.matchAll(LETTER_RUNS)) {
    widest = Math.max(widest, width(match[0]));
  }
  return widest;
}

/**
 * Column widths that let every column hold its widest word whole: a column narrower than its `minimums` entry is
 * widened, taking the width from the columns with room to spare (in proportion to what each can spare), so the
 * total stays the same. When the spare room is not enough, the narrow columns share what there is (their widest
 * words are then broken with a hyphen). Widths with no need to change are returned as they are.
 */
export function fitColumnsToWords(widths: readonly number[], minimums: readonly number[]): number[] {
  const need = widths.map((w, i) => Math.max(0, (minimums[i] ?? 0) - w));
  const deficit = need.reduce((a, b) => a + b, 0);
  if (deficit <= 1e-9) {
    return [...widths];
  }
  const spare = widths.map((w, i) => (need[i] === 0 ? Math.max(0, w - (minimums[i] ?? 0)) : 0));
  const available = spare.reduce((a, b) => a + b, 0);
  if (available <= 1e-9) {
    return [...widths];
  }
  const given = Math.min(deficit, available);
  const fitted = widths.map((w, i) => Math.floor((w + ((need[i] ?? 0) / deficit) * given - ((spare[i] ?? 0) / available) * given) * 100) / 100);
  const total = widths.reduce((a, b) => a + b, 0);
  const used = fitted.slice(0, -1).reduce((a, b) => a + b, 0);
  fitted[fitted.length - 1] = Math.round((total - used) * 100) / 100;
  return fitted;
}

/** A word of letters wider than the line: pieces that fit with a hyphen after each but the last. */
function hyphenate(word: string, maxWidth: number, width: (text: string) => number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 1 && width(rest) > maxWidth) {
    let fits = 1;
    while (fits < rest.length - 1 && width(`${rest.slice(0, fits + 1)}-`) <= maxWidth) {
      fits += 1;
    }
    pieces.push(`${rest.slice(0, fits)}-`);
    rest = rest.slice(fits);
  }
  if (rest.length > 0) {
    pieces.push(rest);
  }
  return pieces;
}

/**
 * Breaks one word wider than `maxWidth` into pieces that fit: each piece as long as possible, cut after a
 * separator when the fitting part has one, and at least one character so that a column narrower than a single
 * character still makes progress. A word of letters only (the table could not make room for it) is cut with a
 * hyphen, so the reader sees that it goes on.
 */
export function breakWord(word: string, maxWidth: number, width: (text: string) => number): string[] {
  if (LETTERS_ONLY.test(word)) {
    return hyphenate(word, maxWidth, width);
  }
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 0 && width(rest) > maxWidth) {
    let fits = 1;
    while (fits < rest.length && width(rest.slice(0, fits + 1)) <= maxWidth) {
      fits += 1;
    }
    let cut = fits;
    for (let i = fits - 1; i > 0; i -= 1) {
      if (SOFT_BREAK_AFTER.has(rest[i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    // A separator in the first third would leave a very short line: cut at the last character that fits instead.
    if (cut < fits / 3) {
      cut = fits;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) {
    pieces.push(rest);
  }
  return pieces;
}

/** One paragraph (no line feed) greedily filled into lines of at most `maxWidth`; runs of spaces count as one. */
function wrapParagraph(paragraph: string, maxWidth: number, width: (text: string) => number): string[] {
  const text = paragraph.trim();
  if (width(text) <= maxWidth) {
    return [text];
  }
  const space = width(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/ +/)) {
    const wordWidth = width(word);
    if (line !== '' && lineWidth + space + wordWidth <= maxWidth) {
      line = `${line} ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line !== '') {
      lines.push(line);
    }
    if (wordWidth <= maxWidth) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    const pieces = breakWord(word, maxWidth, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
    lineWidth = width(line);
  }
  lines.push(line);
  return lines;
}

/**
 * The lines `text` takes in a box `maxWidth` wide: line feeds are kept (an empty line stays an empty line), words
 * wrap at spaces, a word wider than the box is broken. Always at least one line (empty text: one empty line).
 */
export function wrapText(text: string, maxWidth: number, width: (text: string) => number): string[] {
  if (!text.includes('\n')) {
    return wrapParagraph(text, maxWidth, width);
  }
  return text.split(/\r?\n/).flatMap((paragraph) => wrapParagraph(paragraph, maxWidth, width));
}

const ELLIPSIS = '…';

/** `text` on one line of at most `maxWidth`, cut with an ellipsis when it is wider. */
export function truncateText(text: string, maxWidth: number, width: (text: string) => number): string {
  if (width(text) <= maxWidth) {
    return text;
  }
  let keep = text.length;
  while (keep > 0 && width(`${text.slice(0, keep).trimEnd()}${ELLIPSIS}`) > maxWidth) {
    keep -= 1;
  }
  return `${text.slice(0, keep).trimEnd()}${ELLIPSIS}`;
}

/**
 * Column widths in points from relative weights, filling `total` exactly: the last column takes what rounding
 * leaves, so the right edges of all tables line up.
 */
export function columnWidths(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) {
    throw new RangeError('column weights must be positive');
  }
  const widths = weights.map((weight) => Math.floor((weight / sum) * total * 100) / 100);
  const used = widths.slice(0, -1).reduce((a, b) => a + b, 0);
  widths[widths.length - 1] = Math.round((total - used) * 100) / 100;
  return widths;
}

/** How many lines of `lineHeight` fit in `height` (at least `minimum`, so a row always makes progress). */
export function linesThatFit(height: number, lineHeight: number, minimum = 0): number {
  // A hair of tolerance: heights are sums of floating-point line heights.
  return Math.max(minimum, Math.floor((height + 1e-6) / lineHeight));
}
