import { Button, Group, Menu, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { productsQuery } from '../products/products-api';
import { useRole, useSession } from '../session/use-session';
import { ROLE_LABELS } from './accounts-api';
import { ActionDialog } from '../common/ActionDialog';
import { CreateOverrideDialog, EditPolicyDialog } from './PolicyDialogs';
import { CHANNEL_LABELS, defaultPoliciesQuery, policiesQuery, POLICY_EDITORS, removePolicy, type PolicyLevel, type PolicyQuery, type ReminderPolicy } from './reminder-policies-api';
import { DANGER } from '../common/colours';
import { obligationQuery } from '../products/obligations-api';

const LEVELS: { value: PolicyLevel; label: string }[] = [
  { value: 'default', label: 'Defaults' },
  { value: 'product', label: 'Product overrides' },
  { value: 'obligation', label: 'Obligation overrides' },
];

function queryFromUrl(params: URLSearchParams): PolicyQuery {
  const level = LEVELS.find((l) => l.value === params.get('level'))?.value;
  const kind = params.get('deadlineKind')?.trim();
  return Object.fromEntries(Object.entries({ level, deadlineKind: kind === '' ? undefined : kind }).filter(([, v]) => v !== undefined));
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'remove'; policy: ReminderPolicy };

/**
 * When and whom reminders go to: the default of each kind of deadline and its overrides per product or obligation.
 * Everyone may read them (a product-scoped account only its products' overrides); administrators, regulatory
 * affairs and QPPVs change them, each change with a reason; defaults only by accounts that see every product.
 */
export default function ReminderPoliciesPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const role = useRole();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const policies = useQuery(policiesQuery(query));
  const defaults = useQuery(defaultPoliciesQuery);
  const products = useQuery(productsQuery);
  const obligationIds = [...new Set((policies.data ?? []).flatMap((p) => (p.obligationId === null ? [] : [p.obligationId])))];
  const obligations = useQueries({ queries: obligationIds.map((id) => obligationQuery(id)) });
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const productName = (id: string | null): string => (id === null ? '' : ((products.data ?? []).find((p) => p.id === id)?.name ?? id));
  const appliesTo = (policy: ReminderPolicy): string => {
    if (policy.obligationId !== null) {
      const obligation = obligations.find((o) => o.data?.id === policy.obligationId)?.data;
      return obligation === undefined ? `Obligation ${policy.obligationId}` : `Obligation ${obligation.reference} (${productName(obligation.productId)})`;
    }
    return policy.productId !== null ? `Product ${productName(policy.productId)}` : 'Default (every product)';
  };
  const mayEdit = POLICY_EDITORS.includes(role);
  const mayEditPolicy = (policy: ReminderPolicy): boolean => mayEdit && (policy.level !== 'default' || user.productIds === null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: ['reminder-policies'] });
  const close = (): void => setDialog(null);
  const target = dialog !== null && dialog.kind !== 'create' ? dialog.policy : null;
  const set = (key: keyof PolicyQuery, value: string | null): void => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') {
      next.delete(key);
    } else {
      next.set(key, value);
    }
    setParams(next);
  };

  return (
    <>
      <PageTitle title="Reminder policies">Reminder policies</PageTitle>
      <Group justify="space-between" align="flex-end" mb="md">
        <Group align="flex-end">
          <Select label="Kind of deadline" placeholder="Every kind" clearable data={(defaults.data ?? []).map((p) => p.deadlineKind)} value={query.deadlineKind ?? null} onChange={(v) => set('deadlineKind', v)} />
          <Select label="Level" placeholder="Defaults and overrides" clearable data={LEVELS} value={query.level ?? null} onChange={(v) => set('level', v)} />
        </Group>
        {mayEdit && <Button onClick={() => setDialog({ kind: 'create' })}>Add an override</Button>}
      </Group>
      <QueryState query={policies} label="reminder policies" isEmpty={(list) => list.length === 0} empty="No reminder policy matches.">
        {(list) => (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped verticalSpacing="xs" aria-label="Reminder policies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Applies to</Table.Th>
                  <Table.Th>Days before due</Table.Th>
                  <Table.Th>Once overdue</Table.Th>
                  <Table.Th>Reminded</Table.Th>
                  <Table.Th>Escalated to</Table.Th>
                  <Table.Th>Channels</Table.Th>
                  {mayEdit && (
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((policy) => (
                  <Table.Tr key={policy.id}>
                    <Table.Td>{policy.deadlineKind}</Table.Td>
                    <Table.Td>{appliesTo(policy)}</Table.Td>
                    <Table.Td>{policy.offsetsDays.join(', ')}</Table.Td>
                    <Table.Td>every {policy.escalationEveryDays === 1 ? 'day' : `${policy.escalationEveryDays} days`}</Table.Td>
                    <Table.Td>{policy.notifyRoles.map((r) => ROLE_LABELS[r]).join(', ')}</Table.Td>
                    <Table.Td>{policy.escalationRoles.length === 0 ? '—' : policy.escalationRoles.map((r) => ROLE_LABELS[r]).join(', ')}</Table.Td>
                    <Table.Td>{policy.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}</Table.Td>
                    {mayEdit && (
                      <Table.Td>
                        {mayEditPolicy(policy) && (
                          <Menu position="bottom-end">
                            <Menu.Target>
                              <Button variant="outline" size="compact-sm" aria-label={`Actions for ${policy.deadlineKind}: ${appliesTo(policy)}`}>
                                Actions
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setDialog({ kind: 'edit', policy })}>Change…</Menu.Item>
                              {policy.level !== 'default' && (
                                <Menu.Item color={DANGER} onClick={() => setDialog({ kind: 'remove', policy })}>
                                  Remove override…
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {mayEdit && (
        <>
          <CreateOverrideDialog
            opened={dialog?.kind === 'create'}
            onClose={close}
            onSaved={() => {
              close();
              notifications.show({ color: 'green', title: 'Override saved', message: 'Its deadlines are reminded by it from the next scan.' });
              void refresh();
            }}
          />
          <EditPolicyDialog
            policy={dialog?.kind === 'edit' ? target : null}
            title={target === null ? 'Change the policy' : `Change ${target.deadlineKind}: ${appliesTo(target)}`}
            onClose={close}
            onSaved={() => {
              close();
              notifications.show({ color: 'green', title: 'Policy changed', message: target === null ? '' : `${target.deadlineKind}: ${appliesTo(target)}` });
              void refresh();
            }}
          />
          <ActionDialog
            opened={dialog?.kind === 'remove'}
            title={target === null ? 'Remove the override' : `Remove the override of ${target.deadlineKind} for ${appliesTo(target)}`}
            confirmLabel="Remove override"
            danger
            withReason
            onClose={close}
            onConfirm={async (reason) => {
              if (target !== null) {
                await removePolicy(target.id, reason);
                close();
                notifications.show({ color: 'green', title: 'Override removed', message: 'Its deadlines fall back to the product policy or the default.' });
                await refresh();
              }
            }}
          >
            <Text size="sm">Its deadlines fall back to the product’s policy or the kind’s default.</Text>
          </ActionDialog>
        </>
      )}
    </>
  );
}
