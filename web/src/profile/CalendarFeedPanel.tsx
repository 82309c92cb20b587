import { Button, Group, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { notifyError } from '../api/errors';
import { formatInstant } from '../common/instant';
import { OneTimeSecret } from '../common/OneTimeSecret';
import { QueryState } from '../common/QueryState';
import { ActionDialog } from '../common/ActionDialog';
import { revokeCalendarFeed, rotateCalendarFeed, tokensQuery, type CalendarFeed } from './profile-api';
import { DANGER } from '../common/colours';

/**
 * The person's secret calendar-feed URL (their deadlines as iCalendar, for a calendar app to subscribe to):
 * whether one is live, create or rotate it (the URL is shown once; rotating stops the old one), revoke it.
 * Used on the profile and by any page that offers "subscribe" (e.g. the timeline); `title={null}` leaves the
 * heading to the dialog or section around it.
 */
export function CalendarFeedPanel({ title = 'Calendar feed', headingOrder = 2 }: { title?: string | null; headingOrder?: TitleOrder }): ReactNode {
  const tokens = useQuery(tokensQuery);
  const queryClient = useQueryClient();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);
  const live = tokens.data?.find((t) => t.kind === 'calendar');
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey });

  const create = async (): Promise<void> => {
    setBusy(true);
    try {
      setFeed(await rotateCalendarFeed());
      await refresh();
    } catch (error) {
      notifyError(error, 'No feed URL');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      {title !== null && (
        <Title order={headingOrder} size="h3">
          {title}
        </Title>
      )}
      <Text size="sm" c="dimmed">
        A secret address that calendar apps (Outlook, Google Calendar, Apple Calendar) subscribe to: your deadlines, kept up to date. Anyone with the address sees them, so keep it to
        yourself; rotate it if it leaks.
      </Text>
      <QueryState query={tokens} label="calendar feed">
        {() => (
          <>
            <Text role="status">{live === undefined ? 'You have no calendar-feed URL.' : `Your calendar-feed URL is live (created ${formatInstant(live.createdAt)}).`}</Text>
            {feed !== null && (
              <OneTimeSecret label="Calendar feed URL" value={feed.url}>
                Paste it into your calendar app as a subscription (“add calendar from URL”).
              </OneTimeSecret>
            )}
            <Group>
              {live === undefined ? (
                <Button onClick={() => void create()} loading={busy}>
                  Create feed URL
                </Button>
              ) : (
                <>
                  <Button variant="outline" onClick={() => setConfirm('rotate')}>
                    Rotate URL
                  </Button>
                  <Button variant="outline" color={DANGER} onClick={() => setConfirm('revoke')}>
                    Revoke URL
                  </Button>
                </>
              )}
              {feed !== null && (
                <Button variant="subtle" onClick={() => setFeed(null)}>
                  Hide the URL
                </Button>
              )}
            </Group>
          </>
        )}
      </QueryState>
      <ActionDialog
        opened={confirm === 'rotate'}
        title="Rotate the calendar-feed URL"
        confirmLabel="Rotate URL"
        withReason={false}
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          await create();
        }}
      >
        <Text size="sm">A new URL is made and shown once; calendars subscribed to the old one stop updating.</Text>
      </ActionDialog>
      <ActionDialog
        opened={confirm === 'revoke'}
        title="Revoke the calendar-feed URL"
        confirmLabel="Revoke URL"
        danger
        withReason={false}
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          await revokeCalendarFeed();
          setConfirm(null);
          setFeed(null);
          notifications.show({ color: 'green', title: 'Calendar feed revoked', message: 'The URL no longer answers.' });
          await refresh();
        }}
      >
        <Text size="sm">Calendars subscribed to it stop updating.</Text>
      </ActionDialog>
    </Stack>
  );
}
