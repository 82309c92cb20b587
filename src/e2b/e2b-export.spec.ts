import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACTIONS_TAKEN,
  AGE_GROUPS,
  AGE_UNITS,
  type CaseContent,
  CAUSALITY_ASSESSMENTS,
  CHALLENGE_RESULTS,
  DRUG_ROLES,
  OUTCOMES,
  QUALIFICATIONS,
  SERIOUSNESS_CRITERIA,
  SOLICITED_SOURCES,
  SPECIAL_SITUATIONS,
} from '../safety-cases/case-content';
import { drugNoteLines, parseDrugNote } from './e2b-codes';
import { EDQM_ROUTE_OID, edqmRouteByCode, edqmRouteFor } from './e2b-edqm';
import { escapeAttr, escapeText, EV_RECEIVERS, type ExportBatchHeader, type ExportCase, icsrBatchXml, icsrMessageXml } from './e2b-export';
import { readIcsrs, type XmlSource } from './e2b-reader';
import { type ImportedIcsr, icsrToCase } from './e2b-to-case';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'e2b-fda');
const FDA_FILES = ['1', '2', '3', '4', '5-1', '5-2', '5-3', '6', '7', '8'].map((s) => `FAERS2022Scenario${s}.xml`);
const FDA_REGIONAL_OID = '2.16.840.1.113883.3.989.5';

const HEADER: ExportBatchHeader = { batchId: 'ACME-2024-0001', senderId: 'ACME-EV-ORG', receiverId: EV_RECEIVERS.production, createdAt: '20240305101500' };

async function importAll(source: XmlSource): Promise<ImportedIcsr[]> {
  const out: ImportedIcsr[] = [];
  for await (const el of readIcsrs(source)) {
    out.push(icsrToCase(el));
  }
  return out;
}

/** Export one case as a batch and import it again. */
async function roundTrip(c: ExportCase): Promise<ImportedIcsr> {
  const imported = await importAll([...icsrBatchXml(HEADER, [c])].join(''));
  expect(imported).toHaveLength(1);
  return imported[0]!;
}

/** The export of what the importer read from an E2B message. */
function exportOf(imported: ImportedIcsr): ExportCase {
  return {
    safetyReportId: imported.safetyReportId,
    worldwideId: imported.worldwideId,
    messageId: imported.messageId ?? `${imported.safetyReportId}-MSG`,
    versionType: imported.nullification.nullified ? 'nullification' : imported.amendment ? 'amendment' : 'initial',
    content: imported.content,
    firstSenderIsRegulator: imported.firstSenderType === 'regulator',
    amendmentReason: imported.amendment ? imported.nullification.reason : null,
  };
}

