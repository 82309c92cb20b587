import { Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { showFormError } from '../api/errors';
import { ActionDialog } from '../common/ActionDialog';
import { signalsChanged, type Alert, type SignalSummary } from './signals-api';

/** Validate an alert into a new signal or an open one of the same product, with the reason (GVP IX validation). */
export function ValidateAlertDialog({ alert, signals, onClose }: { alert: Alert | null; signals: readonly SignalSummary[]; onClose: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const open = signals.filter((s) => s.status !== 'closed' && alert !== null && s.productName === alert.product);
  const form = useForm({
    initialValues: { into: 'new', signal: '', title: '', reason: '' },
    validate: {
      reason: (v) => (v.trim() === '' ? 'Say why this is a signal (kept in the audit trail)' : null),
      signal: (v, values) => (values.into === 'open' && v === '' ? 'Choose the open signal' : null),
    },
  });
  const close = (): void => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    if (alert === null) {
      return;
    }
    try {
      const title = values.title.trim();
      const signal = await api.post('/api/alerts/{id}/validation', {
        params: { path: { id: alert.id } },
        body: { reason: values.reason.trim(), ...(values.into === 'open' ? { signal: values.signal } : title === '' ? {} : { title }) },
      });
      notifications.show({ color: 'green', title: 'Alert validated', message: `Now part of the signal “${signal.title}”` });
      await signalsChanged(queryClient);
      close();
      await navigate(`/signals/${signal.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={alert !== null} onClose={close} title="Validate the alert into a signal" centered trapFocus>
      <form onSubmit={submit} noValidate>
        <Stack>
          {alert !== null && (
            <Text size="sm">
              {alert.product}: {alert.event} — {alert.rule}
            </Text>
          )}
          <Radio.Group label="Into" {...form.getInputProps('into')}>
            <Group mt={4}>
              <Radio value="new" label="A new signal" />
              <Radio value="open" label="An open signal of this product" disabled={open.length === 0} />
            </Group>
          </Radio.Group>
          {form.values.into === 'new' ? (
            <TextInput label="Title of the new signal" description="Optional: product – event by default" {...form.getInputProps('title')} />
          ) : (
            <Select label="Open signal" data={open.map((s) => ({ value: s.id, label: `${s.title} (${s.status})` }))} {...form.getInputProps('signal')} />
          )}
          <Textarea label="Reason" description="Evidence, clinical relevance, previous awareness (kept in the audit trail)" autosize minRows={2} required data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Validate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DismissAlertDialog({ alert, onClose }: { alert: Alert | null; onClose: () => void }): ReactNode {
  const queryClient = useQueryClient();
  return (
    <ActionDialog
      opened={alert !== null}
      title="Dismiss the alert"
      confirmLabel="Dismiss"
      withReason
      danger
      onClose={onClose}
      onConfirm={async (reason) => {
        if (alert === null) {
          return;
        }
        await api.post('/api/alerts/{id}/dismissal', { params: { path: { id: alert.id } }, body: { reason } });
        notifications.show({ color: 'green', title: 'Alert dismissed', message: `${alert.product}: ${alert.event}` });
        await signalsChanged(queryClient);
        onClose();
      }}
    >
      {alert !== null && (
        <Text size="sm">
          {alert.product}: {alert.event} — {alert.rule}
        </Text>
      )}
    </ActionDialog>
  );
}
