import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatInstant } from '../common/instant';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { DismissAlertDialog, ValidateAlertDialog } from './AlertDialogs';
import { newAlertsQuery, SAFETY_EDITORS, SIGNAL_STATUSES, signalsQuery, type Alert, type SignalSummary } from './signals-api';

function Alerts({ alerts, signals }: { alerts: Alert[]; signals: readonly SignalSummary[] }): ReactNode {
  const canAct = SAFETY_EDITORS.includes(useRole());
  const [validating, setValidating] = useState<Alert | null>(null);
  const [dismissing, setDismissing] = useState<Alert | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={4} fz="sm" aria-label="Alerts waiting for validation">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Product</Table.Th>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">Source</Table.Th>
              <Table.Th scope="col">Rule met</Table.Th>
              <Table.Th scope="col">Raised</Table.Th>
              {canAct && <Table.Th scope="col">Decide</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.product}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  {a.event}
                </Table.Th>
                <Table.Td>{a.source}</Table.Td>
                <Table.Td>{a.rule}</Table.Td>
                <Table.Td className="nowrap">{formatInstant(a.createdAt)}</Table.Td>
                {canAct && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" onClick={() => setValidating(a)} aria-label={`Validate ${a.product}: ${a.event}`}>
                        Validate
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setDismissing(a)} aria-label={`Dismiss ${a.product}: ${a.event}`}>
                        Dismiss
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ValidateAlertDialog alert={validating} signals={signals} onClose={() => setValidating(null)} />
      <DismissAlertDialog alert={dismissing} onClose={() => setDismissing(null)} />
    </>
  );
}

/** The signals by state, one column each (GVP IX: validated → analysed → assessed → closed). */
function Board({ signals }: { signals: readonly SignalSummary[] }): ReactNode {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      {SIGNAL_STATUSES.map((status) => {
        const inColumn = signals.filter((s) => s.status === status);
        return (
          <Paper key={status} withBorder p="sm" component="section" aria-labelledby={`column-${status}`}>
            <Title order={3} size="h5" id={`column-${status}`} mb="xs" tt="capitalize">
              {status} ({inColumn.length})
            </Title>
            {inColumn.length === 0 ? (
              <Text size="sm">None.</Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {inColumn.map((s) => (
                  <li key={s.id}>
                    <Anchor component={Link} to={`/signals/${s.id}`} size="sm">
                      {s.title}
                    </Anchor>
                    <Group gap={4}>
                      <Text size="xs">{s.productName}</Text>
                      {s.priority !== null && (
                        <Badge size="xs" variant="outline" color="dark" tt="none">
                          priority {s.priority}
                        </Badge>
                      )}
                      {s.emergingSafetyIssue !== null && (
                        <Badge size="xs" variant="outline" color="dark" tt="none">
                          emerging safety issue
                        </Badge>
                      )}
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

/** Alerts waiting for a person's decision, and the signals they became, by state. */
export default function SignalsPage(): ReactNode {
  const alerts = useQuery(newAlertsQuery);
  const signals = useQuery(signalsQuery);
  return (
    <>
      <PageTitle title="Alerts and signals">Alerts and signals</PageTitle>
      <Stack gap="xl">
        <section aria-labelledby="alerts">
          <Title order={2} size="h3" id="alerts" mb="sm">
            Alerts waiting for validation
          </Title>
          <QueryState query={alerts} label="alerts" isEmpty={(list) => list.length === 0} empty="No alerts waiting.">
            {(list) => <Alerts alerts={list} signals={signals.data ?? []} />}
          </QueryState>
        </section>
        <section aria-labelledby="board">
          <Title order={2} size="h3" id="board" mb="sm">
            Signals by state
          </Title>
          <QueryState query={signals} label="signals">
            {(list) => <Board signals={list} />}
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