/** A case using every field that E2B(R3) carries, with overrides. */
function fullContent(overrides: Partial<CaseContent> = {}): CaseContent {
  return {
    reportType: 'solicited',
    solicitedSource: 'patient-support-programme',
    literatureReference: null,
    initialReceiptOn: '2024-03-01',
    day0: '2024-03-04',
    significant: true,
    otherIdentifiers: [
      { source: 'BfArM', id: 'DE-BFARM-24000001' },
      { source: 'Partner Pharma GmbH', id: 'DE-PARTNER-77' },
    ],
    linkedReports: ['DE-ACME-2024-000998'],
    reporters: [
      { name: 'Dr. Anna Müller', qualification: 'physician', country: 'DE', primarySource: true },
      { name: 'Weber', qualification: 'pharmacist', country: 'AT', primarySource: false },
    ],
    patient: {
      initials: 'KM',
      identifier: 'PSP-0042',
      ageValue: 34,
      ageUnit: 'year',
      ageGroup: 'adult',
      sex: 'male',
      weightKg: 81.5,
      medicalHistory: 'Haemophilia B since birth.\nHepatitis C, cured 2015.',
      diedOn: '2024-03-03',
    },
    reactions: [
      {
        key: 'r1',
        reportedTerm: 'Leberversagen',
        lltCode: 10019663,
        lltName: null,
        ptCode: null,
        ptName: null,
        socName: null,
        meddraVersion: '27.0',
        onset: '2024-02-20',
        outcome: 'fatal',
        severity: null,
        seriousness: ['death', 'hospitalisation', 'life-threatening'],
      },
      {
        key: 'r2',
        reportedTerm: 'Faktor-IX-Aktivität gesunken',
        lltCode: null,
        lltName: null,
        ptCode: null,
        ptName: 'Coagulation factor IX level decreased',
        socName: null,
        meddraVersion: null,
        onset: null,
        outcome: 'not-recovered',
        severity: null,
        seriousness: ['other-medically-important'],
      },
      {
        key: 'r3',
        reportedTerm: 'Kopfschmerzen',
        lltCode: 10019211,
        lltName: null,
        ptCode: null,
        ptName: null,
        socName: null,
        meddraVersion: '27.0',
        onset: '2024-02-01',
        outcome: 'recovered',
        severity: null,
        seriousness: [],
      },
    ],
    drugs: [
      {
        key: 'd1',
        role: 'suspect',
        productId: null,
        name: 'Etranacogene dezaparvovec',
        batchNumber: 'LOT-2023-117',
        dose: '2 x 10^13 gc/kg once',
        route: 'Intravenous infusion',
        actionTaken: 'not-applicable',
        dechallenge: 'not-done',
        rechallenge: 'not-done',
      },
      { key: 'd2', role: 'interacting', productId: null, name: 'Paracetamol', batchNumber: null, dose: '1 g every 6 h', route: 'Oral', actionTaken: 'withdrawn', dechallenge: 'positive', rechallenge: 'negative' },
      { key: 'd3', role: 'concomitant', productId: null, name: 'Prednisolone', batchNumber: null, dose: '60 mg daily, tapered', route: 'Oral; Intravenous', actionTaken: 'dose-reduced', dechallenge: null, rechallenge: null },
    ],
    causality: [
      { drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: 'probable' },
      { drugKey: 'd1', reactionKey: 'r2', reporter: 'certain', company: null },
      { drugKey: 'd2', reactionKey: 'r1', reporter: null, company: 'unlikely' },
    ],
    narrative:
      'A 34-year-old man with haemophilia B received a single infusion and died of liver failure.\n\n' +
      "--- Reporter's comments (E2B H.2) ---\nThe infusion is the likely cause.\n\n" +
      "--- Sender's comments (E2B H.4) ---\nAlcohol use not excluded.\n\n" +
      "--- Sender's diagnosis (E2B H.3.r) ---\nMedDRA 10019663 (v27.0)\n\n" +
      "--- Case summary and reporter's comments in native language (E2B H.5.r) ---\n[ger] Leberversagen nach Gentherapie.",
    lackOfEfficacy: true,
    specialSituations: ['loss-of-factor-ix-expression', 'overdose', 'medication-error', 'other'],
    expectednessOverrides: [],
    nullificationReason: null,
    synthetic: false,
    ...overrides,
  };
}

function caseOf(content: CaseContent, overrides: Partial<ExportCase> = {}): ExportCase {
  return { safetyReportId: 'DE-ACME-2024-001234', worldwideId: 'DE-ACME-2024-001234', messageId: 'MSG-2024-001234', versionType: 'initial', content, ...overrides };
}

