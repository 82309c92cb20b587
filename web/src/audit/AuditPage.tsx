import { Button, Group, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { fieldErrors, notifyError } from '../api/errors';
import { downloadFile } from '../common/csv';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { productsQuery } from '../products/products-api';
import { useRole, useToday } from '../session/use-session';
import { auditQuery, CHAIN_VERIFIERS, fetchAuditCsv, type AuditEntry, type AuditFilter } from './audit-api';
import { AuditEntryRow } from './AuditEntryRow';
import { AuditFilters } from './AuditFilters';
import { VerifyChainPanel } from './VerifyChainPanel';
import { filterFromUrl, hasFilter, urlFromFilter, withChange } from './audit-filters';

/**
 * Who changed what, when and why: the audit trail filtered by entity, record, actor, action, product and period
 * (all in the URL), newest first, field by field; the filtered view as the API's CSV; the chain check for the
 * roles that may run it. Case content arrives redacted for roles that may not read cases, and the rows say so.
 */
export default function AuditPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const filter = filterFromUrl(params);
  const role = useRole();
  const today = useToday();
  const products = useQuery(productsQuery);
  const trail = useInfiniteQuery(auditQuery(filter));
  const [exporting, setExporting] = useState(false);
  const names = new Map((products.data ?? []).map((p) => [p.id, p.name]));

  // A change applies to the URL as it is now: the router renders a navigation in a transition, so the `filter`
  // of this render can be older than the address bar when two debounced fields fire close together.
  const change = (next: Partial<AuditFilter>): void => setParams(urlFromFilter(withChange(filterFromUrl(new URLSearchParams(window.location.search)), next)));

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    try {
      downloadFile(`audit-trail-${today}.csv`, await fetchAuditCsv(filter));
    } catch (error) {
      notifyError(error, 'Export failed');
    } finally {
      setExporting(false);
    }
  };

  const entries: AuditEntry[] = trail.data?.pages.flat() ?? [];
  return (
    <>
      <PageTitle title="Audit trail">Audit trail</PageTitle>
      {CHAIN_VERIFIERS.includes(role) && <VerifyChainPanel />}
      <AuditFilters filter={filter} errors={fieldErrors(trail.error)} onChange={change} />
      <Group justify="space-between" mt="lg" mb="xs">
        <Text role="status" aria-live="polite">
          {trail.data === undefined ? ' ' : `${entries.length}${trail.hasNextPage ? '+' : ''} entr${entries.length === 1 ? 'y' : 'ies'}${hasFilter(filter) ? ' match these filters' : ''}`}
        </Text>
        <Button variant="outline" onClick={() => void exportCsv()} loading={exporting} disabled={entries.length === 0} title="The whole filtered trail, oldest first, one line per changed field">
          Export CSV
        </Button>
      </Group>
      <QueryState query={trail} label="audit trail" isEmpty={() => entries.length === 0} empty="No audit entry matches these filters.">
        {() => (
          <>
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing="xs" aria-label="Audit trail">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When (UTC)</Table.Th>
                    <Table.Th>Actor</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Changes</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <AuditEntryRow key={entry.seq} entry={entry} productName={entry.productId === null ? null : (names.get(entry.productId) ?? null)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {trail.hasNextPage && (
              <Button mt="md" variant="outline" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
                {filter.order === 'asc' ? 'Load newer entries' : 'Load older entries'}
              </Button>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
