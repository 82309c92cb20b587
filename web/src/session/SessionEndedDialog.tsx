import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { signIn } from './session-api';
import { sessionStore } from './session-store';
import { signInErrorMessage } from './sign-in-error';
import { useSessionState } from './use-session';

/**
 * Shown over the page when the session ended (idle or absolute expiry, revoked). The page underneath —
 * and any half-filled form — stays as it is; the request that found the session gone waits, and is sent
 * again once the same person has signed in here.
 */
export function SessionEndedDialog(): ReactNode {
  const state = useSessionState();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' }, validate: { password: (v) => (v === '' ? 'Enter your password' : null) } });
  const open = state.status === 'signed-in' && state.ended;
  const username = state.status === 'signed-in' ? state.session.user.username : '';

  const submit = form.onSubmit(async ({ password }) => {
    setProblem(null);
    try {
      await signIn(username, password);
      form.reset();
    } catch (error) {
      setProblem(signInErrorMessage(error));
      form.setFieldValue('password', '');
    }
  });

  const leave = async (): Promise<void> => {
    sessionStore.signedOut();
    queryClient.clear();
    await navigate('/sign-in');
  };

  return (
    <Modal opened={open} onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title="Your session has ended" centered trapFocus>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Sign in again as <strong>{username}</strong> to carry on where you were; nothing on the page is lost.
          </Text>
          {problem !== null && (
            <Alert color="red" title="Not signed in" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput label="Password" autoComplete="current-password" data-autofocus required withAsterisk={false} {...form.getInputProps('password')} />
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => void leave()}>
              Sign out
            </Button>
            <Button type="submit" loading={form.submitting}>
              Sign in and continue
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
