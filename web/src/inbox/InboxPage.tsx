import { Anchor, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notifyError } from '../api/errors';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { unreadCountQuery } from '../layout/unread-count';
import { productsQuery } from '../products/products-api';
import { inboxQuery, inboxQueryFromUrl, markAllRead, markRead, type InboxItem } from './inbox-api';

/** "12:00 UTC" of an instant as the API gives it (never through the browser's time zone). */
function timeOf(instant: string): string {
  const match = /T(\d{2}:\d{2})/.exec(instant);
  return match === null ? '' : `${match[1]} UTC`;
}

/** What the reminder is about: its milestone's page (the API names a milestone by id) and its product's page. */
function About({ item, productName }: { item: InboxItem; productName: string | undefined }): ReactNode {
  return (
    <>
      {item.deadline.type === 'milestone' ? (
        <Anchor component={Link} to={`/milestones/${item.deadline.id}`} display="block" aria-label={`Milestone: ${item.subject}`}>
          Milestone
        </Anchor>
      ) : (
        <Text span display="block">
          {item.deadline.type === 'case-clock' ? 'Reporting clock of a case' : item.deadline.type === 'signal-esi' ? 'Emerging safety issue' : item.deadline.type}
        </Text>
      )}
      {productName !== undefined && (
        <Anchor component={Link} to={`/products/${encodeURIComponent(productName)}`} size="sm">
          {productName}
        </Anchor>
      )}
    </>
  );
}

function ReminderRow({ item, productName }: { item: InboxItem; productName: string | undefined }): ReactNode {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const unread = item.readAt === null;
  const onRead = async (): Promise<void> => {
    setBusy(true);
    try {
      await markRead(queryClient, item.id);
    } catch (error) {
      notifyError(error, 'Not marked read');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        {unread ? (
          <Badge color="red.9" variant="filled" style={{ overflow: 'visible' }}>
            Unread
          </Badge>
        ) : (
          <Text span size="sm" c="dimmed">
            Read
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text fw={unread ? 700 : 400}>{item.subject}</Text>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {item.body}
        </Text>
        {(item.escalation || item.late) && (
          <Text size="sm" c="dimmed">
            {[item.escalation ? 'Escalated: the deadline is overdue' : null, item.late ? 'Sent late' : null].filter((s) => s !== null).join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <About item={item} productName={productName} />
      </Table.Td>
      <Table.Td>
        <DateText date={item.createdAt.slice(0, 10)} />
        <Text size="sm" c="dimmed">
          {timeOf(item.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {unread && (
          <Button size="xs" variant="outline" loading={busy} onClick={() => void onRead()} aria-label={`Mark read: ${item.subject}`}>
            Mark read
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Your reminders, newest first: read or unread, mark one or all read, each linking to what it is about. */
export default function InboxPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const query = inboxQueryFromUrl(params);
  const reminders = useQuery(inboxQuery(query));
  const unread = useQuery(unreadCountQuery);
  const products = useQuery(productsQuery);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const names = new Map((products.data ?? []).map((p) => [p.id, p.name]));
  const count = unread.data?.unread;

  const onReadAll = async (): Promise<void> => {
    setBusy(true);
    try {
      const marked = await markAllRead(queryClient);
      notifications.show({ color: 'green', title: 'Inbox', message: `${marked} reminder${marked === 1 ? '' : 's'} marked read.` });
    } catch (error) {
      notifyError(error, 'Not marked read');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title="Inbox">Inbox</PageTitle>
      <Group justify="space-between" mb="md">
        <Switch
          label="Unread only"
          checked={query.unread === true}
          onChange={(event) => setParams(event.currentTarget.checked ? { unread: 'true' } : {})}
        />
        <Group>
          <Text role="status" aria-live="polite">
            {count === undefined ? ' ' : `${count} unread`}
          </Text>
          <Button variant="outline" onClick={() => void onReadAll()} loading={busy} disabled={count === 0}>
            Mark all read
          </Button>
        </Group>
      </Group>
      <QueryState
        query={reminders}
        label="reminders"
        isEmpty={(items) => items.length === 0}
        empty={query.unread === true ? 'No unread reminder.' : 'No reminder yet: they arrive here as your deadlines approach.'}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs" aria-label="Reminders" aria-busy={reminders.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>State</Table.Th>
                  <Table.Th>Reminder</Table.Th>
                  <Table.Th>About</Table.Th>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Action</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <ReminderRow key={item.id} item={item} productName={item.productId === null ? undefined : names.get(item.productId)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
