import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { causalityFromText, causalitySource } from './e2b-codes';
import { E2bFileError, type IcsrElement, readIcsrs } from './e2b-reader';
import { type ImportedIcsr, icsrToCase } from './e2b-to-case';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'e2b-fda');
const FDA_FILES = ['1', '2', '3', '4', '5-1', '5-2', '5-3', '6', '7', '8'].map((s) => `FAERS2022Scenario${s}.xml`);

async function elements(source: string | Buffer): Promise<IcsrElement[]> {
  const out: IcsrElement[] = [];
  for await (const el of readIcsrs(source)) {
    out.push(el);
  }
  return out;
}

async function importFile(file: string): Promise<ImportedIcsr> {
  const [el] = await elements(readFileSync(join(DIR, file)));
  return icsrToCase(el!);
}

async function importXml(xml: string): Promise<ImportedIcsr> {
  const [el] = await elements(xml);
  return icsrToCase(el!);
}

const E2B = '2.16.840.1.113883.3.989.2.1';

/** A small hand-written ICSR message: only what a test needs. */
function message(parts: {
  ids?: string;
  sender?: string;
  c14?: string;
  c15?: string;
  reportType?: string;
  study?: string;
  characteristics?: string;
  player?: string;
  patient?: string;
  components?: string;
  drugs?: string;
}): string {
  const reportType = parts.reportType ?? '1';
  return `<?xml version="1.0" encoding="UTF-8"?>
<PORR_IN049016UV xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <id extension="MSG-1" root="${E2B}.3.1"/>
  <creationTime value="20230102030405+0100"/>
  <sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id extension="${parts.sender ?? 'ACME'}" root="${E2B}.3.11"/></device></sender>
  <controlActProcess classCode="CACT" moodCode="EVN">
    <effectiveTime value="20230102"/>
    <subject typeCode="SUBJ">
      <investigationEvent classCode="INVSTG" moodCode="EVN">
        ${parts.ids ?? `<id extension="DE-ACME-1" root="${E2B}.3.1"/><id extension="DE-ACME-1" root="${E2B}.3.2"/>`}
        <text>Narrative.</text>
        <effectiveTime>${parts.c14 === undefined ? '' : `<low value="${parts.c14}"/>`}</effectiveTime>
        ${parts.c15 === undefined ? '' : `<availabilityTime value="${parts.c15}"/>`}
        <component typeCode="COMP">
          <adverseEventAssessment classCode="INVSTG" moodCode="EVN">
            <subject1 typeCode="SBJ">
              <primaryRole classCode="INVSBJ">
                <player1 classCode="PSN" determinerCode="INSTANCE">${parts.player ?? '<name>AB</name>'}</player1>
                ${parts.study ?? ''}
                ${parts.patient ?? ''}
                <subjectOf2 typeCode="SBJ">
                  <observation classCode="OBS" moodCode="EVN">
                    <id root="react-1"/>
                    <code code="29" codeSystem="${E2B}.1.19"/>
                    <effectiveTime xsi:type="IVL_TS"><low value="2014"/></effectiveTime>
                    <value xsi:type="CE" code="10019211" codeSystem="2.16.840.1.113883.6.163" codeSystemVersion="27.0"><originalText>Kopfschmerzen</originalText></value>
                    <outboundRelationship2 typeCode="PERT"><observation classCode="OBS" moodCode="EVN"><code code="27" codeSystem="${E2B}.1.19"/><value xsi:type="CE" code="2" codeSystem="${E2B}.1.11"/></observation></outboundRelationship2>
                  </observation>
                </subjectOf2>
                <subjectOf2 typeCode="SBJ">
                  <organizer classCode="CATEGORY" moodCode="EVN">
                    <code code="4" codeSystem="${E2B}.1.20"/>
                    ${parts.drugs ?? `<component typeCode="COMP"><substanceAdministration classCode="SBADM" moodCode="EVN"><id root="drug-1"/><consumable typeCode="CSM"><instanceOfKind classCode="INST"><kindOfProduct classCode="MMAT" determinerCode="KIND"><name>Zemcelpro</name></kindOfProduct></instanceOfKind></consumable></substanceAdministration></component>`}
                  </organizer>
                </subjectOf2>
              </primaryRole>
            </subject1>
            ${parts.components ?? `<component typeCode="COMP"><causalityAssessment classCode="OBS" moodCode="EVN"><code code="20" codeSystem="${E2B}.1.19"/><value xsi:type="CE" code="1" codeSystem="${E2B}.1.13"/><subject2 typeCode="SUBJ"><productUseReference classCode="SBADM" moodCode="EVN"><id root="drug-1"/></productUseReference></subject2></causalityAssessment></component>`}
          </adverseEventAssessment>
        </component>
        <subjectOf2 typeCode="SUBJ">
          <investigationCharacteristic classCode="OBS" moodCode="EVN">
            <code code="1" codeSystem="${E2B}.1.23"/>
            <value xsi:type="CE" code="${reportType}" codeSystem="${E2B}.1.2"/>
          </investigationCharacteristic>
        </subjectOf2>
        ${parts.characteristics ?? ''}
      </investigationEvent>
    </subject>
  </controlActProcess>
</PORR_IN049016UV>`;
}

