import { pdfText } from '../../test/pdf-text';
import { sampleDossierContent } from '../../test/dossier-sample';
import { contentHash, type DossierContent } from './dossier-content';
import { renderDossierPdf } from './dossier-pdf';

/** The PDF's text with every run of white space as one space (cells wrap where their column ends). */
async function textOf(content: DossierContent): Promise<string> {
  return (await pdfText(await renderDossierPdf(content, contentHash(content)))).pages.join('\n').replace(/\s+/g, ' ');
}

describe('renderDossierPdf: the two dates, missing figures in words, words kept whole', () => {
  const content = sampleDossierContent({ cases: 3, terms: 3 });
  let text: string;

  beforeAll(async () => {
    text = await textOf(content);
  }, 30_000);

  it('should say on the cover which part is as at the data lock point and which as at the build', () => {
    expect(text).toContain('Safety and exposure data');
    expect(text).toContain('as at the data lock point 2026-06-30');
    expect(text).toContain('as in force when this version was built');
  });

  it('should list each change since the data lock point with procedure, who and when, and the due date then in force', () => {
    const section = text.slice(text.lastIndexOf('2 Changes to obligations and milestones since the data lock point'));
    expect(section.replace(/\s+/g, '')).toContain('EMEA/H/C/004827/II/0099');
    expect(section).toContain('2026-09-30 → 2026-12-31');
    expect(section.replace(/\s+/g, '')).toContain('user:regulatory-lead');
    expect(section).toContain('2026-08-15');
    expect(text).toContain('at the DLP: 2026-09-30 (changed since)');
    expect(text).toContain('after the DLP');
  });

  it('should say there is no change since the data lock point when there is none', async () => {
    const none = await textOf({ ...content, changesSinceDataLockPoint: [] });
    expect(none).toContain('None: no change to an obligation or a milestone was recorded after the data lock point.');
  }, 30_000);

  it('should say a missing exposure figure in words, never null', async () => {
    const run = content.safety.frequency;
    if (run === null) {
      throw new Error('the sample cites a frequency run');
    }
    const missing = await textOf({
      ...content,
      safety: {
        ...content.safety,
        exposure: [],
        frequency: { ...run, exposure: { 'solicited figures': 'no registry or study exposure figure recorded on or before the data lock point (2026-06-30)' } },
      },
    });
    expect(missing).toContain('No exposure figure recorded on or before the data lock point (2026-06-30).');
    expect(missing).toContain('no registry or study exposure figure recorded on or before the data lock point');
    expect(missing).not.toMatch(/\bnull\b/);
  }, 30_000);

  it('should keep a long word whole in a narrow column (the alert’s event), not split it mid-word', async () => {
    const alert = content.safety.alerts[0];
    if (alert === undefined) {
      throw new Error('the sample has an alert');
    }
    const long = await textOf({ ...content, safety: { ...content.safety, alerts: [{ ...alert, event: 'Hypogammaglobulinaemia', rule: 'Immunodeficiency with hypogammaglobulinaemia reported' }] } });
    const alerts = long.slice(long.lastIndexOf('Alerts'));
    expect(alerts).toContain('Hypogammaglobulinaemia');
    expect(alerts).not.toMatch(/Hypogammaglobulinaemi\s+a/);
  }, 30_000);
});
