import { Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { ActionDialog } from '../common/ActionDialog';
import { formatInstant } from '../common/instant';
import { OneTimeSecret } from '../common/OneTimeSecret';
import { QueryState } from '../common/QueryState';
import { useSession } from '../session/use-session';
import { createApiToken, revokeToken, tokensQuery, type IssuedToken, type Token } from './profile-api';
import { DANGER } from '../common/colours';

/** API tokens for integrations: create (your role or viewer; the token shown once), list, revoke. */
export function ApiTokensPanel(): ReactNode {
  const { user } = useSession();
  const tokens = useQuery(tokensQuery);
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey });
  const roles = [...new Set([user.role, 'viewer' as const])];
  const form = useForm({
    initialValues: { name: '', role: String(user.role), expiresInDays: 90 as number | string },
    validate: { name: (v) => (v.trim() === '' ? 'Name what will use the token' : null) },
  });
  const submit = form.onSubmit(async ({ name, role, expiresInDays }) => {
    try {
      setIssued(await createApiToken({ name: name.trim(), role: roles.find((r) => r === role), expiresInDays: expiresInDays === '' ? undefined : Number(expiresInDays) }));
      form.reset();
      await refresh();
    } catch (error) {
      showFormError(form, error);
    }
  });
  const apiTokens = (tokens.data ?? []).filter((t) => t.kind === 'api');

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        API tokens
      </Title>
      <Text size="sm" c="dimmed">
        For an integration that calls the API as you (or as a viewer): send it as <code>Authorization: Bearer …</code>.
      </Text>
      <QueryState query={tokens} label="API tokens" isEmpty={() => apiTokens.length === 0} empty="No API token.">
        {() => (
          <Table striped verticalSpacing="xs" aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created (UTC)</Table.Th>
                <Table.Th>Expires (UTC)</Table.Th>
                <Table.Th>Last used (UTC)</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apiTokens.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{token.role}</Table.Td>
                  <Table.Td>{formatInstant(token.createdAt)}</Table.Td>
                  <Table.Td>{token.expiresAt === null ? 'never' : formatInstant(token.expiresAt)}</Table.Td>
                  <Table.Td>{token.lastUsedAt === null ? 'never' : formatInstant(token.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Button variant="subtle" color={DANGER} size="compact-sm" onClick={() => setRevoking(token)}>
                      Revoke<span className="visually-hidden"> {token.name}</span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {issued !== null && (
        <OneTimeSecret label="API token" value={issued.token}>
          <Button variant="subtle" size="compact-xs" onClick={() => setIssued(null)}>
            Hide the token
          </Button>
        </OneTimeSecret>
      )}
      <form onSubmit={submit} noValidate aria-label="Create an API token">
        <Group align="flex-start">
          <TextInput label="Name" description="Letters, digits, “.”, “_”, “-”" placeholder="e.g. erp-sync" required w={240} {...form.getInputProps('name')} />
          <Select label="Role" description="Yours or read only" data={roles} allowDeselect={false} w={160} {...form.getInputProps('role')} />
          <NumberInput label="Valid for (days)" description="1 to 365" min={1} max={365} allowDecimal={false} allowNegative={false} w={160} {...form.getInputProps('expiresInDays')} />
          <Button type="submit" mt={45} loading={form.submitting}>
            Create token
          </Button>
        </Group>
      </form>
      <ActionDialog
        opened={revoking !== null}
        title={`Revoke the token ${revoking?.name ?? ''}`}
        confirmLabel="Revoke token"
        danger
        withReason={false}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (revoking !== null) {
            await revokeToken(revoking.id);
            setRevoking(null);
            await refresh();
          }
        }}
      >
        <Text size="sm">Whatever uses it can no longer call the API.</Text>
      </ActionDialog>
    </Stack>
  );
}
