import type { Page } from 'playwright-core';
import { ReminderDeliveryService } from '../../src/reminders/reminder-delivery.service';
import { ReminderScanService } from '../../src/reminders/reminder-scan.service';
import type { SignedInUser } from '../test-app';
import { DEMO_TODAY } from './demo-template';
import { credentials, seriousAccessibilityViolations, useWebApp, type WebApp } from './harness';

interface InboxItem {
  id: string;
  subject: string;
  deadline: { type: string; id: string };
  productId: string | null;
  readAt: string | null;
}

/**
 * Reminders in the user's inbox the way they really arrive: the reminder scan of the demo's today plans
 * them, and the in-app delivery (what the worker runs) writes this user's messages.
 */
async function deliverReminders(web: WebApp, user: SignedInUser): Promise<number> {
  await web.t.app.get(ReminderScanService).scan(DEMO_TODAY);
  const pending = await web.t.dataSource.query<{ id: string }[]>(`SELECT id FROM reminder_delivery WHERE channel = 'in-app' AND status = 'pending' AND recipient = $1`, [`user:${user.id}`]);
  const outcomes = await web.t.app.get(ReminderDeliveryService).deliverInboxBatch(pending.map((p) => p.id));
  return outcomes.filter((o) => o === 'delivered').length;
}

async function unreadCount(user: SignedInUser): Promise<number> {
  return (await user.http().get('/api/inbox/unread-count').expect(200)).body.unread as number;
}

/** The header's link names the count: "Inbox 3 unread reminders". */
function headerLink(page: Page, count: number) {
  return page.getByRole('banner').getByRole('link', { name: `Inbox ${count} unread reminder${count === 1 ? '' : 's'}` });
}

describe('inbox', () => {
  const web = useWebApp({ demo: true });

  it('should show the unread count the API gives, and lower it when one and then all are marked read', async () => {
    const user = await web().t.signIn('regulatory', { username: 'inbox-reader' });
    const delivered = await deliverReminders(web(), user);
    expect(delivered).toBeGreaterThanOrEqual(2);
    const unread = await unreadCount(user);
    expect(unread).toBe(delivered);

    const page = await web().open({ as: credentials(user), path: '/' });
    await headerLink(page, unread).waitFor();
    expect(await headerLink(page, unread).getAttribute('href')).toBe('/inbox');
    await headerLink(page, unread).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

    const items = (await user.http().get('/api/inbox').query({ limit: 100 }).expect(200)).body as InboxItem[];
    const rows = page.getByRole('table', { name: 'Reminders' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect((await rows.allInnerTexts()).slice(1).map((r) => r.split('\t')[1]?.trim().split('\n')[0])).toEqual(items.map((i) => i.subject));
    expect(await rows.filter({ hasText: 'Unread' }).count()).toBe(unread);
    // Received on the application's "today" (its clock, not the database's), shown as a calendar date.
    expect((await rows.allInnerTexts()).slice(1).map((r) => r.split('\t')[3]?.trim().split('\n')[0])).toEqual(items.map(() => `Sat ${DEMO_TODAY} (today)`));

    // Each reminder links to its milestone.
    const first = items[0]!;
    expect(first.deadline.type).toBe('milestone');
    expect(await rows.nth(1).getByRole('link', { name: `Milestone: ${first.subject}` }).getAttribute('href')).toBe(`/milestones/${first.deadline.id}`);

    await page.getByRole('button', { name: `Mark read: ${first.subject}` }).click();
    await headerLink(page, unread - 1).waitFor();
    expect(await unreadCount(user)).toBe(unread - 1);
    await rows.nth(1).getByText('Read', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Mark read: ${first.subject}` }).count()).toBe(0);

    await page.getByRole('button', { name: 'Mark all read' }).click();
    await headerLink(page, 0).waitFor();
    expect(await unreadCount(user)).toBe(0);
    expect(await rows.filter({ hasText: 'Unread' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
  });

  it('should keep "unread only" in the URL, over a reload', async () => {
    const user = await web().t.signIn('safety', { username: 'inbox-filter' });
    await deliverReminders(web(), user);
    const items = (await user.http().get('/api/inbox').expect(200)).body as InboxItem[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    await user.http().post(`/api/inbox/${items[0]!.id}/read`).expect(204);

    const page = await web().open({ as: credentials(user), path: '/inbox' });
    const rows = page.getByRole('table', { name: 'Reminders' }).getByRole('row');
    await rows.nth(items.length).waitFor();
    expect(await rows.count()).toBe(items.length + 1);
    await page.getByRole('switch', { name: 'Unread only' }).click({ force: true });
    await page.waitForURL(/\?unread=true$/);
    await rows.nth(items.length).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(items.length);
    await page.reload();
    await rows.nth(items.length - 1).waitFor();
    expect(await rows.count()).toBe(items.length);
    expect(await page.getByRole('switch', { name: 'Unread only' }).isChecked()).toBe(true);
  });

  it('should say so when the inbox is empty, and pass axe-core without serious or critical violations', async () => {
    const empty = await web().t.signIn('viewer', { username: 'inbox-empty' });
    const page = await web().open({ as: credentials(empty), path: '/inbox' });
    await page.getByText('No reminder yet: they arrive here as your deadlines approach.').waitFor();

    const user = await web().t.signIn('regulatory', { username: 'inbox-axe' });
    await deliverReminders(web(), user);
    const full = await web().open({ as: credentials(user), path: '/inbox' });
    await full.getByRole('table', { name: 'Reminders' }).getByRole('row').nth(1).waitFor();
    expect(await seriousAccessibilityViolations(full)).toEqual([]);
  });
});
