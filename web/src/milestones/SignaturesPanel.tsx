import { Badge, Stack, Table } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryState } from '../common/QueryState';
import { SignForm } from '../common/SignForm';
import { MEANING_LABELS } from '../products/labels';
import { MILESTONE_SIGNERS } from '../products/register-roles';
import { useRole } from '../session/use-session';
import { milestoneChanged, signaturesQuery, signMilestone, type Meaning, type Milestone, type Signature } from './milestones-api';

const STATE_LABELS: Record<Signature['state'], string> = {
  valid: 'valid',
  'content-changed': 'no longer valid: the milestone changed after signing',
  'seal-broken': 'seal broken',
};

/** The signatures given to this milestone, each checked by the API against the milestone as it is now. */
function SignatureList({ milestone }: { milestone: Milestone }): ReactNode {
  const signatures = useQuery(signaturesQuery(milestone.id));
  return (
    <QueryState query={signatures} label="signatures" isEmpty={(list) => list.length === 0} empty="Not signed yet.">
      {(list) => (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" aria-label="Signatures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Meaning</Table.Th>
                <Table.Th>Signed by</Table.Th>
                <Table.Th>When (UTC)</Table.Th>
                <Table.Th>Comment</Table.Th>
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
                  <Table.Td className="nowrap">{s.signedAt.replace('T', ' ').slice(0, 16)}</Table.Td>
                  <Table.Td>{s.comment ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={s.valid ? '#1e6b30' : 'red.9'} tt="none">
                      {STATE_LABELS[s.state]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

/** The milestone's electronic signatures, and the form to sign for the roles that may. */
export function SignaturesPanel({ milestone }: { milestone: Milestone }): ReactNode {
  const role = useRole();
  const queryClient = useQueryClient();
  const meanings = (Object.keys(MILESTONE_SIGNERS) as Meaning[]).filter((meaning) => MILESTONE_SIGNERS[meaning].includes(role));
  return (
    <Stack gap="md">
      <SignatureList milestone={milestone} />
      {meanings.length > 0 && (
        <SignForm
          label="Sign the milestone"
          submitLabel="Sign"
          what={milestone.title}
          meanings={meanings}
          sign={(body) => signMilestone(milestone.id, body)}
          onSigned={() => milestoneChanged(queryClient, milestone)}
        />
      )}
    </Stack>
  );
}
