import { Alert, Button, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { closureDaysQuery } from '../admin/reference-data-api';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { CalendarFeedPanel } from '../profile/CalendarFeedPanel';
import { productQuery, productsQuery, type ProductDetail } from '../products/products-api';
import { useToday } from '../session/use-session';
import { TIMELINE_MAX_DEADLINES, timelineDeadlinesQuery } from './timeline-api';
import { TimelineChart, TimelineLegend } from './TimelineChart';
import { timelineWindow } from './timeline-layout';
import { timelineRows } from './timeline-rows';
import { TimelineDeadlinesTable, TimelineRenewalsTable } from './TimelineTable';

/**
 * The next 12 months of deadlines per product on one screen, from the server's today: overdue ones apart,
 * the others by due date, renewal windows as spans, weekends and closure days flagged; the same data as
 * tables below; a product filter in the URL; "Subscribe" for the calendar feed.
 */
export default function TimelinePage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const product = params.get('product')?.trim() || undefined;
  const today = useToday();
  const range = timelineWindow(today);
  const [subscribing, setSubscribing] = useState(false);

  const products = useQuery(productsQuery);
  const shown = (products.data ?? []).filter((p) => product === undefined || p.name === product || p.id === product);
  const deadlines = useQuery(timelineDeadlinesQuery(range, product));
  const closures = useQuery(closureDaysQuery);
  const details = useQueries({ queries: shown.filter((p) => p.authorisation !== null).map((p) => productQuery(p.name)) });
  const byId = new Map(details.flatMap((d) => (d.data === undefined ? [] : [[d.data.id, d.data] as [string, ProductDetail]])));
  // Renewal windows come from each product's page; the chart waits for them rather than redrawing.
  const detailsUnready = details.find((d) => d.isPending) ?? details.find((d) => d.isError);

  return (
    <>
      <PageTitle title="Timeline">Timeline</PageTitle>
      <Group justify="space-between" align="end" mb="md">
        <Select
          label="Product"
          placeholder="All products"
          clearable
          searchable
          w={280}
          data={(products.data ?? []).map((p) => p.name)}
          value={shown.length === 1 && product !== undefined ? (shown[0]?.name ?? null) : null}
          onChange={(value) => setParams(value === null ? {} : { product: value })}
        />
        <Button variant="outline" onClick={() => setSubscribing(true)}>
          Subscribe
        </Button>
      </Group>
      <Text mb="sm">
        Open deadlines from {today} to {range.to} (today is the server’s), overdue ones in a column of their own.
      </Text>
      <QueryState query={products} label="products" isEmpty={() => shown.length === 0} empty={product === undefined ? 'No product to show.' : `No product “${product}” among yours.`}>
        {() => (
          <QueryState query={deadlines} label="deadlines">
            {(data) => {
              if (detailsUnready !== undefined) {
                return (
                  <QueryState query={detailsUnready} label="renewal windows">
                    {() => null}
                  </QueryState>
                );
              }
              const rows = timelineRows(shown, data.items, byId, new Map((closures.data ?? []).map((c) => [c.date, c.name])), range);
              return (
                <Stack gap="lg">
                  {!data.complete && (
                    <Alert color="yellow" title="Only part of the timeline">
                      The first {TIMELINE_MAX_DEADLINES} deadlines are shown; choose a product to see all of its own.
                    </Alert>
                  )}
                  {closures.isError && (
                    <Text c="#c92a2a" role="alert">
                      The closure days could not be loaded: only weekends are flagged.
                    </Text>
                  )}
                  <TimelineLegend />
                  <div style={{ overflowX: 'auto' }}>
                    <TimelineChart range={range} rows={rows} />
                  </div>
                  <section aria-labelledby="timeline-deadlines">
                    <Title order={2} size="h3" id="timeline-deadlines" mb="sm">
                      Deadlines
                    </Title>
                    <TimelineDeadlinesTable rows={rows} />
                  </section>
                  <section aria-labelledby="timeline-renewals">
                    <Title order={2} size="h3" id="timeline-renewals" mb="sm">
                      Renewal windows
                    </Title>
                    <TimelineRenewalsTable rows={rows} />
                  </section>
                </Stack>
              );
            }}
          </QueryState>
        )}
      </QueryState>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={subscribing} onClose={() => setSubscribing(false)} title="Subscribe to your deadlines" centered trapFocus size="lg">
        <CalendarFeedPanel title={null} />
      </Modal>
    </>
  );
}
