import { Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DANGER, SUCCESS } from '../common/colours';
import { FactList } from '../common/FactList';
import { DateText } from '../common/DateText';
import type { CaseAssessment, CaseContent } from './cases-api';
import { CRITERION_LABELS, yesNo } from './labels';

type Criterion = CaseAssessment['validity']['missing'][number];

/** The four minimum criteria of a valid case (GVP VI.B.2), as the API names them; a reporter's excluded causality is the fifth way to fail. */
export const CRITERION_NAMES: Record<Exclude<Criterion, 'causality-excluded'>, string> = {
  'identifiable-reporter': 'An identifiable reporter',
  'identifiable-patient': 'An identifiable patient',
  'suspected-reaction': 'A suspected adverse reaction',
  'suspected-product': 'A suspected product',
};

/** Validity as met / missing for each of the four criteria, in the API's words. */
export function ValidityList({ validity }: { validity: CaseAssessment['validity'] }): ReactNode {
  return (
    <Stack gap={4}>
      <List spacing={2} size="sm" aria-label="Validity criteria">
        {Object.entries(CRITERION_NAMES).map(([key, label]) => {
          const missing = validity.missing.some((m) => m === key);
          return (
            <List.Item key={key}>
              <Text span fw={700} c={missing ? DANGER : SUCCESS}>
                {missing ? 'Missing' : 'Met'}
              </Text>
              : {label}
            </List.Item>
          );
        })}
        {validity.missing.includes('causality-excluded') && (
          <List.Item>
            <Text span fw={700} c={DANGER}>
              Missing
            </Text>
            : the reporter did not exclude a causal relationship
          </List.Item>
        )}
      </List>
      {validity.notes.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
    </Stack>
  );
}

/** The reporting clock a version gets (due date, days, rule) or why it gets none. */
export function PlannedClockText({ assessment }: { assessment: Pick<CaseAssessment, 'clock' | 'noClock'> }): ReactNode {
  if (assessment.clock !== null) {
    return (
      <Text span>
        Due <DateText date={assessment.clock.dueOn} due /> — day 0 + {assessment.clock.days} days, rule <code>{assessment.clock.ruleId}</code>
      </Text>
    );
  }
  return <Text span>No clock{assessment.noClock === null ? '' : `: ${assessment.noClock.reason}`}</Text>;
}

/** The current version's assessment: validity, seriousness, EEA, causality, each reaction's expectedness and what decided it. */
export function CaseAssessmentPanel({ assessment, content }: { assessment: CaseAssessment; content: CaseContent }): ReactNode {
  const { seriousness, referenceSafety } = assessment;
  const reactionName = (key: string): string => {
    const reaction = content.reactions.find((r) => r.key === key);
    return reaction === undefined ? key : `${reaction.ptName ?? reaction.reportedTerm}${reaction.ptName === null ? ' (uncoded)' : ''}`;
  };
  return (
    <Stack gap="md">
      <FactList
        cols={3}
        facts={[
          ['Validity', assessment.validity.valid ? 'Valid' : 'Not valid'],
          ['Seriousness', seriousness.serious ? `Serious: ${seriousness.criteria.map((c) => CRITERION_LABELS[c]).join(', ')}` : 'Non-serious'],
          ['EEA', `${assessment.eea ? 'EEA' : 'Non-EEA'} (${assessment.eeaBasis})`],
          ['Causality reasonably possible', yesNo(assessment.causalityPossible)],
          ['Serious and unexpected', yesNo(assessment.seriousUnexpected)],
          ['Reference safety information', referenceSafety === null ? 'none in force' : `${referenceSafety.document}, version ${referenceSafety.version} (from ${referenceSafety.effectiveFrom})`],
          ['Reporting clock of this version', <PlannedClockText key="clock" assessment={assessment} />],
          ['MedDRA', assessment.meddraVersion ?? 'no dictionary loaded'],
          ['To chase at follow-up', assessment.toChase.length === 0 ? 'nothing' : assessment.toChase.join('; ')],
        ]}
      />
      <div>
        <Text fw={700} size="sm" mb={4}>
          Validity criteria
        </Text>
        <ValidityList validity={assessment.validity} />
      </div>
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing="xs" aria-label="Expectedness of each reaction">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reaction</Table.Th>
              <Table.Th>Expected</Table.Th>
              <Table.Th>Reference term</Table.Th>
              <Table.Th>RSI version</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessment.expectedness.map((e) => (
              <Table.Tr key={e.reactionKey}>
                <Table.Td>
                  <Group gap={4}>
                    {reactionName(e.reactionKey)}
                    {seriousness.seriousReactionKeys.includes(e.reactionKey) && (
                      <Badge size="xs" color="red" variant="light">
                        serious
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{e.expected === null ? 'undecided' : e.expected ? 'Expected' : 'Unexpected'}</Table.Td>
                <Table.Td>{e.listedTerm ?? '—'}</Table.Td>
                <Table.Td>{e.rsiVersion ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{e.explanation}</Text>
                  <Text size="xs" c="dimmed">
                    {e.basis}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