describe('icsrMessageXml round trip on the FDA examples', () => {
  it.each(FDA_FILES)('%s reads back as the same case', async (file) => {
    const originals = await importAll(readFileSync(join(DIR, file)));
    expect(originals.length).toBeGreaterThan(0);
    for (const original of originals) {
      const xml = icsrMessageXml(HEADER, exportOf(original));
      const [back] = await importAll(xml);
      expect(back!.content).toEqual(original.content);
      expect([back!.safetyReportId, back!.worldwideId, back!.messageId]).toEqual([original.safetyReportId, original.worldwideId, original.messageId]);
      expect([back!.nullification, back!.amendment, back!.firstSenderType]).toEqual([original.nullification, original.amendment, original.firstSenderType]);
      expect(back!.suspectProductNames).toEqual(original.suspectProductNames);
      expect(xml).not.toContain(FDA_REGIONAL_OID);
    }
  });

  it('reads back without a warning: every section is written where the importer looks for it', async () => {
    const [original] = await importAll(readFileSync(join(DIR, 'FAERS2022Scenario6.xml')));
    const back = await roundTrip(exportOf(original!));
    expect(back.warnings).toEqual([]);
  });
});

describe('icsrMessageXml round trip on a hand-built case', () => {
  it('gives back every field E2B(R3) carries: two reporters, coded and uncoded reactions, three drugs, causality of both sides, death, nullification', async () => {
    const content = fullContent({ nullificationReason: 'Duplicate of DE-ACME-2024-000998' });
    const back = await roundTrip(caseOf(content, { versionType: 'nullification', firstSenderIsRegulator: false }));
    expect(back.content).toEqual(content);
    expect(back.nullification).toEqual({ nullified: true, reason: 'Duplicate of DE-ACME-2024-000998' });
    expect(back.amendment).toBe(false);
    expect(back.firstSenderType).toBe('other');
    expect([back.safetyReportId, back.worldwideId, back.messageId, back.createdAt]).toEqual(['DE-ACME-2024-001234', 'DE-ACME-2024-001234', 'MSG-2024-001234', HEADER.createdAt]);
    expect(back.senderOrganisation).toBe('ACME-EV-ORG');
    expect(back.warnings).toEqual([]);
  });

  it('writes an amendment with its reason, and no C.1.11 for other versions', async () => {
    const amended = await roundTrip(caseOf(fullContent(), { versionType: 'amendment', amendmentReason: 'Onset date corrected' }));
    expect([amended.amendment, amended.nullification]).toEqual([true, { nullified: false, reason: 'Onset date corrected' }]);
    const followUp = await roundTrip(caseOf(fullContent({ nullificationReason: 'not a nullification' }), { versionType: 'follow-up' }));
    expect([followUp.amendment, followUp.nullification, followUp.content.nullificationReason]).toEqual([false, { nullified: false, reason: null }, null]);
  });

  it('drops what E2B(R3) has no element for: dictionary-derived MedDRA names, severity, significance, overrides, product id, synthetic flag', async () => {
    const content = fullContent();
    const enriched = fullContent({
      significant: false,
      synthetic: true,
      expectednessOverrides: [{ reactionKey: 'r1', expected: true, reason: 'Listed in SmPC 4.8', by: 'qppv' }],
      reactions: content.reactions.map((r) => (r.lltCode === null ? r : { ...r, lltName: 'Liver failure', ptCode: 10019663, ptName: 'Hepatic failure', socName: 'Hepatobiliary disorders', severity: 'severe' })),
      drugs: content.drugs.map((d) => ({ ...d, productId: 'product-1' })),
    });
    const back = await roundTrip(caseOf(enriched));
    expect(back.content).toEqual(content);
  });

  it('keeps the narrative in H.1 whole when its sections would not read back the same', async () => {
    const narrative = "Free text.\n\n--- Sender's diagnosis (E2B H.3.r) ---\nnot a MedDRA line";
    const back = await roundTrip(caseOf(fullContent({ narrative })));
    expect(back.content.narrative).toBe(narrative);
  });

  it.each([...SOLICITED_SOURCES.map((s) => ['solicited', s] as const), ['spontaneous', null] as const, ['clinical-trial', null] as const])('reads report type %s (%s) back', async (reportType, solicitedSource) => {
    const back = await roundTrip(caseOf(fullContent({ reportType, solicitedSource })));
    expect([back.content.reportType, back.content.solicitedSource]).toEqual([reportType, solicitedSource]);
  });

  it('reads a literature case back from its references, one C.4.r per line', async () => {
    const literatureReference = 'Smith J. Liver failure after gene therapy. Lancet. 2024;403:1-2.\nMüller A. Case report. Hämostaseologie. 2024;44:10.';
    const back = await roundTrip(caseOf(fullContent({ reportType: 'literature', solicitedSource: null, literatureReference })));
    expect([back.content.reportType, back.content.literatureReference]).toEqual(['literature', literatureReference]);
  });

  it('reads every code of every code list back', async () => {
    const base = fullContent();
    const reactions = OUTCOMES.map((outcome, i) => ({ ...base.reactions[0]!, key: `r${i + 1}`, outcome, seriousness: [SERIOUSNESS_CRITERIA[i % SERIOUSNESS_CRITERIA.length]!] }));
    const drugs = ACTIONS_TAKEN.map((actionTaken, i) => ({
      ...base.drugs[0]!,
      key: `d${i + 1}`,
      role: DRUG_ROLES[i % DRUG_ROLES.length]!,
      actionTaken,
      dechallenge: CHALLENGE_RESULTS[i % CHALLENGE_RESULTS.length]!,
      rechallenge: CHALLENGE_RESULTS[(i + 1) % CHALLENGE_RESULTS.length]!,
    }));
    const causality = CAUSALITY_ASSESSMENTS.map((a, i) => ({ drugKey: `d${i + 1}`, reactionKey: 'r1', reporter: a, company: CAUSALITY_ASSESSMENTS[(i + 2) % CAUSALITY_ASSESSMENTS.length]! }));
    const reporters = QUALIFICATIONS.map((qualification, i) => ({ name: `Reporter ${i}`, qualification, country: 'FR', primarySource: i === 0 }));
    for (const [i, ageGroup] of AGE_GROUPS.entries()) {
      const patient = { ...base.patient, ageGroup, sex: 'female' as const, ageValue: 2.5, ageUnit: AGE_UNITS[i % AGE_UNITS.length]! };
      const content = fullContent({ reactions, drugs, causality, reporters, specialSituations: [...SPECIAL_SITUATIONS], patient });
      const back = await roundTrip(caseOf(content));
      expect(back.content).toEqual(content);
    }
  });

  it('reads empty and unknown values back: no patient details, sex unknown, no drugs or reactions', async () => {
    const content = fullContent({
      patient: { initials: null, identifier: null, ageValue: null, ageUnit: null, ageGroup: null, sex: 'unknown', weightKg: null, medicalHistory: null, diedOn: null },
      reporters: [{ name: null, qualification: null, country: null, primarySource: true }],
      reactions: [],
      drugs: [],
      causality: [],
      specialSituations: [],
      lackOfEfficacy: false,
      otherIdentifiers: [],
      linkedReports: [],
      narrative: '',
    });
    const back = await roundTrip(caseOf(content));
    expect(back.content).toEqual(content);
  });
});

