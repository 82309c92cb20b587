import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notifyError } from '../api/errors';
import { DANGER, WARNING } from '../common/colours';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { downloadFile } from '../common/csv';
import { SAFETY_EDITORS } from './case-roles';
import { useRole, useToday } from '../session/use-session';
import { CaseFilters } from './CaseFilters';
import { queryFromUrl, urlFromQuery, withFilter } from './case-filters';
import { caseCountText, casesQuery, type CaseListItem, type CaseQuery } from './cases-api';
import { CSV_MAX_ROWS, casesCsv } from './cases-csv';
import { CRITERION_LABELS, STATUS_LABELS } from './labels';

function ClockCell({ item }: { item: CaseListItem }): ReactNode {
  if (item.nextClock === null) {
    return <Text span c="dimmed">{item.status === 'incomplete' ? 'none (not valid)' : 'none open'}</Text>;
  }
  const { daysLeft, overdue, ruleId } = item.nextClock;
  return (
    <>
      <Text span fw={700} c={overdue ? DANGER : daysLeft <= 3 ? WARNING : undefined}>
        {overdue ? `${-daysLeft} days overdue` : `${daysLeft} days left`}
      </Text>
      <Text size="xs" c="dimmed">
        <code>{ruleId}</code>
      </Text>
    </>
  );
}

function CaseRow({ item }: { item: CaseListItem }): ReactNode {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${item.id}`} className="nowrap">
          {item.safetyReportId}
        </Anchor>
        <Group gap={4} mt={2}>
          {item.status !== 'valid' && (
            <Badge size="xs" variant="light" color={item.status === 'nullified' ? 'gray' : 'orange'}>
              {STATUS_LABELS[item.status]}
            </Badge>
          )}
          {item.synthetic && (
            <Badge size="xs" variant="outline" color="grape" title={item.syntheticNotice ?? undefined}>
              Synthetic
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{item.productName ?? item.reportedProduct ?? '—'}</Table.Td>
      <Table.Td>
        <DateText date={item.initialReceiptOn} />
        {item.latestDay0 !== item.initialReceiptOn && (
          <Text size="sm">
            day 0 <DateText date={item.latestDay0} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>{item.seriousCriteria.length === 0 ? <Text span c="dimmed">non-serious</Text> : item.seriousCriteria.map((c) => CRITERION_LABELS[c]).join(', ')}</Table.Td>
      <Table.Td>{item.preferredTerms.join('; ')}</Table.Td>
      <Table.Td>
        <ClockCell item={item} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The case list: every filter of GET /api/safety-cases in the URL, read page by page by cursor; export the view as CSV. */
export default function CasesPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const today = useToday();
  const role = useRole();
  const cases = useQuery(casesQuery(query));
  const [exporting, setExporting] = useState(false);
  const change = (update: Partial<CaseQuery>): void => setParams((current) => urlFromQuery(withFilter(queryFromUrl(current), update)));

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    try {
      const { csv, rows, complete } = await casesCsv(query);
      downloadFile(`cases-${today}.csv`, csv);
      if (!complete) {
        notifyError(new Error(`The export holds the first ${rows} cases of more; narrow the filters for the rest.`), 'Export shortened');
      }
    } catch (error) {
      notifyError(error, 'Export failed');
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle title="Cases">Cases</PageTitle>
        {SAFETY_EDITORS.includes(role) && (
          <Button component={Link} to="/cases/new">
            Log a case
          </Button>
        )}
      </Group>
      <CaseFilters query={query} onChange={change} />
      <Group justify="space-between" mt="lg" mb="xs">
        <Text role="status" aria-live="polite">
          {cases.data === undefined ? ' ' : `${caseCountText(cases.data)}${query.after === undefined ? '' : ' (showing a later page)'}`}
        </Text>
        <Button variant="outline" onClick={() => void exportCsv()} loading={exporting} disabled={cases.data?.total === 0} title={`CSV of this view (at most ${CSV_MAX_ROWS} rows)`}>
          Export CSV
        </Button>
      </Group>
      <QueryState query={cases} label="cases" isEmpty={(page) => page.cases.length === 0} empty="No case matches these filters.">
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs" aria-label="Cases" aria-busy={cases.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Report id</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Receipt / day 0</Table.Th>
                    <Table.Th>Serious criteria</Table.Th>
                    <Table.Th>Reactions (PT)</Table.Th>
                    <Table.Th>Clock</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.cases.map((item) => (
                    <CaseRow key={item.id} item={item} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group mt="md">
              <Button variant="default" disabled={query.after === undefined} onClick={() => change({ after: undefined })}>
                First page
              </Button>
              <Button variant="default" disabled={page.nextCursor === null} onClick={() => change({ after: page.nextCursor ?? undefined })}>
                Next page
              </Button>
            </Group>
          </>
        )}
      </QueryState>
    </>
  );
}
