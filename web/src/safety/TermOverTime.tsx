import { Select, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../common/DateText';
import { percent, runQuery, type FrequencyRunBrief } from './safety-picture-api';

/** How a listed term's observed proportion moved from run to run (oldest first), from each stored run. */
export function TermOverTime({ runs, terms, term, onTerm }: { runs: readonly FrequencyRunBrief[]; terms: readonly string[]; term: string | null; onTerm: (term: string | null) => void }): ReactNode {
  const chosen = term ?? terms[0] ?? null;
  const oldestFirst = [...runs].reverse();
  const results = useQueries({ queries: chosen === null ? [] : oldestFirst.map((r) => runQuery(r.id)) });
  return (
    <Stack gap="sm">
      <Select label="Term" data={[...terms]} value={chosen} onChange={onTerm} allowDeselect={false} maw={360} />
      {chosen !== null && (
        <Table verticalSpacing={4} fz="sm" aria-label={`${chosen} per run`} maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Data lock point</Table.Th>
              <Table.Th scope="col">Period</Table.Th>
              <Table.Th scope="col">Observed proportion</Table.Th>
              <Table.Th scope="col">95% interval</Table.Th>
              <Table.Th scope="col">Flag</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {oldestFirst.map((brief, i) => {
              const result = results[i];
              const row = result?.data?.rows.find((r) => r.level === 'term' && r.label === chosen);
              return (
                <Table.Tr key={brief.id}>
                  <Table.Td>
                    <DateText date={brief.dataLockPoint} />
                  </Table.Td>
                  <Table.Td>{brief.period}</Table.Td>
                  <Table.Td>{result?.isPending === true ? 'loading…' : row === undefined ? 'not in this run' : `${percent(row.proportion)} (${row.solicitedPatients}/${row.solicitedExposed ?? '?'})`}</Table.Td>
                  <Table.Td>{row?.interval === undefined || row.interval === null ? '—' : `${percent(row.interval.lower)} – ${percent(row.interval.upper)}`}</Table.Td>
                  <Table.Td>{row?.flag ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {runs.length < 2 && <Text size="sm">Only one run so far: the next one (daily, or after a case changes) adds a line.</Text>}
    </Stack>
  );
}
