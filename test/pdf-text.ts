import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface PdfText {
  info: Record<string, unknown>;
  /** The text of each page, in order. */
  pages: string[];
}

/** The text of a PDF, extracted by pdf.js in a child process (test/pdf-text.mjs). */
export async function pdfText(pdf: Buffer): Promise<PdfText> {
  const folder = mkdtempSync(join(tmpdir(), 'cma-pdf-text-'));
  try {
    const file = join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], { maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as PdfText;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
