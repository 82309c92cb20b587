import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ProductScope } from '../common/actor';
import { compareDates, type IsoDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { ConflictError, FieldProblem, InvalidInputError, NotFoundError } from '../common/errors';
import { ProductsService } from '../products/products.service';
import { RecordExposureDto } from './dto/frequency.dto';
import { ProductExposure } from './frequency.entities';
import type { Denominators, ExposureFigure } from './frequency-table';
import { FrequencyTrigger } from './frequency-trigger';

export interface ExposureView extends ExposureFigure {
  productId: string;
  estimate: boolean;
  dosesDistributed: number | null;
  dosesPerPatient: number | null;
  note: string | null;
  replaces: string | null;
  reason: string | null;
  /** Replaced by a later correction: kept, but no longer counted. */
  replacedBy: string | null;
  createdBy: string;
  createdAt: Date;
}

function numberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}

export function toFigure(row: ProductExposure): ExposureFigure {
  return {
    id: row.id,
    kind: row.kind,
    countedOn: row.countedOn,
    patients: row.patients,
    source: row.source,
    followUpMedianMonths: numberOrNull(row.followUpMedianMonths),
    followUpMaxMonths: numberOrNull(row.followUpMaxMonths),
    patientYears: numberOrNull(row.patientYears),
  };
}

/** What the input says about patients, or the problems with it (a dose estimate derives them). */
function patientsOf(input: RecordExposureDto, problems: FieldProblem[]): number {
  if (input.kind === 'dose-estimate') {
    if (input.dosesDistributed === undefined) {
      problems.push({ field: 'dosesDistributed', problem: 'a dose estimate needs the doses distributed' });
    }
    if (input.dosesPerPatient === undefined) {
      problems.push({ field: 'dosesPerPatient', problem: 'a dose estimate needs the doses per patient course (1 for a one-off therapy)' });
    }
    if (input.dosesDistributed === undefined || input.dosesPerPatient === undefined) {
      return 0;
    }
    const derived = Math.floor(input.dosesDistributed / input.dosesPerPatient);
    if (input.patients !== undefined && input.patients !== derived) {
      problems.push({ field: 'patients', problem: `${input.dosesDistributed} doses at ${input.dosesPerPatient} per patient make ${derived} patients, not ${input.patients} (leave it out: it is derived)` });
    }
    return derived;
  }
  for (const field of ['dosesDistributed', 'dosesPerPatient'] as const) {
    if (input[field] !== undefined) {
      problems.push({ field, problem: `only a dose estimate has ${field}; a ${input.kind} figure gives patients` });
    }
  }
  if (input.patients === undefined) {
    problems.push({ field: 'patients', problem: `a ${input.kind} figure needs the number of patients` });
  }
  return input.patients ?? 0;
}