function studyOfType(code: string): string {
  return `<subjectOf1 typeCode="SBJ"><researchStudy classCode="CLNTRL" moodCode="EVN"><id extension="S-1" root="${E2B}.3.5"/><code code="${code}" codeSystem="${E2B}.1.8"/></researchStudy></subjectOf1>`;
}

function causality(result: string, source: string, reaction = 'react-1', drug = 'drug-1'): string {
  return `<component typeCode="COMP"><causalityAssessment classCode="OBS" moodCode="EVN"><code code="39" codeSystem="${E2B}.1.19"/><value xsi:type="ST">${result}</value><methodCode><originalText>Global introspection</originalText></methodCode><author typeCode="AUT"><assignedEntity classCode="ASSIGNED"><code><originalText>${source}</originalText></code></assignedEntity></author><subject1 typeCode="SUBJ"><adverseEffectReference classCode="OBS" moodCode="EVN"><id root="${reaction}"/></adverseEffectReference></subject1><subject2 typeCode="SUBJ"><productUseReference classCode="SBADM" moodCode="EVN"><id root="${drug}"/></productUseReference></subject2></causalityAssessment></component>`;
}

describe('icsrToCase on the FDA examples', () => {
  it.each(FDA_FILES)('maps %s without throwing, keys in document order', async (file) => {
    const imported = await importFile(file);
    expect(imported.safetyReportId).toMatch(/^US-APHARMA-/);
    expect(imported.content.reactions.map((r) => r.key)).toEqual(imported.content.reactions.map((_, i) => `r${i + 1}`));
    expect(imported.content.drugs.map((d) => d.key)).toEqual(imported.content.drugs.map((_, i) => `d${i + 1}`));
    expect(imported.content.synthetic).toBe(false);
    expect(imported.content.significant).toBe(true);
    expect(imported.content.expectednessOverrides).toEqual([]);
    expect(imported.receivedFromEudraVigilance).toBe(false);
  });

  it('Scenario 1 (postmarketing spontaneous, 3 drugs): ids, dates, reporter, patient, reactions, drugs, causality', async () => {
    const imported = await importFile('FAERS2022Scenario1.xml');
    expect(imported).toMatchObject({
      safetyReportId: 'US-APHARMA-8744554B',
      worldwideId: 'US-APHARMA-8744554B',
      messageId: '21ec1492-3aea-4069-a2ab-08002b30309d',
      createdAt: '20140714151617-0500',
      senderOrganisation: 'Big Pharma Drug',
      senderTypeCode: '1',
      reportTypeCode: '1',
      firstSenderType: 'regulator',
      nullification: { nullified: false, reason: null },
      amendment: false,
      suspectProductNames: ['Drug A', 'Drug B'],
    });
    const { content } = imported;
    expect(content).toMatchObject({
      reportType: 'spontaneous',
      solicitedSource: null,
      literatureReference: null,
      // C.1.4 and C.1.5 are "20220614101010-0500": the date as written, no time-zone conversion.
      initialReceiptOn: '2022-06-14',
      day0: '2022-06-14',
      otherIdentifiers: [],
      linkedReports: [],
      nullificationReason: null,
      lackOfEfficacy: false,
      specialSituations: [],
    });
    expect(content.reporters).toEqual([{ name: 'Doctor Roger Robertson', qualification: 'physician', country: 'US', primarySource: true }]);
    expect(content.patient).toEqual({
      initials: 'JD',
      identifier: null,
      ageValue: 48,
      ageUnit: 'year',
      ageGroup: 'adult',
      sex: 'male',
      weightKg: null,
      medicalHistory: 'None',
      diedOn: null,
    });
    expect(content.reactions.map((r) => [r.key, r.reportedTerm, r.lltCode, r.meddraVersion, r.onset, r.outcome, r.seriousness])).toEqual([
      ['r1', 'THROMBOSE VEINEUSE PROFONDE', 10027940, '25.0', '2014-10-10', 'not-recovered', ['disability', 'other-medically-important']],
      ['r2', 'COLITE ISCHEMIQUE', 10009896, '25.0', '2014-10-10', 'recovered', ['other-medically-important']],
    ]);
    expect(content.drugs).toEqual([
      { key: 'd1', role: 'suspect', productId: null, name: 'Drug A', batchNumber: 'UNKNOWN', dose: null, route: 'Oral', actionTaken: 'unknown', dechallenge: null, rechallenge: null },
      { key: 'd2', role: 'suspect', productId: null, name: 'Drug B', batchNumber: null, dose: null, route: null, actionTaken: null, dechallenge: null, rechallenge: null },
      { key: 'd3', role: 'concomitant', productId: null, name: 'Drug C', batchNumber: null, dose: null, route: null, actionTaken: null, dechallenge: null, rechallenge: null },
    ]);
    // "Not Suspected" by PHARMACEUTICAL COMPANY, "Suspected" by PRIMARY SOURCE REPORTER, paired by reaction and product ids.
    expect(content.causality).toEqual([
      { drugKey: 'd1', reactionKey: 'r1', reporter: null, company: 'unrelated' },
      { drugKey: 'd1', reactionKey: 'r2', reporter: 'possible', company: null },
      { drugKey: 'd2', reactionKey: 'r1', reporter: 'unrelated', company: null },
      { drugKey: 'd2', reactionKey: 'r2', reporter: null, company: 'unrelated' },
    ]);
    expect(content.narrative).toBe(
      "Case Narrative Including Clinical Course, Therapeutic Measures, Outcome and Additional Relevant Information\n\n--- Reporter's comments (E2B H.2) ---\nRepoeter Comments\n\n--- Sender's comments (E2B H.4) ---\nSender Comments",
    );
    expect(imported.suspectProducts[0]).toEqual({ drugKey: 'd1', name: 'Drug A', role: 'suspect', substances: ['Ingredient A'], authorisationNumber: 'NDA012345', holder: 'Big Pharma A Drug' });
    // The FDA files give the reaction only for translation (E.i.1.2): used, and said.
    expect(imported.warnings.filter((w) => w.startsWith('E.i.1.1a'))).toHaveLength(2);
    expect(imported.warnings).toContain('not imported: G.k.7.r indications; D.8.r past drug history');
  });

  it('Scenario 3 (IND safety report from a clinical trial): report from study of type 1 → clinical-trial', async () => {
    const imported = await importFile('FAERS2022Scenario3.xml');
    expect(imported.reportTypeCode).toBe('2');
    expect(imported.content.reportType).toBe('clinical-trial');
    expect(imported.content.solicitedSource).toBeNull();
    expect(imported.content.initialReceiptOn).toBe('2022-06-15');
    expect(imported.content.drugs.map((d) => [d.role, d.name])).toEqual([
      ['suspect', 'MK-001'],
      ['suspect', 'Drug B'],
      ['concomitant', 'Drug C'],
    ]);
    // Here the first reaction is the one with id …4555f: "Investigator" is the reporter, "Sponsor" the company.
    expect(imported.content.reactions.map((r) => r.reportedTerm)).toEqual(['THROMBOSE VEINEUSE PROFONDE', 'COLITE ISCHEMIQUE']);
    expect(imported.content.causality).toEqual([
      { drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: null },
      { drugKey: 'd1', reactionKey: 'r2', reporter: null, company: 'possible' },
      { drugKey: 'd2', reactionKey: 'r1', reporter: 'unrelated', company: null },
      { drugKey: 'd2', reactionKey: 'r2', reporter: null, company: 'possible' },
    ]);
  });

  it('Scenario 4 (aggregate IND report): linked reports C.1.10.r', async () => {
    const imported = await importFile('FAERS2022Scenario4.xml');
    expect(imported.worldwideId).toBe('US-APHARMA-222222222');
    expect(imported.firstSenderType).toBe('other');
    expect(imported.content.linkedReports).toEqual(['US-APHARMA-111111111', 'US-APHARMA-333333333', 'US-APHARMA-444444444']);
    expect(imported.content.patient.initials).toBe('AGGREGRATE');
    expect(imported.content.reactions[0]?.seriousness).toEqual(['hospitalisation', 'other-medically-important']);
  });

  it('Scenario 6 (the "mega" file): every section that has a home in our case content', async () => {
    const imported = await importFile('FAERS2022Scenario6.xml');
    const { content } = imported;
    expect(imported.messageId).toBe('US-APHARMA-8744554B');
    expect(content.reportType).toBe('literature');
    expect(content.literatureReference).toMatch(/^Author \(last name first\), "Article Title\."/);
    expect(content.otherIdentifiers).toEqual([
      { source: 'Reporting Ltd Corporation', id: 'FR-RPTLTD-15998' },
      { source: 'European Medicines Agency', id: 'EU-EMA-999999' },
    ]);
    expect(content.linkedReports).toEqual(['FR-PHARMA-3448976655', 'FR-QPHARMA-12345678']);
    expect(content.reporters).toEqual([
      { name: 'Dr. Jerome James Jacobs', qualification: 'physician', country: 'US', primarySource: true },
      { name: 'Professor Ronald Robert Rhodes', qualification: 'pharmacist', country: 'US', primarySource: false },
    ]);
    expect(content.patient).toMatchObject({ initials: 'SM', identifier: '83444908', ageValue: 10, ageUnit: 'year', ageGroup: null, sex: 'male', weightKg: 48.2, diedOn: '2009-01-01' });
    expect(content.patient.medicalHistory).toBe(
      "The patient's medical history does not show anything very out of the ordinary.\n" +
        '- MedDRA 10061122 (v12.0); 2009-01-01 to 2009-01-01; continuing; family history; Comment\n' +
        '- MedDRA 10012431 (v12.0); 2002-01-01 to 2006-01-01; continuing; family history; The condition was accentuated by poor diet.',
    );
    expect(content.reactions).toEqual([
      { key: 'r1', reportedTerm: 'consciência alterada', lltCode: 10027940, lltName: null, ptCode: null, ptName: null, socName: null, meddraVersion: '12.0', onset: '2009-01-01', outcome: 'not-recovered', severity: null, seriousness: ['death', 'hospitalisation', 'other-medically-important'] },
      { key: 'r2', reportedTerm: 'MedDRA 10024381', lltCode: 10024381, lltName: null, ptCode: null, ptName: null, socName: null, meddraVersion: '12.0', onset: null, outcome: 'not-recovered', severity: null, seriousness: ['disability', 'other-medically-important'] },
    ]);
    expect(content.drugs[0]).toMatchObject({ key: 'd1', role: 'suspect', name: 'Drug A', batchNumber: '4577BN2', route: 'Free text route content', actionTaken: 'dose-reduced', rechallenge: 'positive', dechallenge: null });
    expect(content.drugs[0]?.dose).toBe('10 10.a, every 10 d, unstructured dosing information, e.g. take by mouth 2 times a day with food; every 10 d, more information on the next course');
    expect(content.drugs[1]).toMatchObject({ key: 'd2', role: 'interacting', name: 'Drug B' });
    // "Highly related" (Reporter) → probable; "Suspected" (Company) → possible; "Likely" (Company) → probable.
    expect(content.causality).toEqual([
      { drugKey: 'd1', reactionKey: 'r1', reporter: 'probable', company: null },
      { drugKey: 'd1', reactionKey: 'r2', reporter: null, company: 'possible' },
      { drugKey: 'd2', reactionKey: 'r2', reporter: 'possible', company: 'probable' },
    ]);
    expect(content.specialSituations).toEqual(['pregnancy-exposure', 'other', 'abuse', 'occupational-exposure']);
    expect(imported.suspectProductNames).toEqual(['Drug A', 'Drug B']);
    expect(content.narrative).toContain("--- Sender's comments (E2B H.4) ---\nThe condition came on suddenly");
    expect(content.narrative).toContain("--- Sender's diagnosis (E2B H.3.r) ---\nMedDRA 10047319 (v12.0)");
    expect(imported.warnings).toContain('G.k.9.i.4 (drug d1, …/organizer[drugInformation]/component[1]/substanceAdministration): recurrence differs between reactions (negative, positive): positive is kept');
    expect(imported.warnings.find((w) => w.startsWith('not imported:'))).toContain('F.r tests and procedures');
  });

  it('reads a repeated worldwide case id identically across files (versions of one case)', async () => {
    const scenario5 = await Promise.all(['5-1', '5-2', '5-3'].map((s) => importFile(`FAERS2022Scenario${s}.xml`)));
    expect(scenario5.map((i) => [i.worldwideId, i.safetyReportId])).toEqual([
      ['US-APHARMA-234545656', 'US-APHARMA-234545656'],
      ['US-APHARMA-234545656', 'US-APHARMA-234545656'],
      ['US-APHARMA-234545656', 'US-APHARMA-234545656'],
    ]);
    const others = await Promise.all(['1', '2', '3', '6', '7', '8'].map((s) => importFile(`FAERS2022Scenario${s}.xml`)));
    expect(new Set(others.map((i) => i.worldwideId))).toEqual(new Set(['US-APHARMA-8744554B']));
    expect(others.map((i) => i.safetyReportId)).toEqual([
      'US-APHARMA-8744554B',
      'US-APHARMA-8744554B-UPDATE-TESTING222',
      'US-APHARMA-8744554B',
      'US-APHARMA-8744554B',
      'US-APHARMA-8744554B-UPDATET-TESTING',
      'US-APHARMA-8744554B',
    ]);
  });

  it('Scenario 5-3: two drugs with one id and a role for no drug are warned about, not guessed', async () => {
    const imported = await importFile('FAERS2022Scenario5-3.xml');
    expect(imported.warnings).toEqual(
      expect.arrayContaining([
        'G.k (drug d2, …/organizer[drugInformation]/component[2]/substanceAdministration/id): same id as drug d1 (59d6f5ce-3b3b-45c7-92dd-69e06730c2b7): references to it go to d1',
        'G.k.1 (adverseEventAssessment/component/causalityAssessment[interventionCharacterization]): role "not-administered" refers to no drug (68d6f5ce-3b3b-45c7-92dd-69e06730c3a9): ignored',
      ]),
    );
  });
});

