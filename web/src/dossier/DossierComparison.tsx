import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../common/QueryState';
import { comparisonQuery, versionsQuery, type DossierChange, type DossierComparison as Comparison, type DossierVersion } from './dossier-api';

/** A value the comparison gives (any JSON) as text: strings as they are, nothing as "—", the rest as JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Changes({ id, title, changes }: { id: string; title: string; changes: DossierChange[] }): ReactNode {
  return (
    <section aria-labelledby={id}>
      <Title order={4} size="h5" id={id} mb={4}>
        {title}
      </Title>
      {changes.length === 0 ? (
        <Text size="sm">No change.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" aria-labelledby={id}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>What</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((change, i) => (
                <Table.Tr key={`${change.item}-${change.field}-${i}`}>
                  <Table.Td>{change.item}</Table.Td>
                  <Table.Td>{change.field}</Table.Td>
                  <Table.Td>{valueText(change.from)}</Table.Td>
                  <Table.Td>{valueText(change.to)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }): ReactNode {
  return (
    <Stack gap="sm" aria-live="polite">
      <Text size="sm">
        From version {comparison.from.version} (data lock point {comparison.from.dataLockPoint}) to version {comparison.to.version} (data lock point {comparison.to.dataLockPoint}):{' '}
        <strong>{comparison.identical ? 'the same content.' : 'what changed.'}</strong>
      </Text>
      {!comparison.identical && (
        <>
          <Changes id="changes-general" title="Data lock point and text" changes={comparison.general} />
          <Changes id="changes-obligations" title="Obligations" changes={comparison.obligations} />
          <Changes id="changes-safety" title="Safety figures" changes={comparison.safety} />
        </>
      )}
    </Stack>
  );
}

/** Compare this version with another of the same product, chosen in a list and kept in the URL (`?with=`). */
export function DossierComparison({ version }: { version: DossierVersion }): ReactNode {
  const [params, setParams] = useSearchParams();
  const other = params.get('with') ?? '';
  const versions = useQuery(versionsQuery(version.product.name));
  const comparison = useQuery({ ...comparisonQuery(version.id, other), enabled: other !== '' });
  const choices = (versions.data ?? []).filter((v) => v.id !== version.id).map((v) => ({ value: v.id, label: `Version ${v.version} — data lock point ${v.dataLockPoint}` }));
  const choose = (value: string | null): void => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') {
      next.delete('with');
    } else {
      next.set('with', value);
    }
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="sm">
      <QueryState query={versions} label="versions" isEmpty={() => choices.length === 0} empty="This is the product’s only version: there is nothing to compare it with yet.">
        {() => <Select label="Compare with version" placeholder="Choose another version" data={choices} value={other === '' ? null : other} onChange={choose} clearable style={{ maxWidth: 420 }} />}
      </QueryState>
      {other !== '' && (
        <QueryState query={comparison} label="comparison">
          {(result) => <ComparisonView comparison={result} />}
        </QueryState>
      )}
    </Stack>
  );
}
