import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import { CATEGORIES, KINDS, STATUSES, STUDY_TYPES } from './deadline-filters';
import type { DeadlineQuery } from './deadlines-api';
import { KIND_LABELS, STATUS_LABELS } from './labels';

const options = <T extends string>(values: readonly T[], labels?: Record<T, string>) => values.map((value) => ({ value, label: labels?.[value] ?? value }));

/** The filters of GET /api/deadlines; every change goes to the URL through `onChange`. */
export function DeadlineFilters({ query, onChange }: { query: DeadlineQuery; onChange: (change: Partial<DeadlineQuery>) => void }): ReactNode {
  const products = useQuery(productsQuery);
  const [owner, setOwner] = useState(query.owner ?? '');
  const [withinDays, setWithinDays] = useState<string | number>(query.withinDays ?? '');
  const applyOwner = useDebouncedCallback((value: string) => onChange({ owner: value.trim() === '' ? undefined : value.trim() }), 400);
  const applyWithin = useDebouncedCallback((value: string | number) => onChange({ withinDays: typeof value === 'number' ? value : undefined }), 400);

  // Back/forward or a link changes the URL: the text fields follow it.
  useEffect(() => setOwner(query.owner ?? ''), [query.owner]);
  useEffect(() => setWithinDays(query.withinDays ?? ''), [query.withinDays]);

  return (
    <form role="search" aria-label="Filter deadlines" onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <NumberInput
          label="Due within (days)"
          description="Empty: any date"
          min={0}
          max={3660}
          allowDecimal={false}
          allowNegative={false}
          value={withinDays}
          onChange={(value) => {
            setWithinDays(value);
            applyWithin(value);
          }}
        />
        <Select
          label="Product"
          description="Every product you may see"
          placeholder="All products"
          clearable
          searchable
          data={(products.data ?? []).map((p) => p.name)}
          value={query.product ?? null}
          onChange={(value) => onChange({ product: value ?? undefined })}
        />
        <Select label="Kind" description=" " placeholder="All kinds" clearable data={options(KINDS, KIND_LABELS)} value={query.kind ?? null} onChange={(value) => onChange({ kind: KINDS.find((k) => k === value) })} />
        <Select
          label="Status"
          description=" "
          placeholder="Open (planned, in progress)"
          clearable
          data={options(STATUSES, STATUS_LABELS)}
          value={query.status ?? null}
          onChange={(value) => onChange({ status: STATUSES.find((s) => s === value) })}
        />
        <Select
          label="Obligation category"
          placeholder="All categories"
          clearable
          data={options(CATEGORIES)}
          value={query.category ?? null}
          onChange={(value) => onChange({ category: CATEGORIES.find((c) => c === value) })}
        />
        <Select
          label="Study type"
          placeholder="All study types"
          clearable
          data={options(STUDY_TYPES)}
          value={query.studyType ?? null}
          onChange={(value) => onChange({ studyType: STUDY_TYPES.find((s) => s === value) })}
        />
        <TextInput
          label="Owner"
          placeholder="Anyone"
          value={owner}
          onChange={(event) => {
            setOwner(event.currentTarget.value);
            applyOwner(event.currentTarget.value);
          }}
        />
        <Group align="flex-end" gap="md" pb={6}>
          <Checkbox label="Overdue only" checked={query.overdue === true} onChange={(event) => onChange({ overdue: event.currentTarget.checked ? true : undefined })} />
          <Checkbox
            label="Include overdue"
            disabled={query.withinDays === undefined || query.overdue === true}
            checked={query.includeOverdue !== false}
            onChange={(event) => onChange({ includeOverdue: event.currentTarget.checked ? undefined : false })}
          />
        </Group>
      </SimpleGrid>
      <Group mt="sm">
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            setOwner('');
            setWithinDays('');
            onChange({ withinDays: undefined, overdue: undefined, includeOverdue: undefined, product: undefined, category: undefined, studyType: undefined, kind: undefined, owner: undefined, status: undefined });
          }}
        >
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
