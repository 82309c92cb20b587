import { Anchor, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../common/QueryState';
import { formatInstant } from '../common/instant';
import { ACK_OUTCOME_LABELS, acknowledgementsQuery, type AckOutcome } from './e2b-api';

const OUTCOMES = Object.keys(ACK_OUTCOME_LABELS) as AckOutcome[];

function outcomeFrom(value: string | null): AckOutcome | undefined {
  return OUTCOMES.find((o) => o === value);
}

/** The acknowledgements read, newest first, filtered by what they led to (e.g. the unmatched ones); the filter is in the URL. */
export function AcknowledgementsList(): ReactNode {
  const [params, setParams] = useSearchParams();
  const outcome = outcomeFrom(params.get('outcome'));
  const acks = useQuery(acknowledgementsQuery(outcome));
  const choose = (value: string | null): void =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null || value === '') {
        next.delete('outcome');
      } else {
        next.set('outcome', value);
      }
      return next;
    });
  return (
    <>
      <Select
        label="Outcome"
        placeholder="Any outcome"
        clearable
        w={260}
        mb="sm"
        data={OUTCOMES.map((value) => ({ value, label: ACK_OUTCOME_LABELS[value] }))}
        value={outcome ?? null}
        onChange={choose}
      />
      <QueryState query={acks} label="acknowledgements" isEmpty={(list) => list.length === 0} empty={outcome === undefined ? 'No acknowledgement has been read yet.' : 'No acknowledgement with this outcome.'}>
        {(list) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label="Acknowledgements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Read</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Batch acknowledged</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Case</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((ack) => (
                  <Table.Tr key={ack.id}>
                    <Table.Td>{formatInstant(ack.createdAt)}</Table.Td>
                    <Table.Td>{ack.fileName}</Table.Td>
                    <Table.Td>
                      {ack.icsrBatchId ?? '—'} {ack.batchCode ?? ''}
                    </Table.Td>
                    <Table.Td>{ack.messageNumber ?? '—'}</Table.Td>
                    <Table.Td>{ack.code ?? '—'}</Table.Td>
                    <Table.Td>
                      {ack.safetyReportId === null ? (
                        '—'
                      ) : (
                        <Anchor component={Link} to={`/cases/${encodeURIComponent(ack.safetyReportId)}`}>
                          {ack.safetyReportId}
                          {ack.version === null ? '' : ` v${ack.version}`}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={ack.outcome === 'unmatched' || ack.outcome === 'rejected' ? 700 : undefined}>
                        {ACK_OUTCOME_LABELS[ack.outcome]}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {ack.detail}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
