/**
 * The two products the project started from (shared/domain/seed-products.md; EPAR summaries in Dutch).
 * Facts below come from that page; dates it does not know are illustrative and say so.
 */
export interface DemoObligation {
  reference: string;
  category: 'SOB' | 'ANX' | 'MEA' | 'LEG' | 'REC';
  studyType: 'PASS' | 'PAES' | 'registry' | 'long-term-follow-up' | 'clinical-trial' | 'none';
  description: string;
  studyIds: string[];
  owner: string;
  /** Illustrative milestone dates (Annex II dates are not known to the project). */
  milestones: Array<{ title: string; dueDate: string }>;
  /** Leave the most recent past milestone unsubmitted, so the demo shows an overdue item. */
  leaveLatestPastOverdue?: boolean;
}

export interface DemoProduct {
  name: string;
  activeSubstance: string;
  description: string;
  orphanDesignation: string;
  orphanDesignationDate: string;
  holder: string;
  notifiedOn: string;
  sourceNote: string;
  /** Placings on the market by member state (illustrative): the sunset clause stops running once one is recorded. */
  marketPresence?: { memberState: 'DE' | 'FR'; on: string }[];
  obligations: DemoObligation[];
}

const ILLUSTRATIVE = 'illustrative — confirm against the Union Register / Annex II';

function yearly(title: string, monthDay: string, from: number, to: number): Array<{ title: string; dueDate: string }> {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ title: `${title} ${from + i}`, dueDate: `${from + i}-${monthDay}` }));
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    name: 'Hemgenix',
    activeSubstance: 'etranacogene dezaparvovec',
    description:
      'Gene therapy (AAV vector carrying the factor IX gene), advanced therapy medicinal product, for adults with severe or moderately severe haemophilia B without factor IX inhibitors.',
    orphanDesignation: 'EU/3/18/1999',
    orphanDesignationDate: '2018-03-21',
    holder: 'CSL Behring GmbH',
    notifiedOn: '2023-02-20',
    marketPresence: [{ memberState: 'DE', on: '2023-05-02' }],
    sourceNote: `EPAR summary (seed 000_30793afa78de2318.txt); holder from the SmPC; EC decision February 2023 — notification date ${ILLUSTRATIVE}`,
    obligations: [
      {
        reference: 'SOB 1',
        category: 'SOB',
        studyType: 'long-term-follow-up',
        description:
          'Provide data from the ongoing studies on the long-term safety and efficacy, and on the duration of response, of Hemgenix in severe and moderately severe haemophilia B (HOPE-B and its 15-year long-term follow-up).',
        studyIds: ['NCT03569891'],
        owner: 'Regulatory Affairs',
        milestones: [...yearly('HOPE-B annual interim report', '06-30', 2023, 2028), { title: 'HOPE-B final clinical study report', dueDate: '2029-06-30' }],
      },
      {
        reference: 'SOB 2',
        category: 'SOB',
        studyType: 'registry',
        description: 'Provide data from a registry of treated patients on the long-term safety and efficacy of Hemgenix.',
        studyIds: [],
        owner: 'Drug Safety',
        milestones: [{ title: 'Registry protocol', dueDate: '2023-08-31' }, ...yearly('Registry interim report', '12-31', 2023, 2030)],
        leaveLatestPastOverdue: true,
      },
      {
        reference: 'ANX 1',
        category: 'ANX',
        studyType: 'none',
        description:
          'Additional risk minimisation: educational material for patients/carers and health professionals on benefits, risks and long-term uncertainties, and a patient card telling health professionals that the patient was treated with Hemgenix.',
        studyIds: [],
        owner: 'Regulatory Affairs',
        milestones: [{ title: 'Educational material and patient card agreed with national authorities', dueDate: '2023-05-31' }],
      },
    ],
  },
  {
    name: 'Zemcelpro',
    activeSubstance: 'dorocubicel / unexpanded CD34- cells',
    description:
      'Stem-cell product from one umbilical cord blood unit (dorocubicel plus unexpanded CD34- cells), for adults with haematological malignancies who need an allogeneic haematopoietic stem cell transplant and have no other suitable donor cells.',
    orphanDesignation: 'EU/3/20/2271',
    orphanDesignationDate: '2020-04-22',
    holder: 'Cordex Biologics International Ltd',
    notifiedOn: '2025-08-25',
    sourceNote: `EPAR summary EMA/227007/2025 (seed 002_0857a41fb2c9cc23.txt); holder from the SmPC; EC decision August 2025 — notification date ${ILLUSTRATIVE}`,
    obligations: [
      {
        reference: 'SOB 1',
        category: 'SOB',
        studyType: 'clinical-trial',
        description: 'Submit the final results of the two ongoing main studies of Zemcelpro in patients with high-risk leukaemia or myelodysplasia.',
        studyIds: [],
        owner: 'Clinical Development',
        milestones: [{ title: 'Interim report with the first annual renewal', dueDate: '2026-02-25' }, { title: 'Final clinical study reports of the two main studies', dueDate: '2027-12-31' }],
      },
      {
        reference: 'SOB 2',
        category: 'SOB',
        studyType: 'clinical-trial',
        description: 'Submit the final results of two additional studies of Zemcelpro.',
        studyIds: [],
        owner: 'Clinical Development',
        milestones: [{ title: 'Final clinical study reports of the two additional studies', dueDate: '2028-06-30' }],
      },
      {
        reference: 'SOB 3',
        category: 'SOB',
        studyType: 'registry',
        description: 'Provide data from a registry-based study of patients treated with Zemcelpro.',
        studyIds: [],
        owner: 'Drug Safety',
        milestones: [{ title: 'Registry-based study protocol', dueDate: '2026-03-31' }, ...yearly('Registry-based study interim report', '09-30', 2026, 2030)],
      },
    ],
  },
];
