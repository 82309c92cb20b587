import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { formatInstant } from '../common/instant';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { EsiForm, RegulatorOutcomeForm, StepForm } from './SignalForms';
import { SignalSignatures } from './SignalSignatures';
import { SAFETY_EDITORS, signalQuery, type Signal } from './signals-api';
import { Section } from '../common/Section';

function Steps({ signal }: { signal: Signal }): ReactNode {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} fz="sm" aria-label="Steps of the signal">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Step</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {signal.steps.map((s) => (
            <Table.Tr key={`${s.step}-${s.at}`}>
              <Table.Th scope="row" fw={500}>
                {s.step}
              </Table.Th>
              <Table.Td>{s.by}</Table.Td>
              <Table.Td className="nowrap">{formatInstant(s.at)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.notes}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SignalView({ signal }: { signal: Signal }): ReactNode {
  const canAct = SAFETY_EDITORS.includes(useRole());
  const esi = signal.emergingSafetyIssue;
  return (
    <Stack gap="xl">
      <FactList
        facts={[
          ['Product', signal.productName],
          ['Event', signal.event],
          ['State', signal.status],
          ['Priority', signal.priority ?? 'not set (set at analysis)'],
          ['Recommended action', signal.recommendedAction ?? 'none yet (given when closed)'],
          ['Emerging safety issue', esi === null ? 'no' : `established ${esi.establishedOn} (${esi.ruleId})`],
          ['ESI notification due', esi === null ? '—' : <DateText key="due" date={esi.dueOn} due={esi.notifiedOn === null} />],
          ['ESI notified', esi === null || esi.notifiedOn === null ? '—' : `${esi.notifiedOn} (${esi.onTime === true ? 'on time' : 'late'})`],
          ['Regulator outcome', signal.regulatorOutcome === null ? 'none yet' : `${signal.regulatorOutcome.outcome} (received ${signal.regulatorOutcome.receivedOn})`],
        ]}
      />
      <Section id="assessment" title="Assessment">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {signal.assessment ?? 'Not assessed yet (given at the assessed step).'}
        </Text>
      </Section>
      <Section id="steps" title="Steps (who, when, why)">
        <Steps signal={signal} />
      </Section>
      <Section id="alerts" title="Alerts in this signal">
        <Stack gap={4} component="ul">
          {signal.alerts.map((a) => (
            <li key={a.id}>
              <Text size="sm">
                {a.source}: {a.event} — {a.rule}
                {a.reason === null ? '' : ` (validated: ${a.reason})`}
              </Text>
            </li>
          ))}
        </Stack>
      </Section>
      <SignalSignatures signal={signal} />
      {canAct && (
        <Stack gap="md">
          <StepForm signal={signal} />
          <EsiForm signal={signal} />
          <RegulatorOutcomeForm signal={signal} />
        </Stack>
      )}
    </Stack>
  );
}

/** A signal through its GVP IX steps, with its assessment, signature, emerging-safety-issue clock and the regulator's outcome. */
export default function SignalPage(): ReactNode {
  const { id = '' } = useParams();
  const signal = useQuery(signalQuery(id));
  return (
    <>
      <PageTitle title={signal.data === undefined ? 'Signal' : `Signal · ${signal.data.title}`}>{signal.data === undefined ? 'Signal' : `Signal: ${signal.data.title}`}</PageTitle>
      <Text size="sm" mb="md">
        <Anchor component={Link} to="/signals">
          All alerts and signals
        </Anchor>
      </Text>
      <QueryState query={signal} label="signal">
        {(data) => <SignalView signal={data} />}
      </QueryState>
    </>
  );
}
