import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryState } from '../common/QueryState';
import { formatDate } from '../dates/calendar-date';
import { CHANGE_SOURCE_LABELS } from '../products/labels';
import { historyQuery } from './milestones-api';

/** Every due date a milestone has had, oldest first: from, to, why, through which procedure, who, when. */
export function DueDateHistory({ milestoneId, title }: { milestoneId: string; title: string }): ReactNode {
  const history = useQuery(historyQuery(milestoneId));
  return (
    <QueryState query={history} label="due-date history" isEmpty={(rows) => rows.length === 0} empty="No due-date history.">
      {(rows) => (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} fz="sm" aria-label={`Due-date history of ${title}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Procedure</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>When (UTC)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.changedAt}-${row.to}`}>
                  <Table.Td className="nowrap">{row.from === null ? '—' : formatDate(row.from)}</Table.Td>
                  <Table.Td className="nowrap">{formatDate(row.to)}</Table.Td>
                  <Table.Td>{CHANGE_SOURCE_LABELS[row.source]}</Table.Td>
                  <Table.Td>{row.procedureRef ?? '—'}</Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                  <Table.Td>{row.changedBy}</Table.Td>
                  <Table.Td className="nowrap">{row.changedAt.replace('T', ' ').slice(0, 16)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}
