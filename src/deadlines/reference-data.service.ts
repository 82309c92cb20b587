import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AuditService } from '../audit/audit.service';
import { IsoDate } from '../common/calendar-date';
import { ClosureDayEntity } from './closure-day.entity';
import { ClosureDay } from './engine/derived-date';
import { EurdEntry } from './eurd-entry.entity';

/** Closure days and EURD entries: data an administrator edits, read by the deadline engine. */
@Injectable()
export class ReferenceDataService {
  constructor(private readonly audit: AuditService) {}

  async closures(manager: EntityManager): Promise<ClosureDay[]> {
    const rows = await manager.find(ClosureDayEntity, { order: { date: 'ASC' } });
    return rows.map((r) => ({ date: r.date, name: r.name }));
  }

  async setClosure(manager: EntityManager, actor: Actor, day: ClosureDay): Promise<ClosureDayEntity> {
    const before = await manager.findOneBy(ClosureDayEntity, { date: day.date });
    await manager.upsert(ClosureDayEntity, day, ['date']);
    await this.audit.record(manager, actor, { entityType: 'closure-day', entityId: day.date, action: before === null ? 'create' : 'update', before, after: day });
    return manager.findOneByOrFail(ClosureDayEntity, { date: day.date });
  }

  async removeClosure(manager: EntityManager, actor: Actor, date: IsoDate): Promise<boolean> {
    const before = await manager.findOneBy(ClosureDayEntity, { date });
    if (before === null) {
      return false;
    }
    await manager.delete(ClosureDayEntity, { date });
    await this.audit.record(manager, actor, { entityType: 'closure-day', entityId: date, action: 'delete', before });
    return true;
  }

  /** The EURD entry in force for a substance on a date (changes take effect 6 months after publication). */
  async eurdFor(manager: EntityManager, substance: string, onDate: IsoDate): Promise<EurdEntry | null> {
    return manager
      .getRepository(EurdEntry)
      .createQueryBuilder('e')
      .where('lower(e.substance) = lower(:substance)', { substance })
      .andWhere('e.effective_from <= :onDate', { onDate })
      .orderBy('e.effective_from', 'DESC')
      .getOne();
  }

  async listEurd(manager: EntityManager): Promise<EurdEntry[]> {
    return manager.find(EurdEntry, { order: { substance: 'ASC', effectiveFrom: 'ASC' } });
  }

  async addEurd(manager: EntityManager, actor: Actor, entry: Pick<EurdEntry, 'substance' | 'frequencyMonths' | 'firstDlp' | 'effectiveFrom' | 'source'>): Promise<EurdEntry> {
    const saved = await manager.save(manager.create(EurdEntry, entry));
    await this.audit.record(manager, actor, { entityType: 'eurd-entry', entityId: saved.id, action: 'create', after: saved });
    return saved;
  }
}
