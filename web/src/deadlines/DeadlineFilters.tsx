import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import { CATEGORIES, KINDS, STATUSES, STUDY_TYPES } from './deadline-filters';
import type { DeadlineQuery } from './deadlines-api';
import { KIND_LABELS, STATUS_LABELS } from './labels';

const options = <T extends string>(values: readonly T[], labels?: Record<T, string>) => values.map((value) => ({ value, label: labels?.[value] ?? value }));

/**
 * A typed field whose value goes to the URL 400 ms after the last keystroke, and follows the URL when it
 * changes otherwise (back/forward, a link, "Clear filters").
 */
function useTypedFilter<T extends string | number>(inUrl: T, apply: (value: T) => void): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(inUrl);
  const [settled] = useDebouncedValue(value, 400);
  const latest = useRef({ inUrl, apply });
  latest.current = { inUrl, apply };
  useEffect(() => setValue(inUrl), [inUrl]);
  useEffect(() => {
    if (settled !== latest.current.inUrl) {
      latest.current.apply(settled);
    }
  }, [settled]);
  return [value, setValue];
}

/** The filters of GET /api/deadlines; every change goes to the URL through `onChange`. */
export function DeadlineFilters({ query, onChange }: { query: DeadlineQuery; onChange: (change: Partial<DeadlineQuery>) => void }): ReactNode {
  const products = useQuery(productsQuery);
  const [owner, setOwner] = useTypedFilter(query.owner ?? '', (value) => onChange({ owner: value.trim() === '' ? undefined : value.trim() }));
  const [withinDays, setWithinDays] = useTypedFilter<string | number>(query.withinDays ?? '', (value) => onChange({ withinDays: typeof value === 'number' ? value : undefined }));

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
          onChange={setWithinDays}
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
          onChange={(event) => setOwner(event.currentTarget.value)}
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
            onChange({ withinDays: undefined, overdue: undefined, includeOverdue: undefined, product: undefined, category: undefined, studyType: undefined, kind: undefined, owner: undefined, status: undefined });
          }}
        >
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