/** Exposure figures per product: append-only, a wrong one replaced by a correction that names it and says why. */
@Injectable()
export class ExposureService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly trigger: FrequencyTrigger,
  ) {}

  async record(manager: EntityManager, actor: Actor, productIdOrName: string, input: RecordExposureDto): Promise<ExposureView> {
    const product = await this.products.get(manager, productIdOrName, actor.scope);
    const problems: FieldProblem[] = [];
    const patients = patientsOf(input, problems);
    if (compareDates(input.countedOn, this.clock.today()) > 0) {
      problems.push({ field: 'countedOn', problem: `${input.countedOn} is in the future: a count stands at a day that has passed` });
    }
    if (input.followUpMedianMonths !== undefined && input.followUpMaxMonths !== undefined && input.followUpMedianMonths > input.followUpMaxMonths) {
      problems.push({ field: 'followUpMedianMonths', problem: `the median (${input.followUpMedianMonths}) cannot exceed the longest follow-up (${input.followUpMaxMonths})` });
    }
    if ((input.replaces === undefined) !== (input.reason === undefined)) {
      problems.push(input.replaces === undefined ? { field: 'reason', problem: 'a reason goes with a correction (replaces)' } : { field: 'reason', problem: 'a correction needs a reason' });
    }
    if (problems.length > 0) {
      throw new InvalidInputError(`The exposure figure has ${problems.length} problem(s): ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, problems);
    }
    // One writer per product, so that "already recorded" and "already corrected" hold.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`exposure:${product.id}`]);
    if (input.replaces !== undefined) {
      await this.checkReplaceable(manager, product.id, input.replaces, input.kind);
    } else {
      const [clash] = await manager.query<{ id: string }[]>(
        `SELECT e.id FROM product_exposure e WHERE e.product_id = $1 AND e.kind = $2 AND e.counted_on = $3 AND NOT EXISTS (SELECT 1 FROM product_exposure r WHERE r.replaces_id = e.id)`,
        [product.id, input.kind, input.countedOn],
      );
      if (clash !== undefined) {
        throw new ConflictError('EXPOSURE_ALREADY_RECORDED', `A ${input.kind} figure counted on ${input.countedOn} is already recorded for ${product.name} (${clash.id}): correct it (replaces, with a reason) rather than adding a second one`, { field: 'countedOn', id: clash.id });
      }
    }
    const row = manager.create(ProductExposure, {
      productId: product.id,
      kind: input.kind,
      countedOn: input.countedOn,
      patients,
      dosesDistributed: input.dosesDistributed ?? null,
      dosesPerPatient: input.dosesPerPatient === undefined ? null : String(input.dosesPerPatient),
      followUpMedianMonths: input.followUpMedianMonths === undefined ? null : String(input.followUpMedianMonths),
      followUpMaxMonths: input.followUpMaxMonths === undefined ? null : String(input.followUpMaxMonths),
      patientYears: input.patientYears === undefined ? null : String(input.patientYears),
      source: input.source.trim(),
      note: input.note ?? null,
      replacesId: input.replaces ?? null,
      reason: input.reason ?? null,
      createdBy: actor.id,
      recordedOn: this.clock.today(),
    });
    await manager.insert(ProductExposure, row);
    const saved = await manager.findOneByOrFail(ProductExposure, { id: row.id });
    const view = this.view(saved, null);
    await this.audit.record(manager, actor, {
      entityType: 'product-exposure',
      entityId: saved.id,
      productId: product.id,
      action: input.replaces === undefined ? 'create' : 'correct',
      after: { kind: view.kind, countedOn: view.countedOn, patients: view.patients, source: view.source, replaces: view.replaces },
      reason: input.reason ?? null,
    });
    this.trigger.changed(manager, product.id);
    return view;
  }

  async list(manager: EntityManager, productIdOrName: string, scope: ProductScope): Promise<ExposureView[]> {
    const product = await this.products.get(manager, productIdOrName, scope);
    const rows = await manager.find(ProductExposure, { where: { productId: product.id }, order: { countedOn: 'ASC', createdAt: 'ASC' } });
    const replacedBy = new Map(rows.filter((r) => r.replacesId !== null).map((r) => [r.replacesId, r.id]));
    return rows.map((r) => this.view(r, replacedBy.get(r.id) ?? null));
  }

  /**
   * The denominators on a data lock point, from the latest current figure of each kind counted on or before
   * it: solicited = registry + study enrolment; spontaneous = patients treated or the dose estimate,
   * whichever was counted later (a count wins a tie).
   */
  async denominatorsAt(manager: EntityManager, productId: string, dataLockPoint: IsoDate): Promise<Denominators> {
    const rows = await manager
      .getRepository(ProductExposure)
      .createQueryBuilder('e')
      .distinctOn(['e.kind'])
      // As at the DLP: a correction recorded after it is left out, and the figure it replaces stays in force.
      .where('e.product_id = :productId AND e.counted_on <= :dataLockPoint AND (e.replaces_id IS NULL OR e.recorded_on <= :dataLockPoint)', { productId, dataLockPoint })
      .andWhere('NOT EXISTS (SELECT 1 FROM product_exposure r WHERE r.replaces_id = e.id AND r.recorded_on <= :dataLockPoint)', { dataLockPoint })
      .orderBy('e.kind')
      .addOrderBy('e.counted_on', 'DESC')
      .addOrderBy('e.created_at', 'DESC')
      .getMany();
    const figures = rows.map(toFigure);
    const solicited = figures.filter((f) => f.kind === 'registry' || f.kind === 'study').sort((a, b) => b.patients - a.patients);
    const spontaneous = figures
      .filter((f) => f.kind === 'treated' || f.kind === 'dose-estimate')
      .sort((a, b) => compareDates(b.countedOn, a.countedOn) || (a.kind === 'treated' ? -1 : 1))[0];
    return {
      solicited: solicited.length === 0 ? null : { patients: solicited.reduce((sum, f) => sum + f.patients, 0), figures: solicited },
      spontaneous: spontaneous === undefined ? null : { patients: spontaneous.patients, figure: spontaneous },
    };
  }

  private async checkReplaceable(manager: EntityManager, productId: string, id: string, kind: string): Promise<void> {
    const earlier = await manager.findOneBy(ProductExposure, { id });
    if (earlier === null || earlier.productId !== productId) {
      throw new NotFoundError('exposure figure', id);
    }
    if (earlier.kind !== kind) {
      throw InvalidInputError.field('kind', `the figure replaced is a ${earlier.kind} figure; a correction keeps its kind`);
    }
    const later = await manager.findOneBy(ProductExposure, { replacesId: id });
    if (later !== null) {
      throw new ConflictError('EXPOSURE_ALREADY_CORRECTED', `Exposure figure ${id} was already corrected by ${later.id}: correct that one`, { field: 'replaces', id: later.id });
    }
  }

  private view(row: ProductExposure, replacedBy: string | null): ExposureView {
    return {
      ...toFigure(row),
      productId: row.productId,
      estimate: row.kind === 'dose-estimate',
      dosesDistributed: row.dosesDistributed,
      dosesPerPatient: numberOrNull(row.dosesPerPatient),
      note: row.note,
      replaces: row.replacesId,
      reason: row.reason,
      replacedBy,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    };
  }
}
