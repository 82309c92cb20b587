import { Anchor, Button, Group, Pagination, Select, Table, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notifyError } from '../api/errors';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { downloadFile } from '../common/csv';
import { useToday } from '../session/use-session';
import { DeadlineFilters } from './DeadlineFilters';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, queryFromUrl, urlFromQuery, withFilter } from './deadline-filters';
import { countText, deadlinesQuery, type Deadline, type DeadlineQuery } from './deadlines-api';
import { CSV_MAX_ROWS, deadlinesCsv } from './deadlines-csv';
import { KIND_LABELS, STATUS_LABELS } from './labels';

type Sort = NonNullable<DeadlineQuery['sort']>;

function SortHeader({ label, sort, query, onSort }: { label: string; sort: Sort; query: DeadlineQuery; onSort: (sort: Sort, order: 'asc' | 'desc') => void }): ReactNode {
  const active = (query.sort ?? 'dueDate') === sort;
  const order = query.order ?? 'asc';
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton fw={700} onClick={() => onSort(sort, active && order === 'asc' ? 'desc' : 'asc')}>
        {label} {active ? (order === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

function DeadlineRow({ deadline }: { deadline: Deadline }): ReactNode {
  return (
    <Table.Tr>
      <Table.Td>{deadline.productName}</Table.Td>
      <Table.Td>{KIND_LABELS[deadline.kind]}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/milestones/${deadline.id}`}>
          {deadline.title}
        </Anchor>
        {deadline.obligationReference !== null && (
          <Text size="sm" c="dimmed">
            {deadline.obligationReference}
            {deadline.category !== null ? ` · ${deadline.category}` : ''}
            {deadline.studyType !== null ? ` · ${deadline.studyType}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <code>{deadline.why.ruleId}</code>
      </Table.Td>
      <Table.Td>{deadline.owner ?? '—'}</Table.Td>
      <Table.Td>
        <DateText date={deadline.dueDate} due={deadline.status === 'planned' || deadline.status === 'in-progress'} />
      </Table.Td>
      <Table.Td>{STATUS_LABELS[deadline.status]}</Table.Td>
    </Table.Tr>
  );
}

/** Find what is due: every filter of GET /api/deadlines, sorted and paged, all in the URL; export the view as CSV. */
export default function DeadlinesPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const today = useToday();
  const deadlines = useQuery(deadlinesQuery(query));
  const [exporting, setExporting] = useState(false);

  const go = (next: DeadlineQuery): void => setParams(urlFromQuery(next));
  // Changes apply to the URL as it is when they land (a debounced text field may land after another change).
  const change = (update: Partial<DeadlineQuery>): void => setParams((current) => urlFromQuery(withFilter(queryFromUrl(current), update)));
  const onSort = (sort: Sort, order: 'asc' | 'desc'): void => change({ sort: sort === 'dueDate' ? undefined : sort, order: order === 'asc' ? undefined : order });

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    try {
      const { csv, rows, complete } = await deadlinesCsv(query, today);
      downloadFile(`deadlines-${today}.csv`, csv);
      if (!complete) {
        notifyError(new Error(`The export holds the first ${rows} deadlines of more; narrow the filters for the rest.`), 'Export shortened');
      }
    } catch (error) {
      notifyError(error, 'Export failed');
    } finally {
      setExporting(false);
    }
  };

  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return (
    <>
      <PageTitle title="Deadlines">Deadlines</PageTitle>
      <DeadlineFilters query={query} onChange={change} />
      <Group justify="space-between" mt="lg" mb="xs">
        <Text role="status" aria-live="polite">
          {deadlines.data === undefined ? ' ' : countText(deadlines.data)}
        </Text>
        <Button variant="outline" onClick={() => void exportCsv()} loading={exporting} disabled={deadlines.data?.total === 0} title={`CSV of this view (at most ${CSV_MAX_ROWS} rows)`}>
          Export CSV
        </Button>
      </Group>
      <QueryState query={deadlines} label="deadlines" isEmpty={(page) => page.items.length === 0} empty="No deadline matches these filters.">
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs" aria-label="Deadlines" aria-busy={deadlines.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <SortHeader label="Product" sort="product" query={query} onSort={onSort} />
                    <SortHeader label="Kind" sort="kind" query={query} onSort={onSort} />
                    <Table.Th>What</Table.Th>
                    <Table.Th>Rule</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <SortHeader label="Due" sort="dueDate" query={query} onSort={onSort} />
                    <SortHeader label="Status" sort="status" query={query} onSort={onSort} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((deadline) => (
                    <DeadlineRow key={deadline.id} deadline={deadline} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="md">
              <Pagination
                total={Math.max(1, Math.ceil(page.total / pageSize))}
                value={page.page ?? 1}
                onChange={(value) => go({ ...query, page: value })}
                getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
                getControlProps={(control) => ({ 'aria-label': `${control === 'previous' ? 'Previous' : control === 'next' ? 'Next' : control === 'first' ? 'First' : 'Last'} page` })}
                aria-label="Pages"
              />
              <Select
                label="Rows per page"
                w={140}
                data={PAGE_SIZES.map(String)}
                value={String(pageSize)}
                allowDeselect={false}
                onChange={(value) => change({ pageSize: value === null ? undefined : Number(value) })}
              />
            </Group>
          </>
        )}
      </QueryState>
    </>
  );
}
