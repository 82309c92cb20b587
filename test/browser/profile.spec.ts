import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

describe('profile page', () => {
  const web = useWebApp();

  it('should show the calendar-feed URL once, and the URL should answer with the calendar', async () => {
    const user = await web().t.signIn('regulatory', { username: 'feed-reader' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    await page.getByText('You have no calendar-feed URL.').waitFor();
    await page.getByRole('button', { name: 'Create feed URL' }).click();
    const url = await page.getByRole('textbox', { name: 'Calendar feed URL' }).inputValue();
    expect(url).toMatch(new RegExp(`^${web().baseUrl}/api/calendar/[^/]+\\.ics$`));
    await page.getByText(/^Your calendar-feed URL is live/).waitFor();

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    await page.reload();
    await page.getByText(/^Your calendar-feed URL is live/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Calendar feed URL' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke URL' }).click();
    await page.getByRole('dialog', { name: 'Revoke the calendar-feed URL' }).getByRole('button', { name: 'Revoke URL' }).click();
    await page.getByText('You have no calendar-feed URL.').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });

  it('should create an API token shown once that works until it is revoked', async () => {
    const user = await web().t.signIn('safety', { username: 'token-maker' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Name').fill('erp-sync');
    await form.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByRole('textbox', { name: 'API token' }).inputValue();
    const me = await fetch(`${web().baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('token-maker');

    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'erp-sync' });
    await row.getByRole('button', { name: 'Revoke erp-sync' }).click();
    await page.getByRole('dialog', { name: 'Revoke the token erp-sync' }).getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await fetch(`${web().baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('should add a webhook with its signing secret shown once, and an e-mail address', async () => {
    const user = await web().t.signIn('qppv', { username: 'hook-owner' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    const form = page.getByRole('form', { name: 'Add a notification channel' });
    await form.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Webhook', exact: true }).click();
    await form.getByRole('textbox', { name: /^Address/ }).fill('https://hooks.example.org/cma');
    await form.getByRole('button', { name: 'Add' }).click();
    const secret = await page.getByRole('textbox', { name: 'Webhook signing secret' }).inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await page.getByRole('table', { name: 'Notification channels' }).getByRole('row').filter({ hasText: 'https://hooks.example.org/cma' }).waitFor();

    await form.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'E-mail', exact: true }).click();
    await form.getByRole('textbox', { name: /^Address/ }).fill('not an address');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByText('must be an e-mail address').waitFor();
    await form.getByRole('textbox', { name: /^Address/ }).fill('qppv@example.org');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('table', { name: 'Notification channels' }).getByRole('row').filter({ hasText: 'qppv@example.org' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Webhook signing secret' }).count()).toBe(0);
    const channels = (await user.http().get('/api/me/notification-channels').expect(200)).body as { address: string }[];
    expect(channels.map((c) => c.address).sort()).toEqual(['https://hooks.example.org/cma', 'qppv@example.org']);
  });

  it('should refuse a change made with the session cookie but without the CSRF token', async () => {
    const user = await web().t.signIn('viewer', { username: 'csrf-probe' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    const fromPage = await page.evaluate(async () => {
      const response = await fetch('/api/auth/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'forged' }) });
      return { status: response.status, body: (await response.json()) as { code: string } };
    });
    expect(fromPage).toEqual({ status: 403, body: expect.objectContaining({ code: 'CSRF_TOKEN_REQUIRED' }) });
    const viaContext = await page.request.post('/api/auth/calendar-token');
    expect(viaContext.status()).toBe(403);
    expect(((await viaContext.json()) as { code: string }).code).toBe('CSRF_TOKEN_REQUIRED');
    const tokens = (await user.http().get('/api/auth/tokens').expect(200)).body as { kind: string }[];
    expect(tokens.filter((t) => t.kind !== 'session')).toEqual([]);
  });

  it('should change the password: the API judges the new one, next to its field', async () => {
    const user = await web().t.signIn('regulatory', { username: 'pass-changer' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    await page.getByLabel('Current password', { exact: true }).fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('must be at least 12 characters', { exact: true }).waitFor();
    // The error is the field's description (announced with it), not just text nearby.
    const describedBy = (await page.getByLabel('New password', { exact: true }).getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(describedBy.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(descriptions).toContain('must be at least 12 characters');

    await page.getByLabel('New password', { exact: true }).fill('a far better passphrase');
    await page.getByLabel('Repeat the new password', { exact: true }).fill('a far better passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your other sessions have ended.').waitFor();
    await web().t.anon().post('/api/auth/session').send({ username: 'pass-changer', password: 'a far better passphrase' }).expect(200);
  });

  it('should pass axe-core without serious or critical violations', async () => {
    const user = await web().t.signIn('safety', { username: 'profile-axe' });
    const page = await web().open({ as: credentials(user), path: '/profile' });
    await page.getByRole('button', { name: 'Create feed URL' }).click();
    await page.getByRole('textbox', { name: 'Calendar feed URL' }).waitFor();
    await page.getByText(/^Loading /).first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
