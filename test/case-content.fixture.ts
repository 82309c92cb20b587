/** Test data for the pure case functions' specs: one valid spontaneous case, override any part. */
import type { CaseContent, Drug, Reaction } from '../src/safety-cases/case-content';

export const reaction = (overrides: Partial<Reaction> = {}): Reaction => ({
  key: 'r1',
  reportedTerm: 'liver enzymes up',
  lltCode: null,
  lltName: null,
  ptCode: null,
  ptName: 'Alanine aminotransferase increased',
  socName: 'Investigations',
  meddraVersion: null,
  onset: '2026-02-20',
  outcome: 'recovering',
  severity: null,
  seriousness: [],
  ...overrides,
});

export const drug = (overrides: Partial<Drug> = {}): Drug => ({
  key: 'd1',
  role: 'suspect',
  productId: 'p1',
  name: 'Hemgenix',
  batchNumber: null,
  dose: null,
  route: null,
  actionTaken: null,
  dechallenge: null,
  rechallenge: null,
  ...overrides,
});

export const content = (overrides: Partial<CaseContent> = {}): CaseContent => ({
  reportType: 'spontaneous',
  solicitedSource: null,
  literatureReference: null,
  initialReceiptOn: '2026-03-02',
  day0: '2026-03-02',
  significant: false,
  otherIdentifiers: [],
  linkedReports: [],
  reporters: [{ name: 'Dr Weber', qualification: 'physician', country: 'DE', primarySource: true }],
  patient: { initials: 'JD', identifier: null, ageValue: 34, ageUnit: 'year', ageGroup: null, sex: 'female', weightKg: null, medicalHistory: null, diedOn: null },
  reactions: [reaction()],
  drugs: [drug()],
  causality: [],
  narrative: '',
  lackOfEfficacy: false,
  specialSituations: [],
  expectednessOverrides: [],
  nullificationReason: null,
  synthetic: true,
  ...overrides,
});
