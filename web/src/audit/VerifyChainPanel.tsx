import { Alert, Button, Code, Group, Paper, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import { verifyAuditChain, type AuditVerifyReport } from './audit-api';
import { SUCCESS } from '../common/colours';

function Report({ report }: { report: AuditVerifyReport }): ReactNode {
  const counted = `${report.checkedLinks} link${report.checkedLinks === 1 ? '' : 's'} and ${report.checkedEntries} entr${report.checkedEntries === 1 ? 'y' : 'ies'} recomputed`;
  if (report.ok) {
    return (
      <Alert color={SUCCESS} variant="outline" title="The audit chain is intact" role="status">
        <Text size="sm">{counted}; no link is broken.</Text>
        {report.head !== null && (
          <Text size="sm">
            Last link #{report.head.seq}, hash <Code>{report.head.hash}</Code> — keep it elsewhere to detect a truncated chain later.
          </Text>
        )}
      </Alert>
    );
  }
  const broken = report.firstBreak;
  return (
    <Alert color="red" title="The audit chain is BROKEN" role="alert">
      <Text size="sm">
        {counted} before the first broken link
        {broken === null ? '.' : broken.linkSeq === null ? ' (rows that no link covers).' : `: link #${broken.linkSeq}.`}
      </Text>
      {broken !== null && (
        <Text size="sm">
          Problem: <Code>{broken.problem}</Code> in transaction <Code>{broken.txId}</Code> — {broken.detail}
        </Text>
      )}
    </Alert>
  );
}

/** "Verify chain": the API recomputes every link of the audit hash chain and names the first broken one. */
export function VerifyChainPanel(): ReactNode {
  const verify = useMutation({ mutationFn: verifyAuditChain });
  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="verify-chain-title">
      <Group justify="space-between" mb={verify.isIdle ? 0 : 'sm'}>
        <div>
          <Title order={2} size="h4" id="verify-chain-title">
            Chain verification
          </Title>
          <Text size="sm" c="dimmed">
            Recomputes the hash of every link from the stored rows (reads the whole trail).
          </Text>
        </div>
        <Button variant="outline" onClick={() => verify.mutate()} loading={verify.isPending}>
          Verify chain
        </Button>
      </Group>
      {verify.isError && (
        <Alert color="red" title="The chain could not be verified" role="alert">
          {errorMessage(verify.error)}
        </Alert>
      )}
      {verify.data !== undefined && <Report report={verify.data} />}
    </Paper>
  );
}
