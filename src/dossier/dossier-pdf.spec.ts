import { createHash } from 'node:crypto';
import { sampleDossierContent } from '../../test/dossier-sample';
import { contentHash, type DossierContent } from './dossier-content';
import { anchorName, dossierHeadings, dossierPdfDate, formatCount, renderDossierPdf, tabulationLines, timelinessText } from './dossier-pdf';
import { runInTimeZone } from '../../test/in-time-zone';

// --- reading the PDF back ---------------------------------------------------------------------------------------
// Enough of a reader for pdfkit's uncompressed output: objects by number, pages in order, and the text of each
// page decoded through each font's ToUnicode map (what a PDF reader does to extract or search text).

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function objects(pdf: Buffer): Map<number, string> {
  const found = new Map<number, string>();
  for (const match of pdf.toString('latin1').matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    found.set(Number(match[1]), match[2] ?? '');
  }
  return found;
}

function ref(body: string, key: string): number {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
  if (match === null) {
    throw new Error(`no /${key} in ${body.slice(0, 200)}`);
  }
  return Number(match[1]);
}

function stream(body: string): string {
  return body.slice(body.indexOf('stream\n') + 'stream\n'.length, body.lastIndexOf('\nendstream'));
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
    let glyph = parseInt(range[1] ?? '0', 16);
    for (const entry of (range[2] ?? '').matchAll(/<([0-9a-f ]+)>/g)) {
      map.set(glyph, String.fromCharCode(...(entry[1] ?? '').split(' ').map((unit) => parseInt(unit, 16))));
      glyph += 1;
    }
  }
  return map;
}

interface PdfPage {
  width: number;
  height: number;
  /** Each text object's text, in drawing order. */
  texts: string[];
  /** Where each text object starts, in PDF coordinates (origin bottom left). */
  positions: { x: number; y: number }[];
}

function pages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf);
  const body = (id: number): string => all.get(id) ?? '';
  const catalog = [...all.values()].find((b) => b.includes('/Type /Catalog')) ?? '';
  const kids = /\/Kids \[([^\]]*)\]/.exec(body(ref(catalog, 'Pages')))?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((kid) => {
    const page = body(Number(kid[1]));
    const [, , width, height] = (/\/MediaBox \[([^\]]*)\]/.exec(page)?.[1] ?? '').split(' ').map(Number);
    const fonts = new Map<string, Map<number, string>>();
    for (const font of (/\/Font <<\n([\s\S]*?)\n>>/.exec(body(ref(page, 'Resources')))?.[1] ?? '').matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      fonts.set(font[1] ?? '', toUnicode(stream(body(ref(body(Number(font[2])), 'ToUnicode')))));
    }
    const texts: string[] = [];
    const positions: { x: number; y: number }[] = [];
    let glyphs = new Map<number, string>();
    for (const op of stream(body(ref(page, 'Contents'))).matchAll(/1 0 0 1 (\S+) (\S+) Tm|\/(F\d+) \S+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1] !== undefined) {
        positions.push({ x: Number(op[1]), y: Number(op[2]) });
      } else if (op[3] !== undefined) {
        glyphs = fonts.get(op[3]) ?? new Map();
      } else {
        const hex = [...(op[4] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1] ?? '').join('');
        texts.push((hex.match(/.{4}/g) ?? []).map((g) => glyphs.get(parseInt(g, 16)) ?? '\uFFFD').join(''));
      }
    }
    return { width: width ?? 0, height: height ?? 0, texts, positions };
  });
}

/** Named destinations and the page (1-based) each points to. */
function destinations(pdf: Buffer): Map<string, number> {
  const all = objects(pdf);
  const catalog = [...all.values()].find((b) => b.includes('/Type /Catalog')) ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(all.get(ref(catalog, 'Pages')) ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const names = all.get(ref(catalog, 'Names')) ?? '';
  return new Map([...names.matchAll(/\(([^)]+)\) \[(\d+) 0 R/g)].map((d) => [d[1] ?? '', kids.indexOf(Number(d[2])) + 1]));
}

/** Outline (bookmark) titles in the order they were added (pdfkit numbers objects as they are made). */
function bookmarks(pdf: Buffer): string[] {
  return [...objects(pdf).entries()]
    .filter(([, body]) => body.includes('/Parent ') && body.includes('/Title ('))
    .sort(([a], [b]) => a - b)
    .map(([, body]) => pdfString(/\/Title \(((?:\\.|[^\\)])*)\)/.exec(body)?.[1] ?? ''));
}

