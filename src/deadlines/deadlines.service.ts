import { ProductScope } from '../common/actor';
import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { addDays, IsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import { cappedTotal, decodeCursor, encodeCursor, KeyColumn, keysetCondition, TOTAL_CAP } from '../common/keyset';
import { Milestone } from '../milestones/milestone.entity';
import { OPEN_STATUSES } from '../milestones/milestone-workflow';
import { Obligation } from '../obligations/obligation.entity';
import { Product } from '../products/product.entity';
import { productIdsNamed } from '../products/product-filter';
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
  /** Matching deadlines, counted up to TOTAL_CAP: when `totalIsExact` is false there are more than `total`. */
  total: number;
  totalIsExact: boolean;
  /** The page number asked for; null when the page was asked for by cursor (`after`). */
  page: number | null;
  pageSize: number;
  /** Pass as `after` for the page that follows this one; null on the last page. */
  nextCursor: string | null;
  items: DeadlineRow[];
}

const SORT_KEYS: Record<DeadlineSort, Omit<KeyColumn, 'direction'>> = {
  dueDate: { expression: 'm.due_date', type: 'date' },
  product: { expression: 'p.name', type: 'text' },
  kind: { expression: 'm.kind', type: 'text' },
  status: { expression: 'm.status', type: 'text' },
};
const DUE_DATE: KeyColumn = { expression: 'm.due_date', direction: 'ASC', type: 'date' };
const ID: KeyColumn = { expression: 'm.id', direction: 'ASC', type: 'uuid' };

/** The order of the list: the chosen column, then the due date (earliest first), then the id so every row has its place. */
function keyColumns(sort: DeadlineSort, direction: 'ASC' | 'DESC'): KeyColumn[] {
  const first: KeyColumn = { ...SORT_KEYS[sort], direction };
  return sort === 'dueDate' ? [first, ID] : [first, DUE_DATE, ID];
}

function keyOf(row: DeadlineRow, sort: DeadlineSort): string[] {
  const m = row.milestone;
  const first = { dueDate: m.dueDate, product: row.productName, kind: m.kind, status: m.status }[sort];
  return sort === 'dueDate' ? [first, m.id] : [first, m.dueDate, m.id];
}

/**
 * What is due, and what is overdue: computed from the dates at query time, never a stored flag. Pages by number
 * (OFFSET) or by cursor (`after`, keyset: the same cost however deep); totals are counted up to TOTAL_CAP.
 */
@Injectable()
export class DeadlinesService {
  async find(manager: EntityManager, query: DeadlineQueryDto, today: IsoDate, scope: ProductScope): Promise<DeadlinePage> {
    if (query.after !== undefined && query.page !== undefined) {
      throw InvalidInputError.field('page', 'cannot be combined with after (the cursor already says where the page starts)');
    }
    const page = query.after === undefined ? (query.page ?? 1) : null;
    const pageSize = query.pageSize ?? 50;
    const sort = query.sort ?? 'dueDate';
    const order = query.order ?? 'asc';
    const columns = keyColumns(sort, order === 'desc' ? 'DESC' : 'ASC');
    const ordering = `${sort}:${order}`;
    const productIds = query.product === undefined ? null : await productIdsNamed(manager, query.product);
    if (productIds !== null && productIds.length === 0) {
      return { today, total: 0, totalIsExact: true, page, pageSize, nextCursor: null, items: [] };
    }

    const qb = manager
      .createQueryBuilder(Milestone, 'm')
      .innerJoin(Product, 'p', 'p.id = m.product_id')
      .leftJoin(Obligation, 'o', 'o.id = m.obligation_id')
      .select('m')
      .addSelect(['p.name AS product_name', 'o.reference AS obligation_reference', 'o.category AS category', 'o.study_type AS study_type']);
    this.filter(qb, query, today, scope, productIds);
    if (query.after !== undefined) {
      const { sql, params } = keysetCondition(columns, decodeCursor(query.after, ordering, columns));
      qb.andWhere(sql, params);
    }
    columns.forEach((column, index) => (index === 0 ? qb.orderBy(column.expression, column.direction) : qb.addOrderBy(column.expression, column.direction)));
    const offset = page === null ? 0 : (page - 1) * pageSize;
    // One row more than the page tells whether another page follows.
    const { entities, raw } = await qb.offset(offset).limit(pageSize + 1).getRawAndEntities<Record<string, string | null>>();
    const items = entities.slice(0, pageSize).map((milestone, index) => ({
      milestone,
      productName: raw[index]?.product_name ?? '',
      obligationReference: raw[index]?.obligation_reference ?? null,
      category: raw[index]?.category ?? null,
      studyType: raw[index]?.study_type ?? null,
    }));
    const last = items.at(-1);
    const nextCursor = entities.length > pageSize && last !== undefined ? encodeCursor(ordering, keyOf(last, sort)) : null;
    // A page by number that is not full, and not past the end, already gives the exact total.
    const counted = page !== null && nextCursor === null && (offset === 0 || items.length > 0) ? offset + items.length : await this.count(manager, query, today, scope, productIds);
    return { today, ...cappedTotal(counted), page, pageSize, nextCursor, items };
  }

  /** Matching deadlines, up to TOTAL_CAP + 1 (milestone rows only; a table is joined only when a filter needs it). */
  private async count(manager: EntityManager, query: DeadlineQueryDto, today: IsoDate, scope: ProductScope, productIds: string[] | null): Promise<number> {
    const qb = manager.createQueryBuilder(Milestone, 'm').select('1', 'one');
    if (query.category !== undefined || query.studyType !== undefined) {
      qb.innerJoin(Obligation, 'o', 'o.id = m.obligation_id');
    }
    this.filter(qb, query, today, scope, productIds);
    const [sql, params] = qb.limit(TOTAL_CAP + 1).getQueryAndParameters();
    const [row] = await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) matching`, params);
    return Number(row?.n ?? 0);
  }

  private filter(qb: SelectQueryBuilder<Milestone>, query: DeadlineQueryDto, today: IsoDate, scope: ProductScope, productIds: string[] | null): void {
    qb.where(query.status === undefined ? 'm.status IN (:...statuses)' : 'm.status = :status', { statuses: OPEN_STATUSES, status: query.status });
    if (query.overdue === true) {
      qb.andWhere('m.due_date < :today', { today });
    } else if (query.withinDays !== undefined) {
      // "Due by today + N days" with the overdue ones, or from today only: one range each, which an index serves.
      const until = addDays(today, query.withinDays);
      qb.andWhere(query.includeOverdue === false ? 'm.due_date BETWEEN :today AND :until' : 'm.due_date <= :until', { today, until });
    }
    if (scope !== null) {
      qb.andWhere('m.product_id = ANY(CAST(:scope AS uuid[]))', { scope });
    }
    if (productIds !== null) {
      // One product (the usual case) as an equality, which the per-product index serves in due-date order.
      qb.andWhere(productIds.length === 1 ? 'm.product_id = :productId' : 'm.product_id = ANY(CAST(:productIds AS uuid[]))', { productId: productIds[0], productIds });
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
  }
}
