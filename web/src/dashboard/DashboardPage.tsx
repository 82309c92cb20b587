import { Anchor, Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { countText, deadlinesQuery } from '../deadlines/deadlines-api';
import { KIND_LABELS } from '../deadlines/labels';
import { unreadCountQuery } from '../layout/unread-count';
import { CASE_READERS, useRole, useToday } from '../session/use-session';
import { clockCountsQuery, complianceQuery, DUE_SOON_DAYS, renewalWindowsQuery, urgentClocksQuery, type ClockCounts, type RenewalWindow } from './dashboard-api';

/** A number that links to the list it counts. */
function CountLink({ count, label, to, loading }: { count: number | string | undefined; label: string; to: string; loading?: boolean }): ReactNode {
  return (
    <Paper withBorder p="md">
      <Anchor component={Link} to={to} underline="hover">
        <Text span display="block" fz={32} fw={700} lh={1.1} c="inherit">
          {loading === true ? '…' : (count ?? '—')}
        </Text>{' '}
        <Text span display="block" c="inherit">
          {label}
        </Text>
      </Anchor>
    </Paper>
  );
}

/** Filled badges with white text at 4.5:1 or more (Mantine's green 9 is 4.4:1, hence a darker green). */
const VALIDITY_COLOURS: Record<string, string> = { valid: '#1e6b30', 'valid-unlimited': '#1e6b30', 'renewal-pending': 'blue.9', expired: 'red.9', 'lapsed-late-renewal': 'red.9' };

function RenewalRow({ window }: { window: RenewalWindow }): ReactNode {
  return (
    <Table.Tr>
      <Table.Td>{window.productName}</Table.Td>
      <Table.Td>
        <Badge color={VALIDITY_COLOURS[window.validity.status] ?? 'gray.7'} variant="filled" tt="none" title={window.validity.explanation}>
          {window.validity.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        <DateText date={window.windowOpens?.date} />
      </Table.Td>
      <Table.Td>
        <DateText date={window.applicationDue?.date} />
      </Table.Td>
      <Table.Td>
        <DateText date={window.expiry?.date} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/deadlines?product=${encodeURIComponent(window.productName)}&kind=cma-renewal`} size="sm">
          Renewal deadlines<span className="visually-hidden"> of {window.productName}</span>
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

/** The renewal period in force of each CMA, from GET /api/renewal-windows (one call for all products). */
function Renewals(): ReactNode {
  const windows = useQuery(renewalWindowsQuery);
  return (
    <QueryState query={windows} label="renewal windows" isEmpty={(rows) => rows.length === 0} empty="No conditional marketing authorisation among your products.">
      {(rows) => (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Renewal windows" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Validity</Table.Th>
                <Table.Th>Window opens</Table.Th>
                <Table.Th>Application due</Table.Th>
                <Table.Th>Expiry</Table.Th>
                <Table.Th>List</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((window) => (
                <RenewalRow key={window.authorisationId} window={window} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

function DueList(): ReactNode {
  const due = useQuery(deadlinesQuery({ withinDays: DUE_SOON_DAYS, pageSize: 10 }));
  return (
    <QueryState query={due} label="deadlines" isEmpty={(page) => page.items.length === 0} empty={`Nothing overdue or due in the next ${DUE_SOON_DAYS} days.`}>
      {(page) => (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Overdue and due soon" verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{d.productName}</Table.Td>
                    <Table.Td>{KIND_LABELS[d.kind]}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/milestones/${d.id}`}>
                        {d.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <code>{d.why.ruleId}</code>
                    </Table.Td>
                    <Table.Td>{d.owner ?? '—'}</Table.Td>
                    <Table.Td>
                      <DateText date={d.dueDate} due />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {page.nextCursor !== null && (
            <Anchor component={Link} to={`/deadlines?withinDays=${DUE_SOON_DAYS}`} mt="xs" display="inline-block">
              All {countText(page)} overdue or due in the next {DUE_SOON_DAYS} days
            </Anchor>
          )}
        </>
      )}
    </QueryState>
  );
}

