import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { formatInstant } from '../common/instant';
import { SUCCESS } from '../common/colours';
import { BAND_LABELS, OUTCOME_LABELS, SEVERITY_LABELS, type ReferenceSafetyVersion, type ReferenceTerm } from './reference-safety-api';

function frequency(term: ReferenceTerm): string {
  const parts = [term.statedRatePercent === null ? null : `${term.statedRatePercent}%`, term.frequencyBand === null ? null : BAND_LABELS[term.frequencyBand]].filter((p) => p !== null);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

function TermRow({ term }: { term: ReferenceTerm }): ReactNode {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {term.term}
        {term.kind === 'outcome' && term.outcome !== null && (
          <Text size="xs" c="dimmed">
            outcome counted: {OUTCOME_LABELS[term.outcome]}
          </Text>
        )}
        {term.lateOnset && (
          <Text size="xs" c="dimmed">
            late onset
          </Text>
        )}
      </Table.Th>
      <Table.Td>
        {[...term.ptNames, ...term.hltNames.map((h) => `${h} (HLT)`)].join('; ') || '—'}
      </Table.Td>
      <Table.Td>{frequency(term)}</Table.Td>
      <Table.Td>
        {term.rateDenominator === null ? 'unknown' : `${term.rateDenominator} patients`}
        {term.denominatorNote !== null && (
          <Text size="xs" c="dimmed">
            {term.denominatorNote}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{term.fatalOutcomeListed ? 'Yes' : 'No'}</Table.Td>
      <Table.Td>{term.maxSeverity === null ? '—' : SEVERITY_LABELS[term.maxSeverity]}</Table.Td>
    </Table.Tr>
  );
}

/** One version of the reference safety information: its document, the days it is in force, and its listed terms. */
export function ReferenceSafetyVersionView({ version }: { version: ReferenceSafetyVersion }): ReactNode {
  const inForce = version.effectiveUntil === null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`rsi-${version.id}`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`rsi-${version.id}`}>
          Version {version.version}: {version.document}{' '}
          {inForce && (
            <Badge color={SUCCESS} variant="filled" tt="none">
              in force
            </Badge>
          )}
        </Title>
        <FactList
          cols={4}
          facts={[
            ['Effective from', <DateText key="from" date={version.effectiveFrom} />],
            ['Effective until', inForce ? 'in force' : <DateText key="until" date={version.effectiveUntil} />],
            ['Complete list', version.complete ? 'Yes' : 'No, known to be partial'],
            ['Recorded', `${formatInstant(version.createdAt)} by ${version.createdBy}`],
          ]}
        />
        {version.note !== null && <Text size="sm">{version.note}</Text>}
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" aria-label={`Terms of version ${version.version}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Term</Table.Th>
                <Table.Th>Preferred terms (PT set)</Table.Th>
                <Table.Th>Stated rate or band</Table.Th>
                <Table.Th>Denominator</Table.Th>
                <Table.Th>Fatal outcome listed</Table.Th>
                <Table.Th>Maximum severity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {version.terms.map((term, i) => (
                <TermRow key={`${term.term}-${i}`} term={term} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
