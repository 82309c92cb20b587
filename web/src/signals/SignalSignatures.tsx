import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { DANGER, SUCCESS } from '../common/colours';
import { formatInstant } from '../common/instant';
import { QueryState } from '../common/QueryState';
import { SignForm } from '../common/SignForm';
import { MEANING_LABELS } from '../products/labels';
import { useRole } from '../session/use-session';
import { signalsChanged, signaturesQuery, SIGNAL_SIGNERS, type Meaning, type Signal, type SignalSignature } from './signals-api';

const STATE_LABELS: Record<SignalSignature['state'], string> = {
  valid: 'valid',
  'content-changed': 'no longer valid: the assessment changed after signing',
  'seal-broken': 'seal broken',
};

/** The signatures on the signal's assessment (a QPPV's approval is needed to close it) and the form for those who may sign. */
export function SignalSignatures({ signal }: { signal: Signal }): ReactNode {
  const role = useRole();
  const queryClient = useQueryClient();
  const signatures = useQuery(signaturesQuery(signal.id));
  const meanings = (Object.keys(SIGNAL_SIGNERS) as Meaning[]).filter((m) => SIGNAL_SIGNERS[m].includes(role));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="signatures" maw={900}>
      <Title order={3} size="h4" id="signatures" mb="sm">
        QPPV signature on the assessment
      </Title>
      <Stack gap="sm">
        <Text size="sm" role="status">
          {signal.assessmentApproved ? 'Approved by a QPPV as it now stands.' : 'Not approved by a QPPV yet: the signal cannot be closed until it is.'}
        </Text>
        <QueryState query={signatures} label="signatures" isEmpty={(list) => list.length === 0} empty="Not signed yet.">
          {(list) => (
            <Table verticalSpacing={4} fz="sm" aria-label="Signatures of the assessment">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Meaning</Table.Th>
                  <Table.Th>Signed by</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{MEANING_LABELS[s.meaning]}</Table.Td>
                    <Table.Td>
                      {s.signer.name} ({s.signer.username}, {s.signer.role})
                    </Table.Td>
                    <Table.Td className="nowrap">{formatInstant(s.signedAt)}</Table.Td>
                    <Table.Td>
                      <Badge variant="filled" color={s.valid ? SUCCESS : DANGER} tt="none">
                        {STATE_LABELS[s.state]}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        {signal.assessment !== null && meanings.length > 0 && <SignForm
            label="Sign the assessment"
            submitLabel="Sign the assessment"
            what="The assessment"
            meanings={meanings}
            sign={(body) => api.post('/api/signatures', { body: { entityType: 'signal', entityId: signal.id, ...body } })}
            onSigned={() => signalsChanged(queryClient)}
          />}
      </Stack>
    </Paper>
  );
}
