import { Checkbox, MultiSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { productsQuery } from '../products/products-api';

/** An account's product scope: every product (null), or only the products chosen (their ids). */
export function ProductScopeInput({ value, onChange, error }: { value: string[] | null; onChange: (value: string[] | null) => void; error?: ReactNode }): ReactNode {
  const products = useQuery(productsQuery);
  return (
    <Stack gap={6}>
      <Checkbox label="Every product (no restriction)" checked={value === null} onChange={(event) => onChange(event.currentTarget.checked ? null : [])} />
      {value !== null && (
        <MultiSelect
          label="Products"
          description="The account sees only these products and their records"
          placeholder={value.length === 0 ? 'Choose products' : undefined}
          searchable
          data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={value}
          onChange={onChange}
          error={error}
        />
      )}
    </Stack>
  );
}
