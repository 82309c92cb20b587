import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DANGER } from '../common/colours';
import { plotted } from './ForestPlot';
import { bandWords, percent, type FrequencyRow } from './safety-picture-api';

function flagLabel(flag: FrequencyRow['flag']): ReactNode {
  if (flag === null) {
    return '—';
  }
  return (
    <Text span fw={700} c={DANGER} size="sm">
      {flag === 'exceeds' ? 'Exceeds the stated frequency' : flag === 'unlisted' ? 'Unlisted' : 'Uncoded'}
    </Text>
  );
}

function stated(row: FrequencyRow): string {
  const parts = [row.statedRatePercent === null ? null : `${row.statedRatePercent.toString()}%`, bandWords(row.statedBand)].filter((p) => p !== null);
  return parts.length === 0 ? '—' : parts.join('; ');
}

/** The chart's numbers as a table (its accessible equivalent), or any other level's rows (outcomes, PTs, SOCs). */
export function FrequencyTable({ rows, label }: { rows: readonly FrequencyRow[]; label: string }): ReactNode {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={4} fz="sm" aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Term</Table.Th>
            <Table.Th scope="col">Patients (serious, fatal)</Table.Th>
            <Table.Th scope="col">Observed proportion</Table.Th>
            <Table.Th scope="col">95% interval</Table.Th>
            <Table.Th scope="col">Reporting rate</Table.Th>
            <Table.Th scope="col">Stated</Table.Th>
            <Table.Th scope="col">Flag</Table.Th>
            <Table.Th scope="col">How it was judged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const point = plotted(row);
            return (
              <Table.Tr key={`${row.level}:${row.label}`}>
                <Table.Th scope="row" fw={row.flag === null ? 400 : 700}>
                  {row.label}
                </Table.Th>
                <Table.Td>
                  {row.patients} ({row.serious}, {row.fatal})
                </Table.Td>
                <Table.Td>{row.proportion === null ? '—' : `${percent(row.proportion)} (${row.solicitedPatients}/${row.solicitedExposed ?? '?'})`}</Table.Td>
                <Table.Td>{row.interval === null ? '—' : `${percent(row.interval.lower)} – ${percent(row.interval.upper)}`}</Table.Td>
                <Table.Td>{row.reportingRate === null ? '—' : `${percent(row.reportingRate)} (reporting rate, ${row.spontaneousPatients}/${row.spontaneousExposed ?? '?'})`}</Table.Td>
                <Table.Td>{stated(row)}</Table.Td>
                <Table.Td>{flagLabel(row.flag)}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {point?.kind === 'reporting rate' ? 'Reporting rate (spontaneous reports over patients treated), not an incidence. ' : ''}
                    {row.explanation}
                    {row.interval === null ? '' : ` — ${row.interval.method}`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