describe('icsrMessageXml escaping', () => {
  it('round-trips XML special characters and non-ASCII text in narrative, names and ids', async () => {
    const content = fullContent({
      narrative: 'Dose <10 mg & "twice" daily, it\'s Hämophilie B — Ärztin: «ok» 😀\r\nline two\ttabbed ]]> end',
      reporters: [{ name: "Dr. Seán O'Brien & <Söhne>", qualification: 'physician', country: 'IE', primarySource: true }],
      otherIdentifiers: [{ source: 'Agence "ANSM" & Co\nParis', id: 'FR<1>&"2"' }],
      drugs: [{ ...fullContent().drugs[0]!, name: 'Drug "X" <5 mg> & co', batchNumber: "L'12&3", dose: '1 × 10¹³ vg/kg', route: 'Intravenös' }],
      causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: null }],
    });
    const xml = icsrMessageXml(HEADER, caseOf(content));
    expect(xml).toContain('Dose &lt;10 mg &amp; "twice" daily');
    const [back] = await importAll(xml);
    expect(back!.content).toEqual(content);
  });

  it('escapes what a parser would otherwise normalise, and replaces characters XML cannot carry', () => {
    expect(escapeText('a<b>&c\r\nd')).toBe('a&lt;b&gt;&amp;c&#13;\nd');
    expect(escapeAttr('a"b\tc\nd\re&<')).toBe('a&quot;b&#9;c&#10;d&#13;e&amp;&lt;');
    expect(escapeText('bell\u0007 \uD800')).toBe('bell\uFFFD \uFFFD');
  });
});

