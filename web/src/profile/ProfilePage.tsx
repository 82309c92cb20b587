import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageTitle } from '../common/PageTitle';
import { useSession } from '../session/use-session';
import { ApiTokensPanel } from './ApiTokensPanel';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { ChangePasswordPanel } from './ChangePasswordPanel';
import { NotificationChannelsPanel } from './NotificationChannelsPanel';

/** Everyone's own settings: password, where reminders go, API tokens, the calendar feed. */
export default function ProfilePage(): ReactNode {
  const { user } = useSession();
  return (
    <>
      <PageTitle title="Profile">Your profile</PageTitle>
      <Text mb="lg">
        {user.displayName} ({user.username}), role {user.role}, {user.productIds === null ? 'every product' : `${user.productIds.length} product${user.productIds.length === 1 ? '' : 's'}`}.
      </Text>
      <Stack gap="lg">
        <Paper withBorder p="md" component="section">
          <ChangePasswordPanel />
        </Paper>
        <Paper withBorder p="md" component="section">
          <NotificationChannelsPanel />
        </Paper>
        <Paper withBorder p="md" component="section">
          <ApiTokensPanel />
        </Paper>
        <Paper withBorder p="md" component="section">
          <CalendarFeedPanel />
        </Paper>
      </Stack>
    </>
  );
}
