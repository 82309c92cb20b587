import { Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { formatInstant } from '../common/instant';
import { productsQuery } from '../products/products-api';
import { useSession } from '../session/use-session';
import { accountsQuery, changeAccount, endSessions, ROLE_LABELS, unlockAccount, type Account } from './accounts-api';
import { CreateAccountDialog, EditAccountDialog, ResetPasswordDialog } from './AccountDialogs';
import { ActionDialog } from '../common/ActionDialog';
import { DANGER, WARNING } from '../common/colours';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'disable' | 'reset' | 'unlock' | 'end-sessions'; account: Account };

function Status({ account }: { account: Account }): ReactNode {
  return (
    <Group gap={4}>
      {account.disabled && (
        <Badge color={DANGER} variant="filled" tt="none">
          Disabled
        </Badge>
      )}
      {account.lockedUntil !== null && (
        <Badge color={WARNING} variant="filled" tt="none">
          Locked until {formatInstant(account.lockedUntil)}
        </Badge>
      )}
      {account.mustChangePassword && !account.disabled && (
        <Badge color="#1864ab" variant="outline" tt="none">
          One-time password
        </Badge>
      )}
      {!account.disabled && account.lockedUntil === null && !account.mustChangePassword && <Text size="sm">Active</Text>}
    </Group>
  );
}

function done(title: string, message: string): void {
  notifications.show({ color: 'green', title, message });
}

/** Accounts (administrators): list; create with a one-time password shown once; change role and scope; disable, reset, unlock, end sessions. */
export default function AccountsPage(): ReactNode {
  const { user } = useSession();
  const accounts = useQuery(accountsQuery);
  const products = useQuery(productsQuery);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const names = new Map((products.data ?? []).map((p) => [p.id, p.name]));
  const close = (): void => setDialog(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: accountsQuery.queryKey });
  const target = dialog !== null && dialog.kind !== 'create' ? dialog.account : null;
  const open = (kind: Exclude<Dialog['kind'], 'create'>): Account | null => (dialog?.kind === kind ? target : null);

  return (
    <>
      <PageTitle title="Accounts">Accounts</PageTitle>
      <Group justify="space-between" mb="sm">
        <Text c="dimmed" size="sm">
          Accounts are never deleted: disable the ones no longer needed.
        </Text>
        <Button onClick={() => setDialog({ kind: 'create' })}>Create account</Button>
      </Group>
      <QueryState query={accounts} label="accounts" isEmpty={(list) => list.length === 0} empty="No account yet.">
        {(list) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label="Accounts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Username</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Products</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td>
                      {account.username}
                      {account.id === user.id && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          (you)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{account.displayName}</Table.Td>
                    <Table.Td>{ROLE_LABELS[account.role]}</Table.Td>
                    <Table.Td>{account.productIds === null ? 'Every product' : account.productIds.map((id) => names.get(id) ?? id).join(', ') || 'None'}</Table.Td>
                    <Table.Td>
                      <Status account={account} />
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button variant="outline" size="compact-sm" aria-label={`Actions for ${account.username}`}>
                            Actions
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ kind: 'edit', account })}>Change name, role or products…</Menu.Item>
                          <Menu.Item onClick={() => setDialog({ kind: 'reset', account })}>Reset password…</Menu.Item>
                          {account.lockedUntil !== null && <Menu.Item onClick={() => setDialog({ kind: 'unlock', account })}>Unlock…</Menu.Item>}
                          <Menu.Item onClick={() => setDialog({ kind: 'end-sessions', account })}>End sessions…</Menu.Item>
                          <Menu.Item color={account.disabled ? undefined : DANGER} onClick={() => setDialog({ kind: 'disable', account })}>
                            {account.disabled ? 'Enable…' : 'Disable…'}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>

      <CreateAccountDialog opened={dialog?.kind === 'create'} onClose={close} onCreated={() => void refresh()} />
      <EditAccountDialog
        account={open('edit')}
        onClose={close}
        onSaved={() => {
          close();
          done('Account changed', `${target?.username ?? ''} saved.`);
          void refresh();
        }}
      />
      <ResetPasswordDialog account={open('reset')} onClose={close} onReset={() => void refresh()} />
      <ActionDialog
        opened={dialog?.kind === 'disable'}
        title={target?.disabled === true ? `Enable ${target.username}` : `Disable ${target?.username ?? ''}`}
        confirmLabel={target?.disabled === true ? 'Enable account' : 'Disable account'}
        danger={target?.disabled !== true}
        withReason
        onClose={close}
        onConfirm={async (reason) => {
          if (target !== null) {
            await changeAccount(target.id, { disabled: !target.disabled, reason });
            close();
            done(target.disabled ? 'Account enabled' : 'Account disabled', `${target.username}: ${reason}`);
            await refresh();
          }
        }}
      >
        <Text size="sm">{target?.disabled === true ? 'The account may sign in again.' : 'The account can no longer sign in; its sessions and tokens end.'}</Text>
      </ActionDialog>
      <ActionDialog
        opened={dialog?.kind === 'unlock'}
        title={`Unlock ${target?.username ?? ''}`}
        confirmLabel="Unlock"
        withReason={false}
        onClose={close}
        onConfirm={async () => {
          if (target !== null) {
            await unlockAccount(target.id);
            close();
            done('Account unlocked', `${target.username} may try to sign in again.`);
            await refresh();
          }
        }}
      >
        <Text size="sm">Lifts the lockout after failed sign-ins and clears the count of failed attempts.</Text>
      </ActionDialog>
      <ActionDialog
        opened={dialog?.kind === 'end-sessions'}
        title={`End the sessions of ${target?.username ?? ''}`}
        confirmLabel="End sessions"
        danger
        withReason={false}
        onClose={close}
        onConfirm={async () => {
          if (target !== null) {
            const { revoked } = await endSessions(target.id);
            close();
            done('Sessions ended', `${revoked} session${revoked === 1 ? '' : 's'} and token${revoked === 1 ? '' : 's'} of ${target.username} ended.`);
          }
        }}
      >
        <Text size="sm">Every browser session, API token and calendar-feed URL of the account stops working at once.</Text>
      </ActionDialog>
    </>
  );
}
