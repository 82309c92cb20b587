import { runCliCaptured } from '../../test/cli-run';

describe('signals run --prior', () => {
  it.each([
    [['--prior', '1,2,3'], /--prior: "1,2,3" is not five numbers α1,β1,α2,β2,P/],
    [['--prior', '1,0.5,2,1,0.3'], /--prior needs --prior-source/],
    [['--prior-source', 'a paper'], /--prior-source goes with --prior/],
  ])('refuses %p as a usage error before touching the database', async (args, message) => {
    const run = await runCliCaptured({ DATABASE_URL: '' }, 'signals', 'run', '--database', 'own', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
