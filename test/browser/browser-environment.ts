import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

/** Node's test environment that tells the test file which test failed, so the harness keeps a screenshot of it. */
export default class BrowserTestEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') {
      this.global.cmaFailedTest = undefined;
    }
    if (event.name === 'test_fn_failure') {
      const names: string[] = [];
      for (let block: Circus.TestEntry | Circus.DescribeBlock | undefined = event.test; block !== undefined && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) {
        names.unshift(block.name);
      }
      this.global.cmaFailedTest = names.join(' ');
    }
  }
}
