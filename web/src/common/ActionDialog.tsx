import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, type ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { DANGER } from './colours';

/**
 * A confirmation dialog for one action, asking for the reason the audit trail keeps when the API wants one.
 * Refusals from the API appear next to the reason field when they name it, in a notification otherwise.
 * Focus is trapped while it is open; Escape or Cancel closes it.
 */
export function ActionDialog({
  opened,
  title,
  children,
  confirmLabel,
  withReason,
  danger = false,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  withReason: boolean;
  danger?: boolean;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}): ReactNode {
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (withReason && value.trim() === '' ? 'Say why (kept in the audit trail)' : null) },
  });
  const { reset } = form;
  useEffect(() => {
    if (!opened) {
      reset();
    }
  }, [opened, reset]);

  const submit = form.onSubmit(async ({ reason }) => {
    try {
      await onConfirm(reason.trim());
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={title} centered trapFocus>
      <form onSubmit={submit} noValidate>
        <Stack>
          {children}
          {withReason && <Textarea label="Reason" description="Kept in the audit trail" autosize minRows={2} required data-autofocus {...form.getInputProps('reason')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={danger ? DANGER : undefined} loading={form.submitting} data-autofocus={withReason ? undefined : true}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
