import type { Command } from 'commander';
import { type AuditVerifyReport, verifyAuditChain } from '../audit/audit-verify';
import { createDataSource } from '../database/data-source';
import { cliContext } from './app-context';
import { printJson } from './cli-io';

/** The chain is broken: exit code 1 (via reportFailure) after the report was printed. */
export class AuditChainBrokenError extends Error {
  readonly code = 'AUDIT_CHAIN_BROKEN';
}

function describe(report: AuditVerifyReport): string {
  const head = report.head === null ? 'no intact link' : `last intact link ${report.head.seq}, hash ${report.head.hash}`;
  const checked = `${report.checkedLinks} link(s), ${report.checkedEntries} audit row(s); ${head}`;
  if (report.firstBreak === null) {
    return `Audit chain intact: ${checked}.\n`;
  }
  const { problem, detail } = report.firstBreak;
  return `Audit chain BROKEN (${problem}): ${detail}\nIntact before the break: ${checked}.\n`;
}

/** `audit verify`: exit 0 when the chain is intact, 1 when it is broken (the first break is printed). */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit trail (needs DATABASE_URL)');
  audit
    .command('verify')
    .description('Recompute the audit hash chain from the stored rows and name the first broken link; exit 1 when broken')
    .option('--json', 'print the report as one JSON document')
    .action(async (options: { json?: boolean }) => {
      const { config } = cliContext();
      const dataSource = createDataSource(config.databaseUrl, 'cma-tracker-cli');
      await dataSource.initialize();
      let report: AuditVerifyReport;
      try {
        report = await verifyAuditChain(dataSource);
      } finally {
        await dataSource.destroy();
      }
      if (options.json === true) {
        printJson(report);
      } else {
        process.stdout.write(describe(report));
      }
      if (report.firstBreak !== null) {
        throw new AuditChainBrokenError(`audit chain broken at ${report.firstBreak.linkSeq === null ? 'unsealed rows' : `link ${report.firstBreak.linkSeq}`}: ${report.firstBreak.problem}`);
      }
    });
}
