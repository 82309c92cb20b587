import { UsersService } from '../../src/auth/users.service';
import { systemActor } from '../../src/common/actor';
import { credentials, seriousAccessibilityViolations, useWebApp } from './harness';

describe('signing in', () => {
  const web = useWebApp();

  it('should show the API’s message for a wrong password and stay on the sign-in page', async () => {
    const page = await web().open({ path: '/' });
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.getByLabel('Username').fill(web().t.user.username);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), 'unknown username or wrong password');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('should say until when a locked account is locked', async () => {
    const user = await web().t.signIn('viewer', { username: 'locked-out' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await web().t.anon().post('/api/auth/session').send({ username: user.username, password: 'wrong wrong wrong' }).expect(attempt < 4 ? 401 : 429);
    }
    const page = await web().open({ path: '/sign-in' });
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /the account is locked until \d{4}-\d\d-\d\dT[\d:.]+Z\. Try again in 15 minutes\./);
  });

  it('should take a first sign-in with a one-time password straight to "choose your password", then to the page asked for', async () => {
    const { password } = await web().t.dataSource.transaction((m) =>
      web().t.app.get(UsersService).create(m, systemActor('test-setup'), { username: 'first-timer', displayName: 'First Timer', role: 'regulatory', productIds: null }),
    );
    const page = await web().open({ path: '/deadlines?overdue=true' });
    await page.getByLabel('Username').fill('first-timer');
    await page.getByLabel('Password', { exact: true }).fill(password ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/choose-password');

    // Going to a page first is not possible: it asks for the password again.
    await page.goto('/deadlines?overdue=true');
    await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/choose-password');

    await page.getByLabel('Current password', { exact: true }).fill(password ?? '');
    await page.getByLabel('New password', { exact: true }).fill('first-timer'.repeat(2));
    await page.getByLabel('Repeat the new password', { exact: true }).fill('first-timer'.repeat(2));
    await page.getByRole('button', { name: 'Save password and continue' }).click();
    await expectText(page.getByText('must not contain the username'), /username/);

    await page.getByLabel('New password', { exact: true }).fill('a much better passphrase');
    await page.getByLabel('Repeat the new password', { exact: true }).fill('a much better passphrase');
    await page.getByRole('button', { name: 'Save password and continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    expect(new URL(page.url()).search).toBe('?overdue=true');
    await web().t.anon().post('/api/auth/session').send({ username: 'first-timer', password: 'a much better passphrase' }).expect(200);
  });

  it('should sign out: the session ends and the app asks to sign in again', async () => {
    const user = await web().t.signIn('qppv', { username: 'signing-out' });
    const page = await web().open({ as: credentials(user), path: '/' });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to CMA tracker' }).waitFor();
    await page.goto('/deadlines');
    await page.waitForURL(/\/sign-in\?next=%2Fdeadlines$/);
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string | RegExp): Promise<void> {
  await locator.first().waitFor();
  const content = (await locator.first().textContent()) ?? '';
  if (typeof text === 'string') {
    expect(content).toContain(text);
  } else {
    expect(content).toMatch(text);
  }
}