describe('icsrMessageXml EU rules', () => {
  it('writes EDQM route terms for known routes, with the free text kept', () => {
    const xml = icsrMessageXml(HEADER, caseOf(fullContent()));
    expect(xml).toContain(`<routeCode code="20045000" codeSystem="${EDQM_ROUTE_OID}" codeSystemVersion="2.0" displayName="Intravenous use"><originalText>Intravenous infusion</originalText></routeCode>`);
    expect(xml).toContain(`<routeCode code="20053000" codeSystem="${EDQM_ROUTE_OID}" codeSystemVersion="2.0" displayName="Oral use"><originalText>Oral</originalText></routeCode>`);
  });

  it('sends free text alone for a route that is no EDQM term', () => {
    const content = fullContent();
    const xml = icsrMessageXml(HEADER, caseOf({ ...content, drugs: [{ ...content.drugs[0]!, route: 'Via the portal vein catheter' }] }));
    expect(xml).toContain('<routeCode><originalText>Via the portal vein catheter</originalText></routeCode>');
  });

  it('addresses EudraVigilance and uses no FDA regional element', () => {
    const xml = [...icsrBatchXml(HEADER, [caseOf(fullContent())])].join('');
    expect(xml).toContain('<id root="2.16.840.1.113883.3.989.2.1.3.12" extension="EVHUMAN"/>');
    expect(xml).toContain('<id root="2.16.840.1.113883.3.989.2.1.3.14" extension="EVHUMAN"/>');
    expect(xml).toContain('<id root="2.16.840.1.113883.3.989.2.1.3.11" extension="ACME-EV-ORG"/>');
    expect(xml).not.toContain(FDA_REGIONAL_OID);
    expect(xml).not.toContain('CDER');
  });

  it('refuses a header without an HL7 timestamp or ids', () => {
    expect(() => icsrMessageXml({ ...HEADER, createdAt: '2024-03-05' }, caseOf(fullContent()))).toThrow('header.createdAt');
    expect(() => icsrMessageXml({ ...HEADER, receiverId: ' ' }, caseOf(fullContent()))).toThrow('header.receiverId');
    expect(() => icsrMessageXml(HEADER, caseOf(fullContent(), { messageId: '' }))).toThrow('case.messageId');
  });
});

