import { Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { productsQuery } from '../products/products-api';
import { useToday } from '../session/use-session';
import { isIsoDate } from '../dates/calendar-date';
import { ComplianceChart } from './ComplianceChart';
import { periodFromUrl, urlFromPeriod, type Period } from './periodic-api';
import { LineListingTable, SummaryTabulationTable } from './PeriodicTables';

/** Line listing and summary tabulation of a product for a period and data lock point, and reporting compliance by month; all inputs in the URL. */
export default function PeriodicOutputsPage(): ReactNode {
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const period = periodFromUrl(params, today);
  const products = useQuery(productsQuery);
  const change = (update: Partial<Period>): void => setParams((current) => urlFromPeriod({ ...periodFromUrl(current, today), ...update }));
  return (
    <>
      <PageTitle title="Periodic outputs">Periodic outputs</PageTitle>
      <Group align="flex-end" mb="lg">
        <Select
          label="Product"
          placeholder="Choose a product"
          searchable
          clearable
          w={260}
          data={(products.data ?? []).map((p) => p.name)}
          value={period.product === '' ? null : period.product}
          onChange={(value) => change({ product: value ?? '' })}
        />
        <TextInput type="date" label="From" value={period.from} onChange={(e) => isIsoDate(e.currentTarget.value) && change({ from: e.currentTarget.value })} />
        <TextInput type="date" label="Data lock point" value={period.to} onChange={(e) => isIsoDate(e.currentTarget.value) && change({ to: e.currentTarget.value })} />
      </Group>
      <Stack gap="xl">
        <section aria-labelledby="periodic-compliance">
          <Title order={2} size="h3" id="periodic-compliance" mb="xs">
            Reporting compliance
          </Title>
          <ComplianceChart period={period} />
        </section>
        {period.product === '' ? (
          <p>Choose a product for its line listing and summary tabulation.</p>
        ) : (
          <>
            <section aria-labelledby="periodic-listing">
              <Title order={2} size="h3" id="periodic-listing" mb="xs">
                Line listing
              </Title>
              <LineListingTable period={period} />
            </section>
            <section aria-labelledby="periodic-tabulation">
              <Title order={2} size="h3" id="periodic-tabulation" mb="xs">
                Summary tabulation
              </Title>
              <SummaryTabulationTable period={period} />
            </section>
          </>
        )}
      </Stack>
    </>
  );
}
