import { Anchor, AppShell, Badge, Button, Group, NavLink, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { notifyError } from '../api/errors';
import { unreadCountQuery } from './unread-count';
import { signOut } from '../session/session-api';
import { useRole, useSession } from '../session/use-session';
import type { Role } from '../session/session-store';

export interface NavItem {
  path: string;
  label: string;
  roles: readonly Role[];
}

/**
 * The frame of every signed-in page: a header (app name, unread reminders, who is signed in, sign out),
 * the navigation for the person's role, and the page in `main` (reached by "Skip to content").
 */
export function AppLayout({ nav }: { nav: readonly NavItem[] }): ReactNode {
  const { user } = useSession();
  const role = useRole();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unread = useQuery(unreadCountQuery);

  const onSignOut = async (): Promise<void> => {
    try {
      await signOut();
    } catch (error) {
      notifyError(error, 'Sign-out');
    }
    queryClient.clear();
    await navigate('/sign-in');
  };

  const count = unread.data?.unread;
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 210, breakpoint: 0 }} padding="lg">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" fw={700} size="lg" c="dark" underline="never">
            CMA tracker
          </Anchor>
          <Group gap="md" wrap="nowrap">
            <Anchor component={Link} to="/inbox">
              <Group gap={6} wrap="nowrap">
                <Text span inherit>
                  Inbox
                </Text>{' '}
                {count !== undefined && (
                  <>
                    <Badge color={count > 0 ? 'red.9' : 'gray.7'} variant="filled">
                      {count}
                    </Badge>
                    <span className="visually-hidden"> unread reminder{count === 1 ? '' : 's'}</span>
                  </>
                )}
              </Group>
            </Anchor>
            <Text size="sm">
              {user.displayName}{' '}
              <Text span size="sm" c="dimmed">
                ({user.username}, {role})
              </Text>
            </Text>
            <Button variant="outline" size="xs" onClick={() => void onSignOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {nav
          .filter((item) => item.roles.includes(role))
          .map((item) => (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={item.label}
              active={item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path)}
              aria-current={(item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path)) ? 'page' : undefined}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
