import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DANGER, SUCCESS, WARNING } from '../common/colours';
import { complianceQuery, monthsOf, type Period } from './periodic-api';

/** Reporting compliance by month over the period (clocks due that month: on time, late, overdue), for the product or every product one sees; the chart with its table. */
export function ComplianceChart({ period }: { period: Period }): ReactNode {
  const months = monthsOf(period);
  const results = useQueries({ queries: months.map((month) => complianceQuery(month, period.product)) });
  if (results.some((r) => r.isPending)) {
    return (
      <Text role="status" aria-live="polite">
        Loading reporting compliance…
      </Text>
    );
  }
  const failed = results.find((r) => r.isError);
  if (failed !== undefined) {
    return (
      <Alert color="red" role="alert" title="The reporting compliance could not be loaded">
        {failed.error?.message}
      </Alert>
    );
  }
  const data = months.map((month, i) => {
    const rows = results[i]?.data ?? [];
    const sum = (pick: (r: (typeof rows)[number]) => number): number => rows.reduce((total, r) => total + pick(r), 0);
    const onTime = sum((r) => r.submittedOnTime);
    const late = sum((r) => r.submittedLate);
    const overdue = sum((r) => r.overdue);
    return { month: month.label, 'On time': onTime, Late: late, Overdue: overdue, pending: sum((r) => r.pending), percent: onTime + late + overdue === 0 ? null : Math.round((onTime / (onTime + late + overdue)) * 1000) / 10 };
  });
  const scope = period.product === '' ? 'every product you see' : period.product;
  return (
    <>
      <figure style={{ margin: 0 }} aria-label={`Reporting compliance by month, ${scope}`}>
        <BarChart
          h={280}
          data={data}
          dataKey="month"
          type="stacked"
          withLegend
          xAxisLabel="Month the clock was due"
          yAxisLabel="Reporting clocks"
          series={[
            { name: 'On time', color: SUCCESS },
            { name: 'Late', color: WARNING },
            { name: 'Overdue', color: DANGER },
          ]}
        />
        <Text component="figcaption" size="sm" c="dimmed">
          Reporting clocks due each month, {scope}: submitted on time, submitted late, or still open past their due date. The table below holds the same figures.
        </Text>
      </figure>
      <Table.ScrollContainer minWidth={600}>
        <Table striped verticalSpacing={4} aria-label="Reporting compliance by month">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th>On time</Table.Th>
              <Table.Th>Late</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>Not yet due</Table.Th>
              <Table.Th>% on time</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={row.month}>
                <Table.Th scope="row">{row.month}</Table.Th>
                <Table.Td>{row['On time']}</Table.Td>
                <Table.Td>{row.Late}</Table.Td>
                <Table.Td>{row.Overdue}</Table.Td>
                <Table.Td>{row.pending}</Table.Td>
                <Table.Td>{row.percent === null ? '—' : `${row.percent}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
