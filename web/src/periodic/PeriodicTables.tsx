import { Anchor, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../common/DateText';
import { QueryState } from '../common/QueryState';
import { csvHref, lineListingQuery, summaryTabulationQuery, type LineListing, type Period, type SummaryTabulation } from './periodic-api';

function Basis({ output }: { output: Pick<LineListing, 'basis' | 'excluded'> }): ReactNode {
  return (
    <Text size="sm" c="dimmed" mb="xs">
      {output.basis} Left out: {output.excluded.invalid} invalid, {output.excluded.nullified} nullified, {output.excluded.duplicates} duplicates.
    </Text>
  );
}

function CsvLink({ output, period }: { output: 'line-listing' | 'summary-tabulation'; period: Period }): ReactNode {
  return (
    <Anchor href={csvHref(output, period)} download>
      Download the {output === 'line-listing' ? 'line listing' : 'summary tabulation'} (CSV)
    </Anchor>
  );
}

/** One row per case received in the period, as it stood at the data lock point. */
export function LineListingTable({ period }: { period: Period }): ReactNode {
  const listing = useQuery(lineListingQuery(period));
  return (
    <QueryState query={listing} label="line listing">
      {(output) => (
        <>
          <Group justify="space-between">
            <Text role="status">{output.result.length} cases</Text>
            <CsvLink output="line-listing" period={period} />
          </Group>
          <Basis output={output} />
          <Table.ScrollContainer minWidth={1000} scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Line listing, scrolls sideways' } }}>
            <Table striped verticalSpacing="xs" aria-label="Line listing">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Case</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Country</Table.Th>
                  <Table.Th>Age / sex</Table.Th>
                  <Table.Th>Reactions</Table.Th>
                  <Table.Th>Outcomes</Table.Th>
                  <Table.Th>Serious</Table.Th>
                  <Table.Th>Suspect drugs</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {output.result.map((row) => (
                  <Table.Tr key={row.safetyReportId}>
                    <Table.Td>
                      {row.safetyReportId}
                      {row.synthetic ? ' (synthetic)' : ''}
                    </Table.Td>
                    <Table.Td>{row.version}</Table.Td>
                    <Table.Td>
                      <DateText date={row.initialReceiptOn} />
                    </Table.Td>
                    <Table.Td>{row.reportType}</Table.Td>
                    <Table.Td>{row.country ?? '—'}</Table.Td>
                    <Table.Td>{row.ageSex}</Table.Td>
                    <Table.Td>{row.reactions}</Table.Td>
                    <Table.Td>{row.outcomes}</Table.Td>
                    <Table.Td>{row.serious ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>{row.suspectDrugs}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </QueryState>
  );
}

type Counts = SummaryTabulation['result']['total']['interval'];

function CountCells({ counts }: { counts: Counts }): ReactNode {
  return (
    <>
      <Table.Td>{counts.spontaneousSerious}</Table.Td>
      <Table.Td>{counts.spontaneousNonSerious}</Table.Td>
      <Table.Td>{counts.studySerious}</Table.Td>
      <Table.Td>{counts.studyNonSerious}</Table.Td>
      <Table.Td fw={700}>{counts.total}</Table.Td>
    </>
  );
}

/** Reactions by SOC and PT: serious / non-serious, spontaneous / study, in the interval and cumulatively. */
export function SummaryTabulationTable({ period }: { period: Period }): ReactNode {
  const tabulation = useQuery(summaryTabulationQuery(period));
  const heads = ['Spont. serious', 'Spont. non-serious', 'Study serious', 'Study non-serious', 'Total'];
  return (
    <QueryState query={tabulation} label="summary tabulation">
      {(output) => (
        <>
          <Group justify="flex-end">
            <CsvLink output="summary-tabulation" period={period} />
          </Group>
          <Basis output={output} />
          <Table.ScrollContainer minWidth={1100} scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Summary tabulation, scrolls sideways' } }}>
            <Table verticalSpacing={4} aria-label="Summary tabulation">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th rowSpan={2}>SOC / PT</Table.Th>
                  <Table.Th colSpan={5}>Interval</Table.Th>
                  <Table.Th colSpan={5}>Cumulative</Table.Th>
                </Table.Tr>
                <Table.Tr>
                  {[...heads, ...heads].map((h, i) => (
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {output.result.socSubtotals.map((soc) => (
                  <SocRows key={soc.soc} soc={soc} rows={output.result.rows.filter((r) => r.soc === soc.soc)} />
                ))}
                <Table.Tr>
                  <Table.Th scope="row">Total</Table.Th>
                  <CountCells counts={output.result.total.interval} />
                  <CountCells counts={output.result.total.cumulative} />
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </QueryState>
  );
}

function SocRows({ soc, rows }: { soc: SummaryTabulation['result']['socSubtotals'][number]; rows: SummaryTabulation['result']['rows'] }): ReactNode {
  return (
    <>
      <Table.Tr bg="var(--mantine-color-gray-1)">
        <Table.Th scope="row">{soc.soc}</Table.Th>
        <CountCells counts={soc.interval} />
        <CountCells counts={soc.cumulative} />
      </Table.Tr>
      {rows.map((row) => (
        <Table.Tr key={`${row.soc}-${row.pt}`}>
          <Table.Th scope="row" fw={400} pl="lg">
            {row.pt}
          </Table.Th>
          <CountCells counts={row.interval} />
          <CountCells counts={row.cumulative} />
        </Table.Tr>
      ))}
    </>
  );
}
