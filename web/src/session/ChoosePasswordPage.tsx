import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { showFormError } from '../api/errors';
import { safeNext } from '../layout/RequireSession';
import { choosePassword } from './session-api';
import { useSession } from './use-session';

/** Choose your own password: forced at the first sign-in with a one-time password, before anything else. */
export default function ChoosePasswordPage(): ReactNode {
  const { user } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (v) => (v === '' ? 'Enter the password you signed in with' : null),
      newPassword: (v) => (v.length < 12 ? 'Use at least 12 characters' : null),
      repeatPassword: (v, values) => (v !== values.newPassword ? 'The two new passwords differ' : null),
    },
  });

  useEffect(() => {
    document.title = 'Choose your password · CMA tracker';
  }, []);

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await choosePassword(currentPassword, newPassword);
      await navigate(next, { replace: true });
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Choose your password
            </Title>
            {user.mustChangePassword && (
              <Alert color="blue" title={`Welcome, ${user.displayName}`}>
                You signed in with a one-time password. Choose your own before you continue.
              </Alert>
            )}
            <PasswordInput label="Current password" autoComplete="current-password" required withAsterisk={false} {...form.getInputProps('currentPassword')} />
            <PasswordInput
              label="New password"
              description="At least 12 characters, not containing your username"
              autoComplete="new-password"
              required
              withAsterisk={false}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput label="Repeat the new password" autoComplete="new-password" required withAsterisk={false} {...form.getInputProps('repeatPassword')} />
            <Button type="submit" loading={form.submitting}>
              Save password and continue
            </Button>
            <Text size="sm" c="dimmed">
              Your other sessions end when the password changes.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
