import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import type { AuditFilter } from './audit-api';

/** Suggestions only: the trail holds whatever the services recorded, and any text may be searched for. */
const ENTITY_TYPES = [
  'auth-token', 'case-clock', 'case-link', 'closure-day', 'disproportionality-run', 'dossier-version', 'eurd-entry', 'marketing-authorisation',
  'milestone', 'notification-channel', 'obligation', 'procedure', 'procedure-clock-stop', 'product', 'product-exposure', 'reference-safety-info',
  'reminder-delivery', 'reminder-policy', 'safety-case', 'safety-signal', 'signing-key', 'statistical-alert', 'user',
];
const ACTIONS = [
  'create', 'update', 'delete', 'due-date-change', 'submission', 'outcome', 'timetable', 'restart', 'password-change', 'password-reset', 'unlock',
  'revoke', 'revoke-tokens', 'rotate', 'follow-up', 'amendment', 'nullification', 'validate', 'dismiss', 'import', 'replay',
];

type TextKey = 'entityType' | 'entityId' | 'actor' | 'action' | 'from' | 'to';

/** One text filter: typed freely, applied to the URL after a pause; follows the URL on back/forward. */
function useDebouncedField(filter: AuditFilter, key: TextKey, onChange: (change: Partial<AuditFilter>) => void): [string, (value: string) => void] {
  const [value, setValue] = useState(filter[key] ?? '');
  const apply = useDebouncedCallback((next: string) => onChange({ [key]: next.trim() === '' ? undefined : next.trim() }), 400);
  const current = filter[key];
  useEffect(() => setValue(current ?? ''), [current]);
  return [
    value,
    (next: string) => {
      setValue(next);
      apply(next);
    },
  ];
}

/** The filters of GET /api/audit; every change goes to the URL through `onChange`; `errors` are the API's, by field. */
export function AuditFilters({ filter, errors, onChange }: { filter: AuditFilter; errors: Record<string, string>; onChange: (change: Partial<AuditFilter>) => void }): ReactNode {
  const products = useQuery(productsQuery);
  const [entityType, setEntityType] = useDebouncedField(filter, 'entityType', onChange);
  const [entityId, setEntityId] = useDebouncedField(filter, 'entityId', onChange);
  const [actor, setActor] = useDebouncedField(filter, 'actor', onChange);
  const [action, setAction] = useDebouncedField(filter, 'action', onChange);
  const [from, setFrom] = useDebouncedField(filter, 'from', onChange);
  const [to, setTo] = useDebouncedField(filter, 'to', onChange);

  return (
    <form role="search" aria-label="Filter the audit trail" onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Autocomplete label="Entity" placeholder="Any kind of record" data={ENTITY_TYPES} value={entityType} onChange={setEntityType} error={errors.entityType} />
        <TextInput label="Record id" placeholder="Any record" value={entityId} onChange={(event) => setEntityId(event.currentTarget.value)} error={errors.entityId} />
        <TextInput label="Actor" placeholder="e.g. user:demo-admin" value={actor} onChange={(event) => setActor(event.currentTarget.value)} error={errors.actor} />
        <Autocomplete label="Action" placeholder="Any action" data={ACTIONS} value={action} onChange={setAction} error={errors.action} />
        <Select
          label="Product"
          placeholder="Every product you may see"
          clearable
          searchable
          data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={(products.data ?? []).find((p) => p.id === filter.productId || p.name === filter.productId)?.id ?? null}
          onChange={(value) => onChange({ productId: value ?? undefined })}
          error={errors.productId}
        />
        <TextInput type="date" label="From (UTC day)" value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={errors.from} />
        <TextInput type="date" label="To (UTC day)" value={to} onChange={(event) => setTo(event.currentTarget.value)} error={errors.to} />
        <Select
          label="Order"
          data={[
            { value: 'desc', label: 'Newest first' },
            { value: 'asc', label: 'Oldest first' },
          ]}
          allowDeselect={false}
          value={filter.order ?? 'desc'}
          onChange={(value) => onChange({ order: value === 'asc' ? 'asc' : undefined })}
        />
      </SimpleGrid>
      <Group mt="sm">
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => onChange({ entityType: undefined, entityId: undefined, actor: undefined, action: undefined, productId: undefined, from: undefined, to: undefined })}
        >
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
