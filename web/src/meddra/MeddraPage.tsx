import { Badge, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { formatInstant } from '../common/instant';
import { releasesQuery, searchQuery, type SearchLevel, type SearchQuery } from './meddra-api';

const LEVELS: { value: SearchLevel; label: string }[] = [
  { value: 'any', label: 'LLTs and PTs' },
  { value: 'llt', label: 'LLTs only' },
  { value: 'pt', label: 'PTs only' },
];

function queryFromUrl(params: URLSearchParams): SearchQuery {
  const level = LEVELS.find((l) => l.value === params.get('level'))?.value;
  return { q: params.get('q') ?? '', ...(level === undefined ? {} : { level }), ...(params.get('nonCurrent') === 'true' ? { includeNonCurrent: true } : {}), limit: 50 };
}

function Releases(): ReactNode {
  const releases = useQuery(releasesQuery);
  return (
    <QueryState query={releases} label="MedDRA releases" isEmpty={(list) => list.length === 0} empty="No MedDRA release is loaded: reactions are coded with free PT text until one is (npm run cli -- meddra load <folder>).">
      {(list) => (
        <Table striped verticalSpacing="xs" aria-label="MedDRA releases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Language</Table.Th>
              <Table.Th>Loaded</Table.Th>
              <Table.Th>LLTs (current)</Table.Th>
              <Table.Th>PTs</Table.Th>
              <Table.Th>SOCs</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {r.version}{' '}
                  {r.current && (
                    <Badge color="#1864ab" variant="outline" tt="none">
                      current
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.language}</Table.Td>
                <Table.Td>
                  {formatInstant(r.loadedAt)} by {r.loadedBy}
                </Table.Td>
                <Table.Td>
                  {r.counts.llt} ({r.counts.lltCurrent})
                </Table.Td>
                <Table.Td>{r.counts.pt}</Table.Td>
                <Table.Td>{r.counts.soc}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

function SearchResults({ query }: { query: SearchQuery }): ReactNode {
  const result = useQuery(searchQuery(query));
  if (query.q.trim() === '') {
    return <Text>Type a term to search LLTs and PTs.</Text>;
  }
  return (
    <QueryState query={result} label="MedDRA terms" isEmpty={(r) => r.items.length === 0} empty={result.data?.message ?? 'No term matches.'}>
      {(r) => (
        <Table striped verticalSpacing="xs" aria-label="MedDRA terms found">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Term</Table.Th>
              <Table.Th>Level</Table.Th>
              <Table.Th>Preferred term (PT)</Table.Th>
              <Table.Th>Primary SOC</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.items.map((hit) => (
              <Table.Tr key={`${hit.level}-${hit.code}`}>
                <Table.Th scope="row" fw={500}>
                  {hit.name} <Text span size="xs">({hit.code}{hit.current ? '' : ', not current'})</Text>
                </Table.Th>
                <Table.Td>{hit.level.toUpperCase()}</Table.Td>
                <Table.Td>
                  {hit.ptName} ({hit.ptCode})
                </Table.Td>
                <Table.Td>
                  {hit.socName} ({hit.socCode})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

/** The loaded MedDRA releases and a term browser: search LLTs and PTs, each shown with its PT and primary SOC; the search is in the URL. */
export default function MeddraPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const [text, setText] = useState(query.q);
  const set = (key: string, value: string | null): void =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null || value === '') {
        next.delete(key);
      } else {
        next.set(key, value);
      }
      return next;
    });
  const setQ = useDebouncedCallback((value: string) => set('q', value.trim()), 300);
  return (
    <>
      <PageTitle title="MedDRA">MedDRA</PageTitle>
      <Stack gap="xl">
        <section aria-labelledby="meddra-releases">
          <Title order={2} size="h3" id="meddra-releases" mb="xs">
            Loaded releases
          </Title>
          <Releases />
        </section>
        <section aria-labelledby="meddra-browse">
          <Title order={2} size="h3" id="meddra-browse" mb="xs">
            Term browser
          </Title>
          <Group align="flex-end" mb="sm">
            <TextInput
              label="Search terms"
              w={320}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setQ(e.currentTarget.value);
              }}
            />
            <Select label="Level" w={200} data={LEVELS} allowDeselect={false} value={query.level ?? 'any'} onChange={(value) => set('level', value === 'any' ? null : value)} />
            <Checkbox label="Include non-current LLTs" checked={query.includeNonCurrent === true} onChange={(e) => set('nonCurrent', e.currentTarget.checked ? 'true' : null)} />
          </Group>
          <SearchResults query={query} />
        </section>
      </Stack>
    </>
  );
}
