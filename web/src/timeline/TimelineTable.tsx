import { Anchor, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { KIND_LABELS } from '../deadlines/labels';
import { URGENCY_LABELS } from './timeline-layout';
import type { TimelineRow } from './timeline-rows';

/** The timeline's deadlines as a table (a chart always has its table): the same rows, by product then due date. */
export function TimelineDeadlinesTable({ rows }: { rows: readonly TimelineRow[] }): ReactNode {
  const markers = rows.flatMap((row) => row.markers);
  if (markers.length === 0) {
    return <Text role="status">No open deadline in the next 12 months.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs" aria-label="Deadlines on the timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Working day</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {markers.map(({ deadline, urgency, nonWorkingDay }) => (
            <Table.Tr key={deadline.id}>
              <Table.Td>{deadline.productName}</Table.Td>
              <Table.Td>{KIND_LABELS[deadline.kind]}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/milestones/${deadline.id}`}>
                  {deadline.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <DateText date={deadline.dueDate} due />
              </Table.Td>
              <Table.Td>{URGENCY_LABELS[urgency]}</Table.Td>
              <Table.Td>
                {nonWorkingDay === null ? (
                  'Yes'
                ) : (
                  <Text span c="#9c3d00" fw={700} className="nowrap">
                    <span aria-hidden>⚠ </span>
                    {nonWorkingDay.text}
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

/** The renewal windows drawn on the timeline, with their dates. */
export function TimelineRenewalsTable({ rows }: { rows: readonly TimelineRow[] }): ReactNode {
  const renewals = rows.flatMap((row) => row.renewals.map((renewal) => ({ product: row.product.name, renewal })));
  if (renewals.length === 0) {
    return <Text role="status">No renewal window in the next 12 months.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label="Renewal windows on the timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Renewal</Table.Th>
            <Table.Th>Window opens</Table.Th>
            <Table.Th>Application due</Table.Th>
            <Table.Th>Expiry</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {renewals.map(({ product, renewal }) => (
            <Table.Tr key={`${product}-${renewal.cycle}`}>
              <Table.Td>{product}</Table.Td>
              <Table.Td>
                {renewal.milestoneId === null ? (
                  `Cycle ${renewal.cycle}`
                ) : (
                  <Anchor component={Link} to={`/milestones/${renewal.milestoneId}`} aria-label={`Cycle ${renewal.cycle} of ${product}`}>
                    Cycle {renewal.cycle}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <DateText date={renewal.opens} />
              </Table.Td>
              <Table.Td>
                <DateText date={renewal.due} />
              </Table.Td>
              <Table.Td>
                <DateText date={renewal.expiry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
