import { Button, Group, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { notifyError, showFormError } from '../api/errors';
import { ActionDialog } from '../common/ActionDialog';
import { OneTimeSecret } from '../common/OneTimeSecret';
import { QueryState } from '../common/QueryState';
import { addChannel, channelsQuery, removeChannel, setChannelEnabled, type CreatedChannel, type NotificationChannel } from './profile-api';
import { DANGER } from '../common/colours';

const CHANNEL_OPTIONS = [
  { value: 'email', label: 'E-mail' },
  { value: 'webhook', label: 'Webhook' },
];

/** Where your reminders go besides the in-app inbox: e-mail addresses and webhooks (a webhook's signing secret shown once). */
export function NotificationChannelsPanel(): ReactNode {
  const channels = useQuery(channelsQuery);
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const [removing, setRemoving] = useState<NotificationChannel | null>(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: channelsQuery.queryKey });
  const form = useForm({
    initialValues: { channel: 'email' as 'email' | 'webhook', address: '', label: '' },
    validate: { address: (v) => (v.trim() === '' ? 'Enter an address' : null) },
  });
  const submit = form.onSubmit(async ({ channel, address, label }) => {
    try {
      const channelAdded = await addChannel({ channel, address: address.trim(), label: label.trim() === '' ? undefined : label.trim() });
      setCreated(channelAdded.secret === undefined ? null : channelAdded);
      form.reset();
      notifications.show({ color: 'green', title: 'Address added', message: channelAdded.address });
      await refresh();
    } catch (error) {
      showFormError(form, error);
    }
  });
  const toggle = async (channel: NotificationChannel, enabled: boolean): Promise<void> => {
    try {
      await setChannelEnabled(channel.id, enabled);
      await refresh();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Notification channels
      </Title>
      <Text size="sm" c="dimmed">
        Reminders always reach your in-app inbox; add addresses to receive them by e-mail or on a webhook as well (as the reminder policies say).
      </Text>
      <QueryState query={channels} label="notification channels" isEmpty={(list) => list.length === 0} empty="No e-mail address or webhook yet.">
        {(list) => (
          <Table striped verticalSpacing="xs" aria-label="Notification channels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Label</Table.Th>
                <Table.Th>Active</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((channel) => (
                <Table.Tr key={channel.id}>
                  <Table.Td>{channel.channel === 'email' ? 'E-mail' : 'Webhook'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{channel.address}</Table.Td>
                  <Table.Td>{channel.label ?? '—'}</Table.Td>
                  <Table.Td>
                    <Switch checked={channel.enabled} onChange={(event) => void toggle(channel, event.currentTarget.checked)} aria-label={`Send reminders to ${channel.address}`} />
                  </Table.Td>
                  <Table.Td>
                    <Button variant="subtle" color={DANGER} size="compact-sm" onClick={() => setRemoving(channel)}>
                      Remove<span className="visually-hidden"> {channel.address}</span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {created?.secret !== undefined && (
        <OneTimeSecret label="Webhook signing secret" value={created.secret}>
          The receiver checks <code>X-Webhook-Signature-256</code> (HMAC-SHA256 over the timestamp and body) with it.
          <Button variant="subtle" size="compact-xs" ml="xs" onClick={() => setCreated(null)}>
            Hide the secret
          </Button>
        </OneTimeSecret>
      )}
      <form onSubmit={submit} noValidate aria-label="Add a notification channel">
        <Group align="flex-start">
          <Select label="Channel" data={CHANNEL_OPTIONS} allowDeselect={false} w={140} {...form.getInputProps('channel')} />
          <TextInput
            label="Address"
            placeholder={form.values.channel === 'email' ? 'name@example.org' : 'https://hooks.example.org/cma'}
            required
            w={320}
            {...form.getInputProps('address')}
          />
          <TextInput label="Label" placeholder="Optional" w={200} {...form.getInputProps('label')} />
          <Button type="submit" mt={25} loading={form.submitting}>
            Add
          </Button>
        </Group>
      </form>
      <ActionDialog
        opened={removing !== null}
        title={`Remove ${removing?.address ?? ''}`}
        confirmLabel="Remove"
        danger
        withReason={false}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing !== null) {
            await removeChannel(removing.id);
            setRemoving(null);
            await refresh();
          }
        }}
      >
        <Text size="sm">Reminders pending for this address are cancelled.</Text>
      </ActionDialog>
    </Stack>
  );
}