describe('icsrToCase on hand-written messages', () => {
  it('throws only when the message has no case id at all', async () => {
    const [el] = await elements(message({ ids: '' }));
    expect(() => icsrToCase(el!)).toThrow(E2bFileError);
    try {
      icsrToCase(el!);
    } catch (error) {
      expect((error as E2bFileError).code).toBe('E2B_NO_CASE_ID');
    }
    const onlyWorldwide = await importXml(message({ ids: `<id extension="DE-ACME-9" root="${E2B}.3.2"/>` }));
    expect([onlyWorldwide.safetyReportId, onlyWorldwide.worldwideId]).toEqual(['DE-ACME-9', 'DE-ACME-9']);
    expect(onlyWorldwide.warnings[0]).toMatch(/^C\.1\.1 /);
  });

  it('takes the calendar date as written, whatever the time zone', async () => {
    const imported = await importXml(message({ c14: '20220815233000-0500', c15: '20220816000500+1400' }));
    expect([imported.content.initialReceiptOn, imported.content.day0]).toEqual(['2022-08-15', '2022-08-16']);
  });

  it('partial dates: the first day of the period for C.1.4/C.1.5 (with a warning), null for an onset', async () => {
    const imported = await importXml(message({ c15: '202206' }));
    expect(imported.content.day0).toBe('2022-06-01');
    expect(imported.content.initialReceiptOn).toBe('2022-06-01');
    expect(imported.content.reactions[0]?.onset).toBeNull();
    expect(imported.warnings).toEqual(
      expect.arrayContaining([
        'C.1.5 (investigationEvent/availabilityTime): partial date "202206": the first day of the period, 2022-06-01, is used',
        'C.1.4 (investigationEvent/effectiveTime/low): no usable date: C.1.5 (2022-06-01) is used',
        'E.i.4 (reaction r1, primaryRole/subjectOf2/observation[1]/effectiveTime/low): partial date "2014" is not a day: left empty',
      ]),
    );
  });

  it('falls back to the date of creation (C.1.2) when C.1.4 and C.1.5 are missing', async () => {
    const imported = await importXml(message({}));
    expect([imported.content.initialReceiptOn, imported.content.day0]).toEqual(['2023-01-02', '2023-01-02']);
    expect(imported.warnings.some((w) => w.includes('C.1.2 (2023-01-02) is used'))).toBe(true);
  });

  it('uses the receipt date given by the caller when the message has no usable date at all', async () => {
    const xml = message({ c15: 'yesterday' }).replace('<creationTime value="20230102030405+0100"/>', '').replace('<effectiveTime value="20230102"/>', '');
    const [el] = await elements(xml);
    const imported = icsrToCase(el!, { receivedOn: '2024-03-05' });
    expect([imported.content.initialReceiptOn, imported.content.day0]).toEqual(['2024-03-05', '2024-03-05']);
    expect(imported.warnings).toEqual(expect.arrayContaining(['C.1.5 (investigationEvent/availabilityTime): "yesterday" is not an HL7 date', 'C.1.5 (investigationEvent/availabilityTime): no usable date in the message: the receipt date 2024-03-05 is used']));
  });

  it('maps the study type of a report from study (C.5.4)', async () => {
    const kinds = await Promise.all(
      ['1', '2', '3'].map(async (code) => {
        const { content } = await importXml(message({ reportType: '2', c14: '20230101', study: studyOfType(code) }));
        return [content.reportType, content.solicitedSource];
      }),
    );
    expect(kinds).toEqual([
      ['clinical-trial', null],
      ['solicited', 'other'],
      ['solicited', 'non-interventional-study'],
    ]);
    const noStudy = await importXml(message({ reportType: '2', c14: '20230101' }));
    expect([noStudy.content.reportType, noStudy.content.solicitedSource]).toEqual(['solicited', 'other']);
    expect(noStudy.warnings.some((w) => w.startsWith('C.5.4'))).toBe(true);
  });

  it('reads report types 3 (other) and 4 (not available) as spontaneous, with a warning', async () => {
    for (const code of ['3', '4']) {
      const imported = await importXml(message({ reportType: code, c14: '20230101' }));
      expect(imported.content.reportType).toBe('spontaneous');
      expect(imported.reportTypeCode).toBe(code);
      expect(imported.warnings.some((w) => w.startsWith(`C.1.3 `))).toBe(true);
    }
  });

  it('marks a case sent by EudraVigilance (N.2.r.2 EVHUMAN, or batch sender N.1.3) and an EMA literature case', async () => {
    const fromEv = await importXml(message({ sender: 'EVHUMAN', c14: '20230101', reportType: '2', study: studyOfType('3') }));
    expect(fromEv.receivedFromEudraVigilance).toBe(true);
    expect([fromEv.content.reportType, fromEv.content.solicitedSource]).toEqual(['eudravigilance', null]);
    const [el] = await elements(message({ c14: '20230101' }));
    expect(icsrToCase(el!, { batch: { senderId: 'EVTEST', creationTime: null } }).receivedFromEudraVigilance).toBe(true);
    expect(icsrToCase(el!).receivedFromEudraVigilance).toBe(false);
    const mlm = await importXml(message({ c14: '20230101', ids: `<id extension="EU-EC-10001234567" root="${E2B}.3.2"/><id extension="XX-1" root="${E2B}.3.1"/>` }));
    expect(mlm.receivedFromEudraVigilance).toBe(true);
  });

  it('reads nullification and amendment (C.1.11)', async () => {
    const characteristic = (code: string, reason: string): string =>
      `<subjectOf2 typeCode="SUBJ"><investigationCharacteristic classCode="OBS" moodCode="EVN"><code code="3" codeSystem="${E2B}.1.23"/><value xsi:type="CE" code="${code}" codeSystem="${E2B}.1.5"/></investigationCharacteristic></subjectOf2>` +
      `<subjectOf2 typeCode="SUBJ"><investigationCharacteristic classCode="OBS" moodCode="EVN"><code code="4" codeSystem="${E2B}.1.23"/><value xsi:type="CE"><originalText>${reason}</originalText></value></investigationCharacteristic></subjectOf2>`;
    const nullified = await importXml(message({ c14: '20230101', characteristics: characteristic('1', 'Sent in error') }));
    expect(nullified.nullification).toEqual({ nullified: true, reason: 'Sent in error' });
    expect(nullified.amendment).toBe(false);
    expect(nullified.content.nullificationReason).toBe('Sent in error');
    const amended = await importXml(message({ c14: '20230101', characteristics: characteristic('2', 'Wrong onset date') }));
    expect(amended.nullification).toEqual({ nullified: false, reason: 'Wrong onset date' });
    expect(amended.amendment).toBe(true);
    expect(amended.content.nullificationReason).toBeNull();
  });

  it('maps patient codes: sex nullFlavor → unknown, age units, age group, weight in grams', async () => {
    const obs = (code: string, value: string): string => `<subjectOf2 typeCode="SBJ"><observation classCode="OBS" moodCode="EVN"><code code="${code}" codeSystem="${E2B}.1.19"/>${value}</observation></subjectOf2>`;
    const imported = await importXml(
      message({
        c14: '20230101',
        player: '<name nullFlavor="MSK"/><administrativeGenderCode nullFlavor="UNK"/><deceasedTime value="202301"/>',
        patient: obs('3', '<value xsi:type="PQ" value="6" unit="mo"/>') + obs('4', `<value xsi:type="CE" code="2" codeSystem="${E2B}.1.9"/>`) + obs('7', '<value xsi:type="PQ" value="7400" unit="g"/>'),
      }),
    );
    expect(imported.content.patient).toMatchObject({ initials: null, sex: 'unknown', ageValue: 6, ageUnit: 'month', ageGroup: 'infant', weightKg: 7.4, diedOn: null });
    expect(imported.warnings.some((w) => w.startsWith('D.9.1'))).toBe(true);
    const decades = await importXml(message({ c14: '20230101', patient: obs('3', '<value xsi:type="PQ" value="7" unit="10.a"/>') }));
    expect([decades.content.patient.ageValue, decades.content.patient.ageUnit]).toEqual([70, 'year']);
  });

  it('pairs causality by reference, keeps the more related of two assessments by one side, warns on the unknown', async () => {
    const roles = `<component typeCode="COMP"><causalityAssessment classCode="OBS" moodCode="EVN"><code code="20" codeSystem="${E2B}.1.19"/><value xsi:type="CE" code="1" codeSystem="${E2B}.1.13"/><subject2 typeCode="SUBJ"><productUseReference classCode="SBADM" moodCode="EVN"><id root="drug-1"/></productUseReference></subject2></causalityAssessment></component>`;
    const imported = await importXml(
      message({
        c14: '20230101',
        components:
          roles +
          causality('unlikely', 'MAH') +
          causality('Probably related', 'Marketing Authorisation Holder') +
          causality('Not related', 'Primary source reporter') +
          causality('maybe', 'Company') +
          causality('Related', 'Regulatory authority') +
          causality('Related', 'Physician', 'react-9'),
      }),
    );
    expect(imported.content.causality).toEqual([{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unrelated', company: 'probable' }]);
    const causalityWarnings = imported.warnings.filter((w) => w.startsWith('G.k.9'));
    expect(causalityWarnings).toHaveLength(4);
    expect(causalityWarnings.join('\n')).toContain('two company assessments (unlikely, probable): the more related, probable, is kept');
    expect(causalityWarnings.join('\n')).toContain('result "maybe" (company, method "Global introspection") is not a recognised category');
    expect(causalityWarnings.join('\n')).toContain('source of assessment "Regulatory authority" is neither the reporter nor the company');
    expect(causalityWarnings.join('\n')).toContain('no known reaction (react-9)');
  });

  it('defaults a drug without a role to suspect, with a warning', async () => {
    const imported = await importXml(message({ c14: '20230101', components: '' }));
    expect(imported.content.drugs[0]?.role).toBe('suspect');
    expect(imported.suspectProductNames).toEqual(['Zemcelpro']);
    expect(imported.warnings.some((w) => w.startsWith('G.k.1 ') && w.endsWith('no drug role: taken as suspect'))).toBe(true);
  });
});

describe('causality text tables', () => {
  it.each([
    ['Suspected', 'possible'],
    ['Not Suspected', 'unrelated'],
    ['related', 'possible'],
    ['Possibly related', 'possible'],
    ['Reasonable possibility', 'possible'],
    ['Probable', 'probable'],
    ['Highly related', 'probable'],
    ['Likely', 'probable'],
    ['Certain', 'certain'],
    ['Definitely related', 'certain'],
    ['Unlikely', 'unlikely'],
    ['NOT RELATED', 'unrelated'],
    ['unrelated', 'unrelated'],
    ['No reasonable possibility', 'unrelated'],
    ['Unassessable', 'unassessable'],
    ['Unclassifiable', 'unassessable'],
    ['Conditional', 'unassessable'],
    ['Not assessable', 'unassessable'],
  ])('%s → %s', (text, category) => {
    expect(causalityFromText(text)).toBe(category);
  });

  it('does not guess unknown results', () => {
    expect(causalityFromText('maybe')).toBeNull();
    expect(causalityFromText('not unlikely')).toBeNull();
  });

  it.each([
    ['PRIMARY SOURCE REPORTER', 'reporter'],
    ['Reporter', 'reporter'],
    ['Investigator', 'reporter'],
    ['PHARMACEUTICAL COMPANY', 'company'],
    ['Sponsor', 'company'],
    ['Company', 'company'],
    ['MAH', 'company'],
    ['Regulatory authority', null],
  ])('source %s → %s', (text, side) => {
    expect(causalitySource(text)).toBe(side);
  });
});
