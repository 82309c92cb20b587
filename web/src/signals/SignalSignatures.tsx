import { Badge, Button, Group, Paper, PasswordInput, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { ApiError, showFormError } from '../api/errors';
import { DANGER, SUCCESS } from '../common/colours';
import { formatInstant } from '../common/instant';
import { QueryState } from '../common/QueryState';
import { MEANING_LABELS } from '../products/labels';
import { useRole } from '../session/use-session';
import { signalsChanged, signaturesQuery, SIGNAL_SIGNERS, type Meaning, type Signal, type SignalSignature } from './signals-api';

const STATE_LABELS: Record<SignalSignature['state'], string> = {
  valid: 'valid',
  'content-changed': 'no longer valid: the assessment changed after signing',
  'seal-broken': 'seal broken',
};

/** Sign the assessment electronically (as /api/signatures does for milestones): password re-entered, meaning chosen. */
function SignForm({ signal, meanings }: { signal: Signal; meanings: Meaning[] }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { meaning: meanings.length === 1 ? (meanings[0] ?? '') : '', password: '', comment: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const comment = values.comment.trim();
      const signature = await api.post('/api/signatures', { body: { entityType: 'signal', entityId: signal.id, meaning: values.meaning as Meaning, password: values.password, ...(comment === '' ? {} : { comment }) } });
      form.reset();
      notifications.show({ color: 'green', title: 'Signed', message: `The assessment: ${MEANING_LABELS[signature.meaning].toLowerCase()} by ${signature.signer.name}` });
      await signalsChanged(queryClient);
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
    <form onSubmit={submit} noValidate aria-label="Sign the assessment" style={{ maxWidth: 560 }}>
      <Stack gap="sm">
        <Radio.Group label="Meaning of the signature" {...form.getInputProps('meaning')}>
          <Group mt={4}>
            {meanings.map((meaning) => (
              <Radio key={meaning} value={meaning} label={MEANING_LABELS[meaning]} />
            ))}
          </Group>
        </Radio.Group>
        <PasswordInput label="Your password" description="Re-enter it to sign" autoComplete="current-password" {...form.getInputProps('password')} />
        <Textarea label="Comment" description="Optional" autosize minRows={1} {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Sign the assessment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The signatures on the signal's assessment (a QPPV's approval is needed to close it) and the form for those who may sign. */
export function SignalSignatures({ signal }: { signal: Signal }): ReactNode {
  const role = useRole();
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
        {signal.assessment !== null && meanings.length > 0 && <SignForm signal={signal} meanings={meanings} />}
      </Stack>
    </Paper>
  );
}
