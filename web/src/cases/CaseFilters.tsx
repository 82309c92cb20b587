import { Button, Group, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import { CLOCK_STATES, REPORT_TYPES, STATUSES } from './case-filters';
import type { CaseQuery } from './cases-api';
import { CLOCK_STATE_LABELS, REPORT_TYPE_LABELS, STATUS_LABELS } from './labels';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

/** A yes / no / either filter as a select: the URL holds true, false or nothing. */
function BooleanFilter({ label, yes, no, value, onChange }: { label: string; yes: string; no: string; value: boolean | undefined; onChange: (value: boolean | undefined) => void }): ReactNode {
  return (
    <Select
      label={label}
      placeholder="Either"
      clearable
      data={[
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
      value={value === undefined ? null : String(value)}
      onChange={(next) => onChange(next === null ? undefined : next === 'true')}
    />
  );
}

const CLEARED: Partial<CaseQuery> = {
  product: undefined,
  status: undefined,
  serious: undefined,
  seriousUnexpected: undefined,
  reportType: undefined,
  clock: undefined,
  dueWithinDays: undefined,
  receivedFrom: undefined,
  receivedTo: undefined,
  synthetic: undefined,
};

/** The filters of GET /api/safety-cases; every change goes to the URL through `onChange`. */
export function CaseFilters({ query, onChange }: { query: CaseQuery; onChange: (change: Partial<CaseQuery>) => void }): ReactNode {
  const products = useQuery(productsQuery);
  return (
    <form role="search" aria-label="Filter cases" onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label="Product"
          placeholder="All products"
          clearable
          searchable
          data={(products.data ?? []).map((p) => p.name)}
          value={query.product ?? null}
          onChange={(value) => onChange({ product: value ?? undefined })}
        />
        <Select label="Validity" placeholder="Any" clearable data={options(STATUSES, STATUS_LABELS)} value={query.status ?? null} onChange={(value) => onChange({ status: STATUSES.find((s) => s === value) })} />
        <BooleanFilter label="Seriousness" yes="Serious" no="Non-serious" value={query.serious} onChange={(serious) => onChange({ serious })} />
        <BooleanFilter label="Expectedness" yes="Serious and unexpected (SUSAR-like)" no="Not serious-unexpected" value={query.seriousUnexpected} onChange={(seriousUnexpected) => onChange({ seriousUnexpected })} />
        <Select
          label="Report type"
          placeholder="Any"
          clearable
          data={options(REPORT_TYPES, REPORT_TYPE_LABELS)}
          value={query.reportType ?? null}
          onChange={(value) => onChange({ reportType: REPORT_TYPES.find((t) => t === value) })}
        />
        <Select
          label="Clock"
          placeholder="Any"
          clearable
          data={options(CLOCK_STATES, CLOCK_STATE_LABELS)}
          value={query.clock ?? null}
          onChange={(value) => onChange({ clock: CLOCK_STATES.find((c) => c === value), ...(value === 'due' ? {} : { dueWithinDays: undefined }) })}
        />
        <NumberInput
          label="Due within (days)"
          description="With clock “due”; default 15"
          min={0}
          max={366}
          allowDecimal={false}
          allowNegative={false}
          disabled={query.clock !== 'due'}
          value={query.dueWithinDays ?? ''}
          onChange={(value) => onChange({ dueWithinDays: typeof value === 'number' && value <= 366 ? value : undefined })}
        />
        <BooleanFilter label="Synthetic" yes="Synthetic demo cases" no="Real cases" value={query.synthetic} onChange={(synthetic) => onChange({ synthetic })} />
        <TextInput type="date" label="Received from" value={query.receivedFrom ?? ''} onChange={(event) => onChange({ receivedFrom: event.currentTarget.value === '' ? undefined : event.currentTarget.value })} />
        <TextInput type="date" label="Received to" value={query.receivedTo ?? ''} onChange={(event) => onChange({ receivedTo: event.currentTarget.value === '' ? undefined : event.currentTarget.value })} />
      </SimpleGrid>
      <Group mt="sm">
        <Button variant="subtle" size="compact-sm" onClick={() => onChange(CLEARED)}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
