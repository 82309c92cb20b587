import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loadSession } from '../session/session-api';
import type { Role } from '../session/session-store';
import { useRole, useSessionState } from '../session/use-session';

/** Where to go after signing in: a path of this app only (never another origin). */
export function safeNext(value: string | null): string {
  return value !== null && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Pages behind sign-in. Nobody signed in → the sign-in page (coming back here afterwards); a password
 * that must be changed → "choose your password" before anything else.
 */
export function RequireSession({ children, passwordChange = false }: { children: ReactNode; passwordChange?: boolean }): ReactNode {
  const state = useSessionState();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  if (state.status === 'loading') {
    return (
      <Center h="100vh" role="status">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <Center h="100vh" component="main">
        <Stack maw={480}>
          <Alert color="red" title="The server cannot be reached" role="alert">
            <Text size="sm">{state.message}</Text>
          </Alert>
          <Button onClick={() => void loadSession()}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (state.status === 'signed-out') {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  if (state.session.user.mustChangePassword && !passwordChange) {
    return <Navigate to={`/choose-password?next=${encodeURIComponent(here)}`} replace />;
  }
  return children;
}

/** A page some roles may not open (the API refuses them anyway). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }): ReactNode {
  const role = useRole();
  if (!roles.includes(role)) {
    return (
      <Alert color="red" title="Not available for your role" role="alert">
        The {role} role may not open this page.
      </Alert>
    );
  }
  return children;
}
