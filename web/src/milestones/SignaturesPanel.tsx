import { Badge, Button, Group, PasswordInput, Radio, Stack, Table, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, showFormError } from '../api/errors';
import { QueryState } from '../common/QueryState';
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

/** Sign electronically: the password re-entered and the meaning chosen; the signature binds the content as it is now. */
function SignForm({ milestone, meanings }: { milestone: Milestone; meanings: Meaning[] }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { meaning: meanings.length === 1 ? (meanings[0] ?? '') : '', password: '', comment: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const signature = await signMilestone(milestone.id, { meaning: values.meaning as Meaning, password: values.password, comment: values.comment.trim() === '' ? undefined : values.comment.trim() });
      form.reset();
      notifications.show({ color: 'green', title: 'Signed', message: `${milestone.title}: ${MEANING_LABELS[signature.meaning].toLowerCase()} by ${signature.signer.name}` });
      await milestoneChanged(queryClient, milestone);
    } catch (error) {
      form.setFieldValue('password', '');
      if (error instanceof ApiError && (error.code === 'INVALID_CREDENTIALS' || error.status === 429)) {
        form.setFieldError('password', error.code === 'INVALID_CREDENTIALS' ? 'Wrong password: the signature was not given.' : error.message);
      } else {
        showFormError(form, error);
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Sign the milestone" style={{ maxWidth: 560 }}>
      <Stack gap="sm">
        <Radio.Group label="Meaning of the signature" {...form.getInputProps('meaning')}>
          <Group mt={4}>
            {meanings.map((meaning) => (
              <Radio key={meaning} value={meaning} label={MEANING_LABELS[meaning]} />
            ))}
          </Group>
        </Radio.Group>
        <PasswordInput label="Your password" description="Re-enter it to sign" autoComplete="current-password" aria-invalid={form.errors.password !== undefined} {...form.getInputProps('password')} />
        <Textarea label="Comment" description="Optional" autosize minRows={1} {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Sign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The milestone's electronic signatures, and the form to sign for the roles that may. */
export function SignaturesPanel({ milestone }: { milestone: Milestone }): ReactNode {
  const role = useRole();
  const meanings = (Object.keys(MILESTONE_SIGNERS) as Meaning[]).filter((meaning) => MILESTONE_SIGNERS[meaning].includes(role));
  return (
    <Stack gap="md">
      <SignatureList milestone={milestone} />
      {meanings.length > 0 && <SignForm milestone={milestone} meanings={meanings} />}
    </Stack>
  );
}
