import { Alert, Anchor, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { WARNING } from '../common/colours';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { productsQuery } from '../products/products-api';
import { useRole } from '../session/use-session';
import { CaseActions } from './CaseActions';
import { CaseAssessmentPanel } from './CaseAssessmentPanel';
import { CaseVersionsPanel } from './CaseVersionsPanel';
import { SAFETY_EDITORS } from './case-roles';
import { caseQuery, type CaseClock, type CaseDetail } from './cases-api';
import { REPORT_TYPE_LABELS, STATUS_LABELS } from './labels';
import { Section } from '../common/Section';

function daysLeftText(clock: CaseClock): string {
  if (clock.daysLeft === null) {
    return '—';
  }
  return clock.daysLeft < 0 ? `${-clock.daysLeft} days overdue` : `${clock.daysLeft} days left`;
}

function ClocksTable({ clocks }: { clocks: CaseClock[] }): ReactNode {
  if (clocks.length === 0) {
    return <Text>No reporting clock.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped verticalSpacing="xs" aria-label="Reporting clocks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Day 0</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Days left</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clocks.map((clock) => (
            <Table.Tr key={clock.id}>
              <Table.Td>{clock.version}</Table.Td>
              <Table.Td>
                <DateText date={clock.day0} />
              </Table.Td>
              <Table.Td>
                <DateText date={clock.dueOn} due={clock.status === 'open'} />
                <Text size="xs" c="dimmed">
                  day 0 + {clock.days} days
                </Text>
              </Table.Td>
              <Table.Td>{daysLeftText(clock)}</Table.Td>
              <Table.Td>
                <code>{clock.ruleId}</code>
                <Text size="xs" c="dimmed">
                  {clock.ruleSource}
                </Text>
              </Table.Td>
              <Table.Td>
                {clock.status}
                {clock.submittedOn !== null && ` on ${clock.submittedOn} (v${clock.submittedVersion ?? '?'}, ${clock.onTime === true ? 'on time' : 'late'})`}
                {clock.closedReason !== null && (
                  <Text size="xs" c="dimmed">
                    {clock.closedReason}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SubmissionsAndLinks({ detail }: { detail: CaseDetail }): ReactNode {
  return (
    <Stack gap="sm">
      {detail.submissions.length === 0 ? (
        <Text>No acknowledged submission yet.</Text>
      ) : (
        <Table striped verticalSpacing="xs" aria-label="Submissions and acknowledgements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Recipient</Table.Th>
              <Table.Th>Acknowledged</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Recorded by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.submissions.map((s) => (
              <Table.Tr key={`${s.version}-${s.recipient}-${s.acknowledgedOn}`}>
                <Table.Td>{s.version}</Table.Td>
                <Table.Td>{s.recipient}</Table.Td>
                <Table.Td>
                  <DateText date={s.acknowledgedOn} />
                </Table.Td>
                <Table.Td>{s.ackRef ?? '—'}</Table.Td>
                <Table.Td>{s.recordedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {detail.related.length > 0 && (
        <List size="sm" aria-label="Linked cases">
          {detail.related.map((r) => (
            <List.Item key={r.caseId}>
              {r.kind === 'duplicate-of' ? 'Duplicate of ' : r.kind === 'master-of' ? 'Master of ' : 'Related to '}
              <Anchor component={Link} to={`/cases/${r.caseId}`}>
                {r.safetyReportId}
              </Anchor>
              : {r.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function CaseView({ detail }: { detail: CaseDetail }): ReactNode {
  const role = useRole();
  const { content, assessment } = detail.version;
  const products = useQuery(productsQuery);
  const product = products.data?.find((p) => p.id === detail.productId);
  return (
    <>
      <PageTitle title={`Case ${detail.safetyReportId}`}>Case {detail.safetyReportId}</PageTitle>
      <Group gap="xs" mb="md">
        <Badge variant="light" color={detail.status === 'valid' ? 'blue' : 'gray'}>
          {STATUS_LABELS[detail.status]}
        </Badge>
        {detail.serious && <Badge color="red.8">Serious</Badge>}
        {detail.seriousUnexpected && <Badge color="red.8">Serious and unexpected</Badge>}
      </Group>
      {detail.syntheticNotice !== null && (
        <Alert color={WARNING} variant="outline" mb="md" title="Synthetic case">
          {detail.syntheticNotice}
        </Alert>
      )}
      <Stack gap="xl">
        <Section id="report" title={`Version ${detail.currentVersion} (${detail.currentType})`}>
          <FactList
            cols={3}
            facts={[
              [
                'Product',
                product === undefined ? (detail.reportedProduct === null ? '—' : `${detail.reportedProduct} (not registered)`) : (
                  <Anchor key="product" component={Link} to={`/products/${encodeURIComponent(product.name)}`}>
                    {product.name}
                  </Anchor>
                ),
              ],
              ['Report type', REPORT_TYPE_LABELS[detail.reportType]],
              ['Worldwide id', detail.worldwideId],
              ['Initial receipt', <DateText key="receipt" date={detail.initialReceiptOn} />],
              ['Day 0 (latest)', <DateText key="day0" date={detail.latestDay0} />],
              ['Primary source country', detail.primaryCountry ?? '—'],
              ['Reactions', content.reactions.map((r) => r.ptName ?? r.reportedTerm).join('; ')],
              ['Suspect drugs', content.drugs.filter((d) => d.role === 'suspect' || d.role === 'interacting').map((d) => d.name).join('; ') || '—'],
              ['Narrative', content.narrative === '' ? '—' : content.narrative],
            ]}
          />
        </Section>
        <Section id="assessment" title="Assessment">
          <CaseAssessmentPanel assessment={assessment} content={content} />
        </Section>
        {SAFETY_EDITORS.includes(role) && (
          <Section id="actions" title="Act on this case">
            <CaseActions detail={detail} />
          </Section>
        )}
        <Section id="clocks" title="Reporting clocks">
          <ClocksTable clocks={detail.clocks} />
        </Section>
        <Section id="submissions" title="Submissions and links">
          <SubmissionsAndLinks detail={detail} />
        </Section>
        <Section id="versions" title="Versions">
          <CaseVersionsPanel caseId={detail.id} currentVersion={detail.currentVersion} />
        </Section>
      </Stack>
    </>
  );
}

/** One case: its current version and assessment, clocks, submissions, versions with what changed, and the actions on it. */
export default function CasePage(): ReactNode {
  const { id = '' } = useParams();
  const detail = useQuery(caseQuery(id));
  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) {
    return (
      <>
        <PageTitle title="Case not found">Case not found</PageTitle>
        <Alert color="red" title="No such case" role="alert">
          <Text size="sm" mb="xs">
            There is no case with this id among the products you may see.
          </Text>
          <Anchor component={Link} to="/cases" size="sm">
            All cases
          </Anchor>
        </Alert>
      </>
    );
  }
  return (
    <QueryState query={detail} label="case">
      {(data) => <CaseView detail={data} />}
    </QueryState>
  );
}