/** The most urgent open reporting clocks, as GET /api/case-clocks orders them (by due date). */
function UrgentClocks(): ReactNode {
  const clocks = useQuery(urgentClocksQuery);
  return (
    <QueryState query={clocks} label="reporting clocks" isEmpty={(rows) => rows.length === 0} empty="No reporting clock is open.">
      {(rows) => (
        <Table aria-label="Open reporting clocks due first" verticalSpacing="xs" mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Case</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Day 0</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((clock) => (
              <Table.Tr key={clock.id}>
                <Table.Td>
                  {clock.safetyReportId}
                  {clock.synthetic ? ' (synthetic)' : ''}
                </Table.Td>
                <Table.Td>{clock.version}</Table.Td>
                <Table.Td>
                  <code>{clock.ruleId}</code>
                </Table.Td>
                <Table.Td>
                  <DateText date={clock.day0} />
                </Table.Td>
                <Table.Td>
                  <DateText date={clock.dueOn} due />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

/** The share of clocks met on time over the last twelve months, all products together, as the server counts it. */
function OnTimeShare({ counts }: { counts: ClockCounts | undefined }): ReactNode {
  if (counts === undefined) {
    return null;
  }
  const measured = counts.submittedOnTime + counts.submittedLate + counts.overdueInPeriod;
  return (
    <Text mb="xs">
      {counts.onTimePercent === null ? 'No reporting clock was due.' : `${counts.onTimePercent} % on time: ${counts.submittedOnTime} of ${measured} clocks due from `}
      {counts.onTimePercent !== null && (
        <>
          <DateText date={counts.onTimeFrom} /> to <DateText date={counts.onTimeTo} /> ({counts.submittedLate} late, {counts.overdueInPeriod} overdue).
        </>
      )}
    </Text>
  );
}

function Compliance(): ReactNode {
  const today = useToday();
  const compliance = useQuery(complianceQuery(today));
  return (
    <QueryState query={compliance} label="reporting compliance" isEmpty={(rows) => rows.length === 0} empty="No product to report on.">
      {(rows) => (
        <Table aria-label="Reporting compliance, last 12 months" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Clocks due</Table.Th>
              <Table.Th>On time</Table.Th>
              <Table.Th>Late</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>On time %</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.productId}>
                <Table.Td>{row.productName}</Table.Td>
                <Table.Td>{row.due}</Table.Td>
                <Table.Td>{row.submittedOnTime}</Table.Td>
                <Table.Td>{row.submittedLate}</Table.Td>
                <Table.Td>{row.overdue}</Table.Td>
                <Table.Td>{row.compliancePercent === null ? '—' : `${row.compliancePercent} %`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

/** What needs attention: overdue and due-soon deadlines, renewal windows, unread reminders, reporting clocks. */
export default function DashboardPage(): ReactNode {
  const role = useRole();
  const readsCases = CASE_READERS.includes(role);
  const overdue = useQuery(deadlinesQuery({ overdue: true, pageSize: 1 }));
  const dueSoon = useQuery(deadlinesQuery({ withinDays: DUE_SOON_DAYS, includeOverdue: false, pageSize: 1 }));
  const unread = useQuery(unreadCountQuery);
  const clocks = useQuery({ ...clockCountsQuery, enabled: readsCases });
  const total = (page: { total: number; totalIsExact: boolean } | undefined): string | undefined => (page === undefined ? undefined : `${page.total}${page.totalIsExact ? '' : '+'}`);

  return (
    <>
      <PageTitle title="Dashboard">Dashboard</PageTitle>
      <Stack gap="xl">
        <section aria-labelledby="counts">
          <Title order={2} size="h3" id="counts" mb="sm">
            At a glance
          </Title>
          <SimpleGrid cols={{ base: 2, md: readsCases ? 5 : 3 }}>
            <CountLink count={total(overdue.data)} loading={overdue.isPending} label="overdue deadlines" to="/deadlines?overdue=true" />
            <CountLink count={total(dueSoon.data)} loading={dueSoon.isPending} label={`due in the next ${DUE_SOON_DAYS} days`} to={`/deadlines?withinDays=${DUE_SOON_DAYS}&includeOverdue=false`} />
            <CountLink count={unread.data?.unread} loading={unread.isPending} label="unread reminders" to="/inbox?unread=true" />
            {readsCases && (
              <>
                <CountLink count={clocks.data?.open} loading={clocks.isPending} label="open reporting clocks" to="/case-clocks?status=open" />
                <CountLink count={clocks.data?.overdue} loading={clocks.isPending} label="overdue reporting clocks" to="/case-clocks?status=open&overdue=true" />
              </>
            )}
          </SimpleGrid>
          {(overdue.isError || dueSoon.isError || clocks.isError) && (
            <Text c="red.9" role="alert" mt="xs">
              Some counts could not be loaded.
            </Text>
          )}
        </section>
        <section aria-labelledby="due">
          <Title order={2} size="h3" id="due" mb="sm">
            Overdue and due in the next {DUE_SOON_DAYS} days
          </Title>
          <DueList />
        </section>
        <section aria-labelledby="renewals">
          <Title order={2} size="h3" id="renewals" mb="sm">
            Renewal windows
          </Title>
          <Renewals />
        </section>
        {readsCases && (
          <section aria-labelledby="compliance">
            <Title order={2} size="h3" id="compliance" mb="sm">
              Reporting clocks
            </Title>
            <UrgentClocks />
            <Title order={3} size="h4" mb="xs">
              Reporting on time (last 12 months)
            </Title>
            <OnTimeShare counts={clocks.data} />
            <Compliance />
          </section>
        )}
      </Stack>
    </>
  );
}