describe('icsrBatchXml', () => {
  it('yields the header, one chunk per message and the trailer: 3 cases, 5 chunks that parse into 3 ICSRs', async () => {
    const cases = [1, 2, 3].map((n) => caseOf(fullContent(), { safetyReportId: `DE-ACME-${n}`, worldwideId: `DE-ACME-${n}`, messageId: `MSG-${n}` }));
    const chunks = [...icsrBatchXml(HEADER, cases)];
    expect(chunks).toHaveLength(5);
    expect(chunks[0]).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<MCCI_IN200100UV01 /);
    expect(chunks[4]).toMatch(/<\/MCCI_IN200100UV01>\n$/);
    const imported = await importAll(chunks.join(''));
    expect(imported.map((i) => i.safetyReportId)).toEqual(['DE-ACME-1', 'DE-ACME-2', 'DE-ACME-3']);
  });

  it('streams: takes each case only when its chunk is asked for, and the reader takes the chunks as they come', async () => {
    let taken = 0;
    function* lazyCases(): Generator<ExportCase> {
      for (const n of [1, 2]) {
        taken += 1;
        yield caseOf(fullContent(), { safetyReportId: `DE-ACME-${n}`, messageId: `MSG-${n}` });
      }
    }
    const batch = icsrBatchXml(HEADER, lazyCases());
    batch.next();
    expect(taken).toBe(0);
    batch.next();
    expect(taken).toBe(1);
    const header: { batchId: string | null; receiverId: string | null }[] = [];
    const ids: string[] = [];
    for await (const el of readIcsrs(icsrBatchXml(HEADER, lazyCases()), { onHeader: (h) => header.push(h) })) {
      ids.push(icsrToCase(el).safetyReportId);
    }
    expect(ids).toEqual(['DE-ACME-1', 'DE-ACME-2']);
    expect(header[0]).toMatchObject({ batchId: 'ACME-2024-0001', senderId: 'ACME-EV-ORG', receiverId: 'EVHUMAN', creationTime: '20240305101500', messageType: '1' });
  });
});

describe('EDQM route table', () => {
  it.each([
    ['Oral', '20053000'],
    ['ORAL USE', '20053000'],
    ['Intravenous (not otherwise specified)', '20045000'],
    ['Intravenous drip', '20045000'],
    ['intravenous infusion', '20045000'],
    ['Subcutaneous', '20066000'],
    ['Intramuscular', '20035000'],
    ['Intrathecal', '20042000'],
    ['Topical', '20003000'],
    ['Respiratory (inhalation)', '20020000'],
    ['Nasal', '20049000'],
    ['Rectal', '20061000'],
    ['Transdermal', '20070000'],
    ['Intravitreal', '20047000'],
    ['Auricular (otic)', '20001000'],
  ])('finds %s as %s', (text, code) => {
    expect(edqmRouteFor(text)?.code).toBe(code);
  });

  it('finds nothing for an unknown route, and finds a term by its TermID with or without the ROA- prefix', () => {
    expect(edqmRouteFor('Free text route content')).toBeNull();
    expect(edqmRouteByCode('ROA-20053000')?.term).toBe('Oral use');
    expect(edqmRouteByCode('20066000')?.term).toBe('Subcutaneous use');
    expect(edqmRouteByCode('C38288')).toBeNull();
  });

  it('lets the importer read a route sent as an EDQM TermID alone', async () => {
    const xml = icsrMessageXml(HEADER, caseOf(fullContent())).replace('<originalText>Intravenous infusion</originalText>', '').replace(' displayName="Intravenous use"', '');
    const [back] = await importAll(xml);
    expect(back!.content.drugs[0]!.route).toBe('Intravenous use');
  });
});

describe('G.k.11 drug note', () => {
  it('reads back the lines it writes and leaves any other text alone', () => {
    const lines = drugNoteLines({ specialSituations: ['graft-failure', 'off-label-use'], lackOfEfficacy: true, dechallenge: 'negative' });
    expect(lines).toEqual(['Special situations (GVP VI.B.6): graft failure; off-label use', 'Lack of therapeutic efficacy (GVP VI.B.6.4)', 'Dechallenge: negative (reaction did not abate)']);
    expect(parseDrugNote(['Somthing seemed strange about the way it went down.', ...lines].join('\n'))).toEqual({
      specialSituations: ['graft-failure', 'off-label-use'],
      lackOfEfficacy: true,
      dechallenge: 'negative',
      unknown: [],
    });
  });

  it('lists names it does not know instead of guessing', () => {
    expect(parseDrugNote('Special situations (GVP VI.B.6): overdose; lactation\nDechallenge: maybe')).toEqual({ specialSituations: ['overdose'], lackOfEfficacy: false, dechallenge: null, unknown: ['lactation', 'maybe'] });
    expect(drugNoteLines({ specialSituations: [], lackOfEfficacy: false, dechallenge: null })).toEqual([]);
  });
});
