import serverGlobalTeardown from '../global-teardown';

export default async function globalTeardown(): Promise<void> {
  await globalThis.cmaBrowserServer?.close();
  await serverGlobalTeardown();
}
