/**
 * A made-up renewal dossier's content for the renderers' tests and benchmarks: deterministic, sized at will
 * (cases in the line listing, reaction terms in the tabulation), with European letters in the text.
 */
import { DOSSIER_FORMAT, type DossierContent } from '../src/dossier/dossier-content';
import type { Counts, LineListingRow, SummaryRow } from '../src/safety-cases/tabulation';

function counts(total: number): Counts {
  const serious = Math.floor(total / 3);
  return { spontaneousSerious: serious, spontaneousNonSerious: total - serious, studySerious: 0, studyNonSerious: 0, total };
}

export function sampleDossierContent(options: { cases?: number; terms?: number; lineListing?: boolean } = {}): DossierContent {
  const cases = options.cases ?? 12;
  const terms = options.terms ?? 6;
  const socs = ['Blood and lymphatic system disorders', 'General disorders and administration site conditions', 'Hepatobiliary disorders', 'Nervous system disorders'];
  const rows: SummaryRow[] = Array.from({ length: terms }, (_, i) => ({
    soc: socs[i % socs.length] ?? '',
    pt: `Réaction ${String(i + 1).padStart(3, '0')}`,
    interval: counts(((i * 7) % 11) + 1),
    cumulative: counts(((i * 7) % 11) + 5),
  })).sort((a, b) => a.soc.localeCompare(b.soc) || a.pt.localeCompare(b.pt));
  const listing: LineListingRow[] = Array.from({ length: cases }, (_, i) => ({
    safetyReportId: `DE-CSL-2026-${String(i + 1).padStart(6, '0')}`,
    worldwideId: `DE-CSL-2026-${String(i + 1).padStart(6, '0')}`,
    version: 1 + (i % 3),
    reportType: i % 5 === 0 ? 'clinical-trial' : 'spontaneous',
    country: ['DE', 'FR', 'PL', 'CZ', 'IT'][i % 5] ?? 'DE',
    initialReceiptOn: `2026-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    ageSex: i % 4 === 0 ? 'age unknown, sex unknown' : `${30 + (i % 40)} years, ${i % 2 === 0 ? 'female' : 'male'}`,
    reactions: i % 7 === 0 ? 'Alanine aminotransferase increased; Pyrexia; Headache; Infusion related reaction' : `Réaction ${String((i % terms) + 1).padStart(3, '0')}`,
    serious: i % 3 === 0,
    outcomes: i % 7 === 0 ? 'recovered; recovered; recovering; unknown' : 'recovered',
    suspectDrugs: 'Hemgenix',
    synthetic: true,
  }));
  return {
    format: DOSSIER_FORMAT,
    product: {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Hemgenix',
      activeSubstance: 'etranacogene dezaparvovec',
      emaProductNumber: 'EMEA/H/C/004827',
      euNumber: 'EU/1/22/1715/001',
      holder: 'CSL Behring GmbH',
      advancedTherapy: true,
      additionalMonitoring: true,
      orphanDesignation: 'EU/3/18/2029',
    },
    authorisation: {
      type: 'conditional',
      notifiedOn: '2023-02-20',
      currentExpiry: { date: '2027-02-20', ruleId: 'CMA-VALIDITY-1Y', source: 'Regulation (EC) No 507/2006, Art. 5(1)' },
      renewal: {
        cycle: 4,
        windowOpens: { date: '2026-07-20', ruleId: 'CMA-RENEWAL-WINDOW', source: 'Regulation (EC) No 507/2006, Art. 6(2)' },
        applicationDue: { date: '2026-08-20', ruleId: 'CMA-RENEWAL-6M', source: 'Regulation (EC) No 507/2006, Art. 6(2)' },
        expiry: { date: '2027-02-20', ruleId: 'CMA-VALIDITY-1Y', source: 'Regulation (EC) No 507/2006, Art. 5(1)' },
      },
      illustrative: true,
    },
    dataLockPoint: '2026-06-30',
    asAt: {
      safety: 'as at the data lock point 2026-06-30: cases as they stood then, exposure figures counted and recorded by then',
      regulatoryStatus: 'as in force when this version was built; 1 change recorded after the data lock point is listed',
    },
    period: { from: '2025-07-01', to: '2026-06-30', basis: 'the 12 months up to the data lock point (annual renewal of a conditional marketing authorisation)' },
    obligations: [
      {
        id: '00000000-0000-4000-8000-000000000010',
        reference: 'SOB-001',
        category: 'SOB',
        studyType: 'registry',
        description: 'Long-term efficacy and safety of etranacogene dezaparvovec in adults with haemophilia B: 15-year follow-up of the registry study (Überwachung, suivi à long terme).',
        studyIds: ['CSL222_4001'],
        status: 'open',
        milestones: [
          {
            id: '00000000-0000-4000-8000-000000000011',
            title: 'Interim report 2025',
            dueDate: { date: '2025-12-31', ruleId: 'ANNEX-II', source: 'Annex II, Commission decision' },
            dueDateAtDataLockPoint: '2025-12-31',
            status: 'submitted',
            submittedOn: '2026-01-15',
            submissionRef: 'EMEA/H/C/004827/SOB/001.3',
            timeliness: 'late',
            daysLate: 15,
            outcome: 'accepted',
            outcomeOn: '2026-04-01',
            outcomeProcedureRef: 'EMEA/H/C/004827/SOB/001.3',
            history: [{ from: '2025-09-30', to: '2025-12-31', procedureRef: 'EMEA/H/C/004827/II/0012', reason: 'Extension agreed by CHMP', changedOn: '2025-06-12', changedBy: 'user:regulatory-lead', afterDataLockPoint: false }],
          },
          {
            id: '00000000-0000-4000-8000-000000000012',
            title: 'Interim report 2026',
            dueDate: { date: '2026-12-31', ruleId: 'ANNEX-II', source: 'Annex II, Commission decision' },
            dueDateAtDataLockPoint: '2026-09-30',
            status: 'planned',
            submittedOn: null,
            submissionRef: null,
            timeliness: 'pending',
            daysLate: 0,
            outcome: null,
            outcomeOn: null,
            outcomeProcedureRef: null,
            history: [{ from: '2026-09-30', to: '2026-12-31', procedureRef: 'EMEA/H/C/004827/II/0099', reason: 'Extension agreed by CHMP', changedOn: '2026-08-15', changedBy: 'user:regulatory-lead', afterDataLockPoint: true }],
          },
        ],
      },
      {
        id: '00000000-0000-4000-8000-000000000020',
        reference: 'ANX-001',
        category: 'ANX',
        studyType: 'educational-material',
        description: 'Patient card and healthcare professional guide on liver monitoring.',
        studyIds: [],
        status: 'fulfilled',
        milestones: [],
      },
    ],
    changesSinceDataLockPoint: [
      {
        obligationReference: 'SOB-001',
        milestone: 'Interim report 2026',
        field: 'due date',
        from: '2026-09-30',
        to: '2026-12-31',
        source: 'variation',
        procedureRef: 'EMEA/H/C/004827/II/0099',
        reason: 'Extension agreed by CHMP',
        changedBy: 'user:regulatory-lead',
        changedOn: '2026-08-15',
      },
    ],
    proposedChanges: [{ obligationReference: 'SOB-001', change: 'Move the 2026 interim report to 31 March 2027', reason: 'Registry enrolment slower than planned (Polish and Czech sites: Łódź, Brno)' }],
    procedures: [{ number: 'EMEA/H/C/PSUSA/00010971/202602', type: 'psusa', title: 'PSUSA etranacogene dezaparvovec', submittedOn: '2026-04-20', opinionOn: '2026-09-18', outcome: 'positive', commissionDecisionOn: null }],
    safety: {
      cases: { interval: { cases, serious: Math.ceil(cases / 3), fatal: 0 }, cumulative: { cases: cases + 10, serious: Math.ceil(cases / 3) + 4, fatal: 1 } },
      excluded: { nullified: 1, invalid: 0, duplicates: 2 },
      tabulation: {
        rows,
        socSubtotals: socs
          .map((soc) => ({ soc, rows: rows.filter((r) => r.soc === soc) }))
          .filter((s) => s.rows.length > 0)
          .map((s) => ({ soc: s.soc, interval: counts(s.rows.reduce((n, r) => n + r.interval.total, 0)), cumulative: counts(s.rows.reduce((n, r) => n + r.cumulative.total, 0)) })),
        total: { interval: counts(rows.reduce((n, r) => n + r.interval.total, 0)), cumulative: counts(rows.reduce((n, r) => n + r.cumulative.total, 0)) },
      },
      frequency: {
        runId: '00000000-0000-4000-8000-000000000030',
        digest: 'f'.repeat(64),
        period: 'cumulative',
        periodStart: null,
        dataLockPoint: '2026-06-30',
        referenceSafety: 'SmPC section 4.8, version 5 (2025-11-03)',
        meddraVersion: '27.1',
        exposure: { treatedPatients: 140, solicitedExposed: 54 },
        rows: [
          {
            level: 'term',
            label: 'Alanine aminotransferase increased',
            listedTerms: ['Alanine aminotransferase increased'],
            patients: 24,
            serious: 2,
            fatal: 0,
            solicitedPatients: 20,
            solicitedExposed: 54,
            proportion: 0.37037,
            interval: { lower: 0.2471, upper: 0.5083, level: 0.95, method: 'Wilson score' },
            spontaneousPatients: 4,
            spontaneousExposed: 86,
            reportingRate: 0.0465,
            statedRatePercent: 17,
            statedBand: 'very-common',
            flag: 'exceeds',
            explanation: 'the lower 95% bound (24.7%) is above the stated 17%',
            followUp: null,
          },
        ],
      },
      alerts: [{ id: '00000000-0000-4000-8000-000000000040', source: 'frequency', event: 'alanine aminotransferase increased', rule: 'frequency exceeds the stated rate', status: 'validated', raisedOn: '2026-03-02', decidedOn: '2026-03-10', reason: null }],
      signals: [
        {
          id: '00000000-0000-4000-8000-000000000050',
          title: 'Hepatotoxicity: ALT increase above the SmPC rate',
          event: 'alanine aminotransferase increased',
          status: 'closed',
          priority: 'high',
          openedOn: '2026-03-10',
          closedOn: '2026-06-01',
          recommendedAction: 'Update SmPC section 4.8 frequency',
          emergingSafetyIssue: null,
          regulatorOutcome: null,
        },
      ],
      exposure: [{ kind: 'treated-patients', from: '2023-02-20', to: '2026-06-30', patients: 140, source: 'Sales and registry data (illustrative)' }],
    },
    benefitRisk: 'The benefit–risk balance remains positive. Liver enzyme elevations are monitored as per the RMP; no new safety concern.',
    lineListing: options.lineListing === false ? null : listing,
  };
}
