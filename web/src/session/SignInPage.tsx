import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext } from '../layout/RequireSession';
import { signIn } from './session-api';
import { signInErrorMessage } from './sign-in-error';
import { useSessionState } from './use-session';

/** Sign in with username and password; a one-time password leads straight to "choose your password". */
export default function SignInPage(): ReactNode {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const state = useSessionState();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() === '' ? 'Enter your username' : null),
      password: (v) => (v === '' ? 'Enter your password' : null),
    },
  });

  useEffect(() => {
    document.title = 'Sign in · CMA tracker';
  }, []);

  if (state.status === 'signed-in' && !state.ended) {
    return <Navigate to={state.session.user.mustChangePassword ? `/choose-password?next=${encodeURIComponent(next)}` : next} replace />;
  }

  const submit = form.onSubmit(async ({ username, password }) => {
    setProblem(null);
    try {
      const session = await signIn(username.trim(), password);
      await navigate(session.user.mustChangePassword ? `/choose-password?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (error) {
      setProblem(signInErrorMessage(error));
      form.setFieldValue('password', '');
    }
  });

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Sign in to CMA tracker
            </Title>
            {problem !== null && (
              <Alert color="red" title="Not signed in" role="alert">
                {problem}
              </Alert>
            )}
            <TextInput label="Username" autoComplete="username" required withAsterisk={false} {...form.getInputProps('username')} />
            <PasswordInput label="Password" autoComplete="current-password" required withAsterisk={false} {...form.getInputProps('password')} />
            <Button type="submit" loading={form.submitting}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
