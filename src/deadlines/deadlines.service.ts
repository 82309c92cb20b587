import { ProductScope } from '../common/actor';
import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { addDays, IsoDate } from '../common/calendar-date';
import { Milestone } from '../milestones/milestone.entity';
import { OPEN_STATUSES } from '../milestones/milestone-workflow';
import { Obligation } from '../obligations/obligation.entity';
import { Product } from '../products/product.entity';
import { DeadlineQueryDto, DeadlineSort } from './dto/deadline-query.dto';

export interface DeadlineRow {
  milestone: Milestone;
  productName: string;
  obligationReference: string | null;
  category: string | null;
  studyType: string | null;
}

export interface DeadlinePage {
  today: IsoDate;
  total: number;
  page: number;
  pageSize: number;
  items: DeadlineRow[];
}

const SORT_COLUMNS: Record<DeadlineSort, string> = { dueDate: 'm.due_date', product: 'p.name', kind: 'm.kind', status: 'm.status' };

/** What is due, and what is overdue: computed from the dates at query time, never a stored flag. */
@Injectable()
export class DeadlinesService {
  async find(manager: EntityManager, query: DeadlineQueryDto, today: IsoDate, scope: ProductScope): Promise<DeadlinePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const qb = manager
      .createQueryBuilder(Milestone, 'm')
      .innerJoin(Product, 'p', 'p.id = m.product_id')
      .leftJoin(Obligation, 'o', 'o.id = m.obligation_id')
      .select('m')
      .addSelect(['p.name AS product_name', 'o.reference AS obligation_reference', 'o.category AS category', 'o.study_type AS study_type']);
    qb.where(query.status === undefined ? 'm.status IN (:...statuses)' : 'm.status = :status', { statuses: OPEN_STATUSES, status: query.status });
    if (query.overdue === true) {
      qb.andWhere('m.due_date < :today', { today });
    } else if (query.withinDays !== undefined) {
      const until = addDays(today, query.withinDays);
      qb.andWhere(
        new Brackets((w) => {
          w.where('m.due_date BETWEEN :today AND :until', { today, until });
          if (query.includeOverdue !== false) {
            w.orWhere('m.due_date < :today', { today });
          }
        }),
      );
    }
    if (scope !== null) {
      qb.andWhere('m.product_id = ANY(CAST(:scope AS uuid[]))', { scope });
    }
    if (query.product !== undefined) {
      qb.andWhere('(lower(p.name) = lower(:product) OR p.id::text = :product)', { product: query.product });
    }
    if (query.category !== undefined) {
      qb.andWhere('o.category = :category', { category: query.category });
    }
    if (query.studyType !== undefined) {
      qb.andWhere('o.study_type = :studyType', { studyType: query.studyType });
    }
    if (query.kind !== undefined) {
      qb.andWhere('m.kind = :kind', { kind: query.kind });
    }
    if (query.owner !== undefined) {
      qb.andWhere('lower(m.owner) = lower(:owner)', { owner: query.owner });
    }
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const sort = query.sort ?? 'dueDate';
    qb.orderBy(SORT_COLUMNS[sort], direction);
    if (sort !== 'dueDate') {
      qb.addOrderBy('m.due_date', 'ASC');
    }
    qb.addOrderBy('m.id', 'ASC');
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities<Record<string, string | null>>();
    const items = entities.map((milestone, index) => ({
      milestone,
      productName: raw[index]?.product_name ?? '',
      obligationReference: raw[index]?.obligation_reference ?? null,
      category: raw[index]?.category ?? null,
      studyType: raw[index]?.study_type ?? null,
    }));
    return { today, total, page, pageSize, items };
  }
}
