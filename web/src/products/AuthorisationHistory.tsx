import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../common/DateText';
import { QueryState } from '../common/QueryState';
import { formatDate } from '../dates/calendar-date';
import { AUTHORISATION_TYPE_LABELS } from './labels';
import { conversionPathQuery, typeHistoryQuery, type ProductDetail } from './products-api';

function typeLabel(type: string): string {
  return (AUTHORISATION_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/** For a conditional authorisation: how far it is from conversion, in the API's words. */
function ConversionPath({ product }: { product: string }): ReactNode {
  const path = useQuery(conversionPathQuery(product));
  return (
    <QueryState query={path} label="path to conversion">
      {(data) => (
        <Text size="sm">
          <strong>Path to conversion into a standard authorisation:</strong> {data.summary}
        </Text>
      )}
    </QueryState>
  );
}

/** The authorisation's type history: granted as, converted, renewal decisions, ending — each with its decision and procedure. */
export function AuthorisationHistory({ product }: { product: ProductDetail }): ReactNode {
  const history = useQuery(typeHistoryQuery(product.name));
  return (
    <Stack gap="sm">
      {product.authorisation?.type === 'conditional' && <ConversionPath product={product.name} />}
      <QueryState query={history} label="authorisation history">
        {({ granted, current, events }) => (
          <>
            <Text size="sm">
              Granted as {typeLabel(granted.type).toLowerCase()}
              {granted.notifiedOn === null ? '' : ` (notified ${granted.notifiedOn})`}; now {typeLabel(current.type).toLowerCase()}
              {current.convertedOn === null ? '' : `, converted ${current.convertedOn}`}
              {current.ending === null ? '' : `, ${current.ending}${current.endedOn === null ? '' : ` ${current.endedOn}`}`}.
            </Text>
            {events.length === 0 ? (
              <Text size="sm">No conversion, renewal decision or ending is recorded.</Text>
            ) : (
              <Table.ScrollContainer minWidth={880}>
                <Table verticalSpacing={4} fz="sm" aria-label="Authorisation history">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Decided</Table.Th>
                      <Table.Th>Event</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>Expiry</Table.Th>
                      <Table.Th>Decision / procedure</Table.Th>
                      <Table.Th>Reason</Table.Th>
                      <Table.Th>Recorded</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {events.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>
                          <DateText date={e.decidedOn} />
                        </Table.Td>
                        <Table.Td>
                          {e.event}
                          {e.renewalOutcome === null ? '' : ` (${e.renewalOutcome})`}
                        </Table.Td>
                        <Table.Td>
                          {typeLabel(e.fromType)} → {typeLabel(e.toType)}
                        </Table.Td>
                        <Table.Td>{e.expiry === null ? '—' : `${formatDate(e.expiry.date)}${e.expiry.source === null ? '' : ` (${e.expiry.source})`}`}</Table.Td>
                        <Table.Td>{[e.decisionRef, e.procedureRef].filter((part) => part !== null).join(' · ') || '—'}</Table.Td>
                        <Table.Td>{e.reason}</Table.Td>
                        <Table.Td>
                          {e.recordedBy}, {e.recordedOn}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
