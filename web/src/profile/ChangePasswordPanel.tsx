import { Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { choosePassword } from '../session/session-api';

/** Change your password: the current one again, the new one twice; the API judges the new one, and ends your other sessions. */
export function ChangePasswordPanel(): ReactNode {
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (v) => (v === '' ? 'Enter your current password' : null),
      newPassword: (v) => (v === '' ? 'Enter the new password' : null),
      repeatPassword: (v, values) => (v !== values.newPassword ? 'The two new passwords differ' : null),
    },
  });
  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await choosePassword(currentPassword, newPassword);
      form.reset();
      notifications.show({ color: 'green', title: 'Password changed', message: 'Your other sessions have ended.' });
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="change-password-title">
      <Stack maw={420} gap="sm">
        <Title order={2} size="h3" id="change-password-title">
          Password
        </Title>
        <PasswordInput label="Current password" autoComplete="current-password" required withAsterisk={false} {...form.getInputProps('currentPassword')} />
        <PasswordInput label="New password" description="At least 12 characters, not containing your username" autoComplete="new-password" required withAsterisk={false} {...form.getInputProps('newPassword')} />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" required withAsterisk={false} {...form.getInputProps('repeatPassword')} />
        <Text size="sm" c="dimmed">
          Your other sessions end when the password changes; this one stays.
        </Text>
        <Button type="submit" loading={form.submitting} w="fit-content">
          Change password
        </Button>
      </Stack>
    </form>
  );
}
