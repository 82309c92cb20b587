/**
 * From what a user or a file sends to the content of a case version: defaults filled in, keys given,
 * references checked. Pure; throws InvalidInputError naming the field.
 */
import { compareDates, IsoDate } from '../common/calendar-date';
import { FieldProblem, InvalidInputError } from '../common/errors';
import type { CaseContent, Causality, Drug, Reaction, Reporter } from './case-content';
import type { CaseContentDto } from './dto/case-content.dto';

function keyed<T extends { key?: string }>(items: readonly T[], prefix: string, field: string, problems: FieldProblem[]): string[] {
  const keys = items.map((item, index) => item.key ?? `${prefix}${index + 1}`);
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) {
      problems.push({ field: `${field}[${index}].key`, problem: `"${key}" is used twice` });
    }
  });
  return keys;
}

function notAfter(date: IsoDate | undefined, today: IsoDate, field: string, problems: FieldProblem[]): void {
  if (date !== undefined && compareDates(date, today) > 0) {
    problems.push({ field, problem: `${date} is in the future (today is ${today})` });
  }
}

export interface IntakeOptions {
  today: IsoDate;
  /** Day 0 when the sender leaves it out: the initial receipt for a new case, the previous day 0 for an amendment. */
  defaultDay0?: IsoDate;
  synthetic?: boolean;
}

export function normaliseContent(dto: CaseContentDto, options: IntakeOptions): CaseContent {
  const { today, synthetic = false } = options;
  const problems: FieldProblem[] = [];
  const day0 = dto.day0 ?? options.defaultDay0 ?? dto.initialReceiptOn;
  notAfter(dto.initialReceiptOn, today, 'initialReceiptOn', problems);
  notAfter(dto.day0, today, 'day0', problems);
  if (compareDates(day0, dto.initialReceiptOn) < 0) {
    problems.push({ field: 'day0', problem: `${day0} is before the initial receipt on ${dto.initialReceiptOn}` });
  }
  if (dto.reportType === 'literature' && (dto.literatureReference ?? '').trim() === '') {
    problems.push({ field: 'literatureReference', problem: 'is required for a literature report' });
  }
  if (dto.solicitedSource !== undefined && dto.reportType !== 'solicited') {
    problems.push({ field: 'solicitedSource', problem: `only applies to solicited reports, not ${dto.reportType}` });
  }

  const reporterDtos = dto.reporters ?? [];
  const flagged = reporterDtos.filter((r) => r.primarySource === true).length;
  if (flagged > 1) {
    problems.push({ field: 'reporters', problem: `${flagged} reporters are flagged as primary source; exactly one may be` });
  }
  // No flag at all: the first reporter is the primary source (E2B needs one; said in the assessment notes).
  const reporters: Reporter[] = reporterDtos.map((r, index) => ({
    name: r.name ?? null,
    qualification: r.qualification ?? null,
    country: r.country ?? null,
    primarySource: flagged === 0 ? index === 0 : r.primarySource === true,
  }));

  const patientDto = dto.patient ?? {};
  if (patientDto.ageValue !== undefined && patientDto.ageUnit === undefined) {
    problems.push({ field: 'patient.ageUnit', problem: 'is required with patient.ageValue' });
  }
  notAfter(patientDto.diedOn, today, 'patient.diedOn', problems);

  const reactionDtos = dto.reactions ?? [];
  const reactionKeys = keyed(reactionDtos, 'r', 'reactions', problems);
  const reactions: Reaction[] = reactionDtos.map((r, index) => {
    notAfter(r.onset, today, `reactions[${index}].onset`, problems);
    return {
      key: reactionKeys[index] ?? `r${index + 1}`,
      reportedTerm: r.reportedTerm.trim(),
      lltCode: r.lltCode ?? null,
      lltName: null,
      ptCode: null,
      ptName: r.ptName?.trim() ?? null,
      socName: null,
      meddraVersion: null,
      onset: r.onset ?? null,
      outcome: r.outcome ?? 'unknown',
      severity: r.severity ?? null,
      seriousness: [...new Set(r.seriousness ?? [])],
    };
  });

  const drugDtos = dto.drugs ?? [];
  const drugKeys = keyed(drugDtos, 'd', 'drugs', problems);
  const drugs: Drug[] = drugDtos.map((d, index) => ({
    key: drugKeys[index] ?? `d${index + 1}`,
    role: d.role,
    productId: d.productId ?? null,
    name: d.name.trim(),
    batchNumber: d.batchNumber ?? null,
    dose: d.dose ?? null,
    route: d.route ?? null,
    actionTaken: d.actionTaken ?? null,
    dechallenge: d.dechallenge ?? null,
    rechallenge: d.rechallenge ?? null,
  }));

  const pairs = new Set<string>();
  const causality: Causality[] = (dto.causality ?? []).map((c, index) => {
    if (!drugKeys.includes(c.drugKey)) {
      problems.push({ field: `causality[${index}].drugKey`, problem: `"${c.drugKey}" is not a drug of this case (${drugKeys.join(', ') || 'none'})` });
    }
    if (!reactionKeys.includes(c.reactionKey)) {
      problems.push({ field: `causality[${index}].reactionKey`, problem: `"${c.reactionKey}" is not a reaction of this case (${reactionKeys.join(', ') || 'none'})` });
    }
    const pair = `${c.drugKey}/${c.reactionKey}`;
    if (pairs.has(pair)) {
      problems.push({ field: `causality[${index}]`, problem: `the pair ${pair} is assessed twice` });
    }
    pairs.add(pair);
    return { drugKey: c.drugKey, reactionKey: c.reactionKey, reporter: c.reporter ?? null, company: c.company ?? null };
  });

  if (problems.length > 0) {
    throw new InvalidInputError(`The case has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, problems);
  }

  return {
    reportType: dto.reportType,
    solicitedSource: dto.solicitedSource ?? null,
    literatureReference: dto.literatureReference ?? null,
    initialReceiptOn: dto.initialReceiptOn,
    day0,
    significant: dto.significant ?? true,
    otherIdentifiers: (dto.otherIdentifiers ?? []).map((o) => ({ source: o.source, id: o.id })),
    linkedReports: dto.linkedReports ?? [],
    reporters,
    patient: {
      initials: patientDto.initials ?? null,
      identifier: patientDto.identifier ?? null,
      ageValue: patientDto.ageValue ?? null,
      ageUnit: patientDto.ageUnit ?? null,
      ageGroup: patientDto.ageGroup ?? null,
      sex: patientDto.sex ?? null,
      weightKg: patientDto.weightKg ?? null,
      medicalHistory: patientDto.medicalHistory ?? null,
      diedOn: patientDto.diedOn ?? null,
    },
    reactions,
    drugs,
    causality,
    narrative: dto.narrative ?? '',
    lackOfEfficacy: dto.lackOfEfficacy ?? false,
    specialSituations: [...new Set(dto.specialSituations ?? [])],
    expectednessOverrides: [],
    nullificationReason: null,
    synthetic,
  };
}

/** Stored content back as the intake DTO (nulls dropped): generated or imported cases pass the API's checks. */
export function contentToDto(content: CaseContent): CaseContentDto {
  return JSON.parse(JSON.stringify(content, (_key, value: unknown) => (value === null ? undefined : value))) as CaseContentDto;
}
