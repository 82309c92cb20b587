import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { DANGER } from '../common/colours';

/** A modal holding one form: its fields, Cancel and the confirm button (focus trapped, Escape closes). */
export function FormDialog({
  opened,
  title,
  confirmLabel,
  submitting,
  danger = false,
  onSubmit,
  onClose,
  children,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  submitting: boolean;
  danger?: boolean;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}): ReactNode {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={title} centered trapFocus size="lg">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={danger ? DANGER : undefined} loading={submitting}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
