import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatInstant } from '../common/instant';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ActionDialog } from '../common/ActionDialog';
import { rotateSigningKey, signingKeysQuery } from './signing-keys-api';
import { SUCCESS } from '../common/colours';

/** The keys that seal electronic signatures (administrators): which is active since when; rotate with a reason. */
export default function SigningKeysPage(): ReactNode {
  const keys = useQuery(signingKeysQuery);
  const queryClient = useQueryClient();
  const [rotating, setRotating] = useState(false);

  return (
    <>
      <PageTitle title="Signing keys">Signing keys</PageTitle>
      <Group justify="space-between" mb="sm" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          Electronic signatures are sealed with the active key. Rotating retires it and creates a new one; signatures sealed with a retired key stay verifiable. The secrets never leave
          the server.
        </Text>
        <Button onClick={() => setRotating(true)}>Rotate key</Button>
      </Group>
      <QueryState query={keys} label="signing keys" isEmpty={(list) => list.length === 0} empty="No signing key yet: one is created at the first start.">
        {(list) => (
          <Table striped verticalSpacing="xs" aria-label="Signing keys" maw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Key</Table.Th>
                <Table.Th>Created (UTC)</Table.Th>
                <Table.Th>Retired (UTC)</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...list].reverse().map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>#{key.id}</Table.Td>
                  <Table.Td>{formatInstant(key.createdAt)}</Table.Td>
                  <Table.Td>{key.retiredAt === null ? '—' : formatInstant(key.retiredAt)}</Table.Td>
                  <Table.Td>
                    {key.active ? (
                      <Badge color={SUCCESS} variant="filled" tt="none">
                        Active
                      </Badge>
                    ) : (
                      'Retired'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <ActionDialog
        opened={rotating}
        title="Rotate the signing key"
        confirmLabel="Rotate key"
        withReason
        onClose={() => setRotating(false)}
        onConfirm={async (reason) => {
          const key = await rotateSigningKey(reason);
          setRotating(false);
          notifications.show({ color: 'green', title: 'Signing key rotated', message: `Key #${key.id} is now active.` });
          await queryClient.invalidateQueries({ queryKey: signingKeysQuery.queryKey });
        }}
      >
        <Text size="sm">New signatures will be sealed with a new key from now on.</Text>
      </ActionDialog>
    </>
  );
}