/** A PDF literal string: escapes undone; UTF-16BE when it starts with the byte-order mark. */
function pdfString(literal: string): string {
  const bytes = literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) =>
    /^[0-7]+$/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c,
  );
  if (!bytes.startsWith('\u00fe\u00ff')) {
    return bytes;
  }
  return Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le');
}

// --- the tests ----------------------------------------------------------------------------------------------------

function withChanges(content: DossierContent, change: (copy: DossierContent) => void): DossierContent {
  const copy = structuredClone(content);
  change(copy);
  return copy;
}

async function readable(content: DossierContent): Promise<Buffer> {
  return renderDossierPdf(content, contentHash(content), { compress: false });
}

describe('renderDossierPdf', () => {
  const content = sampleDossierContent({ cases: 12, terms: 6 });
  const hash = contentHash(content);
  let pdf: Buffer;
  let raw: Buffer;
  let rawPages: PdfPage[];

  beforeAll(async () => {
    pdf = await renderDossierPdf(content, hash);
    raw = await renderDossierPdf(content, hash, { compress: false });
    rawPages = pages(raw);
  });

  it('should write a complete PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = raw.toString('latin1');
    expect(text.match(/\/Type \/Page\n/g)).toHaveLength(rawPages.length);
    expect(text).toContain(`/Count ${rawPages.length}\n`);
  });

  it('should give the same bytes for the same content and hash', async () => {
    expect(sha256(await renderDossierPdf(content, hash))).toBe(sha256(pdf));
  });

  it('should give other bytes when a milestone’s due date moves', async () => {
    const moved = withChanges(content, (c) => {
      const milestone = c.obligations[0]?.milestones[1];
      if (milestone !== undefined) {
        milestone.dueDate.date = '2027-03-31';
      }
    });
    expect(sha256(await renderDossierPdf(moved, contentHash(moved)))).not.toBe(sha256(pdf));
  });

  it('should date the document at the data lock point, midnight UTC, and at no other time', () => {
    const dates = raw.toString('latin1').match(/\(D:\d{14}Z\)/g);
    expect(dates).toEqual(['(D:20260630000000Z)', '(D:20260630000000Z)']);
    expect(dossierPdfDate('2026-06-30').toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('should keep the content hash, the dossier format and fixed producer strings in the document information', () => {
    const text = raw.toString('latin1');
    expect(text).toContain(`(Content SHA-256 ${hash})`);
    expect(text).toContain('(cma-renewal-dossier/2)');
    expect(text).toContain('(cma-tracker)');
    expect(text).toContain('(cma-tracker renewal dossier \\(pdfkit\\))');
  });

  /** Jest's per-file process.env does not reach Date, so another time zone needs another process. */
  it('should give the same bytes in another process and time zone', () => {
    const script = `
      const { createHash } = require('node:crypto');
      const { sampleDossierContent } = require('./test/dossier-sample.ts');
      const { contentHash } = require('./src/dossier/dossier-content.ts');
      const { renderDossierPdf } = require('./src/dossier/dossier-pdf.ts');
      const content = sampleDossierContent({ cases: 12, terms: 6 });
      renderDossierPdf(content, contentHash(content)).then((pdf) => process.stdout.write(createHash('sha256').update(pdf).digest('hex')));
    `;
    expect(runInTimeZone('Pacific/Kiritimati', script)).toBe(sha256(pdf));
  });

  it('should embed DejaVu Sans, regular and bold, and no built-in font', () => {
    const text = raw.toString('latin1');
    // Each font twice: the Type 0 font and its descendant CID font.
    expect([...new Set(text.match(/\/BaseFont \/\S+/g))].sort()).toEqual(['/BaseFont /CZZZZZ+DejaVuSans', '/BaseFont /DZZZZZ+DejaVuSans-Bold']);
    expect(text).not.toContain('/Subtype /Type1');
  });

  it('should print the obligation, the content hash and a footer on every page', () => {
    const all = rawPages.flatMap((p) => p.texts);
    expect(all).toContain('SOB-001 (SOB, registry)');
    expect(all).toContain(hash);
    expect(all).toContain('Extension agreed by CHMP');
    rawPages.forEach((page, i) => {
      expect(page.texts).toContain(`Page ${i + 1} of ${rawPages.length}`);
      expect(page.texts).toContain(`SHA-256 ${hash.slice(0, 12)}`);
      expect(page.texts).toContain('Hemgenix · renewal dossier · data lock point 2026-06-30');
    });
  });

  it('should print European letters and signs as they are', async () => {
    const letters = withChanges(content, (c) => {
      c.benefitRisk = 'ALT ≥ 3 × ULN – Łódź, Überwachung, Ærøskøbing, Košice, Đakovo, Ελλάδα.';
    });
    const texts = pages(await readable(letters)).flatMap((p) => p.texts);
    expect(texts).toContain('ALT ≥ 3 × ULN – Łódź, Überwachung, Ærøskøbing, Košice, Đakovo, Ελλάδα.');
    expect(texts.join(' ')).toContain('(Überwachung, suivi à long terme).');
  });

  it('should bookmark the cover, the contents and every numbered heading, in order', () => {
    expect(bookmarks(raw)).toEqual([
      'Cover',
      'Contents',
      '1 Specific obligations',
      '1.1 SOB-001 (registry)',
      '2 Changes to obligations and milestones since the data lock point',
      '3 Proposed changes to obligations and timelines',
      '4 PSUR/PSUSA and other procedure outcomes in the period',
      '5 Additional risk-minimisation measures and other Annex II conditions',
      '5.1 ANX-001 (educational-material)',
      '6 Safety summary',
      '6.1 Case counts',
      '6.2 Summary tabulation of reactions by SOC and PT',
      '6.3 Observed frequencies against the reference safety information',
      '6.4 Alerts',
      '6.5 Signals',
      '6.6 Exposure',
      '7 Benefit–risk conclusion',
      'A Appendix: line listing of the cases received in the period',
    ]);
  });

  it('should give each heading in the contents the page it is printed on', () => {
    const contents = rawPages[1]?.texts ?? [];
    const pageOf = destinations(raw);
    expect(contents).toContain('Contents');
    for (const heading of dossierHeadings(content)) {
      const at = contents.indexOf(heading.title);
      expect(at).toBeGreaterThan(0);
      // Number, title, dotted leader, page.
      expect(contents[at - 1]).toBe(heading.number);
      const page = Number(contents[at + 2]);
      expect(page).toBe(pageOf.get(anchorName(heading.key)));
      expect(rawPages[page - 1]?.texts.some((t) => t.startsWith(`${heading.number} ${heading.title.split(' ')[0] ?? ''}`))).toBe(true);
    }
  });

  it('should run the contents over two pages when there are many obligations, the numbers still right', async () => {
    const many = withChanges(content, (c) => {
      const first = c.obligations[0];
      if (first !== undefined) {
        c.obligations = Array.from({ length: 60 }, (_, i) => ({ ...first, id: `sob-${i}`, reference: `SOB-${String(i + 1).padStart(3, '0')}` }));
      }
    });
    const manyPdf = await readable(many);
    const result = pages(manyPdf);
    const pageOf = destinations(manyPdf);
    const contents = [...result[1]!.texts, ...result[2]!.texts];
    expect(result[2]?.texts).not.toContain('1 Specific obligations');
    for (const heading of dossierHeadings(many)) {
      const at = contents.indexOf(heading.title);
      expect(Number(contents[at + 2])).toBe(pageOf.get(anchorName(heading.key)));
    }
    expect(pageOf.get(anchorName('sob'))).toBe(4);
  });

  it('should say "Illustrative data" on the cover only for illustrative data', async () => {
    expect(rawPages[0]?.texts).toContain('Illustrative data');
    const real = withChanges(content, (c) => {
      c.authorisation.illustrative = false;
    });
    expect(pages(await readable(real))[0]?.texts).not.toContain('Illustrative data');
  });

  it('should say so when there is nothing to report, and leave out the appendix without a line listing', async () => {
    const empty = withChanges(content, (c) => {
      c.proposedChanges = [];
      c.procedures = [];
      c.obligations = [];
      c.lineListing = null;
    });
    const result = pages(await readable(empty));
    const texts = result.flatMap((p) => p.texts);
    expect(texts).toEqual(expect.arrayContaining(['None proposed.', 'No procedure outcomes in the period.', 'No specific obligations.']));
    expect(result.every((p) => p.width < p.height)).toBe(true);
    expect(texts.some((t) => t.includes('line listing'))).toBe(false);
  });

  it('should paginate a 2,000-case line listing on landscape pages, each with the table header', async () => {
    const large = sampleDossierContent({ cases: 2000, terms: 6 });
    const started = Date.now();
    const result = pages(await readable(large));
    expect(Date.now() - started).toBeLessThan(10_000);
    const landscape = result.filter((p) => p.width > p.height);
    expect(result.length).toBeGreaterThan(rawPages.length + 40);
    expect(landscape.length).toBeGreaterThan(40);
    for (const page of landscape) {
      expect(page.texts).toContain('Safety report id, version');
    }
    const ids = landscape.flatMap((p) => p.texts).filter((t) => t.startsWith('DE-CSL-2026-'));
    expect(ids).toHaveLength(2000);
    expect(ids[1999]).toBe('DE-CSL-2026-002000 v2 *');
  });

  it('should keep all text on its page, above the footer, however long a cell or a paragraph', async () => {
    const long = withChanges(content, (c) => {
      const words = Array.from({ length: 2500 }, (_, i) => `word${i}`).join(' ');
      c.proposedChanges = [{ obligationReference: 'SOB-001', change: 'Move the report', reason: words }];
      c.benefitRisk = `${words}\n\n${words}`;
      if (c.obligations[0] !== undefined) {
        c.obligations[0].description = `${'x'.repeat(3000)} ${words}`;
      }
    });
    const result = pages(await readable(long));
    expect(result.length).toBeGreaterThan(rawPages.length + 10);
    for (const page of result) {
      for (const { x, y } of page.positions) {
        expect(x).toBeGreaterThanOrEqual(35);
        expect(x).toBeLessThan(page.width - 35);
        // Body text stays above the footer band; the footer line itself sits at one height.
        expect(y > 45 || Math.abs(y - 29.502441) < 0.001 ? 'inside' : `${x} ${y}`).toBe('inside');
        expect(y).toBeLessThan(page.height - 35);
      }
    }
    // The reason, the description and the conclusion's two paragraphs, each to its last word.
    expect(result.flatMap((p) => p.texts).filter((t) => t.includes('word2499'))).toHaveLength(4);
  });

  it('should refuse a content hash that is not a SHA-256 in hex', async () => {
    await expect(renderDossierPdf(content, 'abc')).rejects.toThrow(RangeError);
  });

  it('should refuse a data lock point that is not a date', async () => {
    const broken = withChanges(content, (c) => {
      c.dataLockPoint = '2026-02-31';
    });
    await expect(renderDossierPdf(broken, hash)).rejects.toThrow('is not a calendar date');
  });
});

describe('dossierHeadings', () => {
  it('should number the sections, one sub-heading per obligation, and the appendix only with a line listing', () => {
    const content = sampleDossierContent({ cases: 3, terms: 2 });
    const numbers = dossierHeadings(content).map((h) => h.number);
    expect(numbers).toEqual(['1', '1.1', '2', '3', '4', '5', '5.1', '6', '6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '7', 'A']);
    expect(dossierHeadings({ ...content, lineListing: null }).map((h) => h.number)).not.toContain('A');
  });
});

describe('timelinessText', () => {
  it('should say how late or overdue a milestone is', () => {
    expect(timelinessText('on-time', 0)).toBe('on time');
    expect(timelinessText('late', 15)).toBe('late by 15 days');
    expect(timelinessText('late', 1)).toBe('late by 1 day');
    expect(timelinessText('pending', 0)).toBe('pending');
    expect(timelinessText('overdue', 42)).toBe('overdue by 42 days');
    expect(timelinessText('cancelled', 0)).toBe('cancelled');
  });
});

describe('tabulationLines', () => {
  it('should put each SOC subtotal above its PTs and the grand total last', () => {
    const { tabulation } = sampleDossierContent({ cases: 3, terms: 6 }).safety;
    const lines = tabulationLines(tabulation);
    expect(lines.map((l) => (l.kind === 'soc' ? `SOC ${l.soc}` : l.kind === 'pt' ? `PT ${l.row.pt}` : 'total'))).toEqual([
      'SOC Blood and lymphatic system disorders',
      'PT Réaction 001',
      'PT Réaction 005',
      'SOC General disorders and administration site conditions',
      'PT Réaction 002',
      'PT Réaction 006',
      'SOC Hepatobiliary disorders',
      'PT Réaction 003',
      'SOC Nervous system disorders',
      'PT Réaction 004',
      'total',
    ]);
  });
});

describe('formatCount', () => {
  it('should group thousands with commas whatever the locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
