import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { showFormError } from '../api/errors';
import { DANGER } from '../common/colours';
import { startBuild } from './dossier-api';

interface ProposedChangeValues {
  obligationReference: string;
  change: string;
  reason: string;
}

const NO_CHANGE: ProposedChangeValues = { obligationReference: '', change: '', reason: '' };

/**
 * Start building a renewal dossier: the data lock point (the suggested one filled in), the benefit–risk
 * conclusion, proposed changes to obligations with their reasons, and whether to append the line listing.
 * The API queues the build; its page then shows the progress.
 */
export function StartBuildForm({ product, dataLockPoint }: { product: string; dataLockPoint: string | null }): ReactNode {
  const navigate = useNavigate();
  const form = useForm({ initialValues: { dataLockPoint: dataLockPoint ?? '', benefitRisk: '', lineListing: false, proposedChanges: [] as ProposedChangeValues[] } });
  const submit = form.onSubmit(async (values) => {
    try {
      const build = await startBuild(product, {
        dataLockPoint: values.dataLockPoint,
        benefitRisk: values.benefitRisk.trim() === '' ? undefined : values.benefitRisk.trim(),
        lineListing: values.lineListing,
        proposedChanges: values.proposedChanges.map((c) => ({ obligationReference: c.obligationReference.trim(), change: c.change.trim(), reason: c.reason.trim() })),
      });
      await navigate(`/dossier-builds/${build.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Start a dossier build">
      <Stack gap="sm" maw={720}>
        <TextInput type="date" label="Data lock point" description="Not after today; the suggestion above is filled in" required {...form.getInputProps('dataLockPoint')} />
        <Textarea label="Benefit–risk conclusion" description="Optional: shown as still to be written when empty" autosize minRows={2} {...form.getInputProps('benefitRisk')} />
        <Checkbox label="Append the line listing of the interval" {...form.getInputProps('lineListing', { type: 'checkbox' })} />
        {form.values.proposedChanges.map((_, i) => (
          <Paper key={i} withBorder p="sm" component="fieldset" aria-label={`Proposed change ${i + 1}`}>
            <Group justify="space-between" mb={4}>
              <Title order={3} size="h5">
                Proposed change {i + 1}
              </Title>
              <ActionIcon variant="subtle" color={DANGER} aria-label={`Remove proposed change ${i + 1}`} onClick={() => form.removeListItem('proposedChanges', i)}>
                ×
              </ActionIcon>
            </Group>
            <Stack gap="xs">
              <TextInput label="Obligation reference" description="e.g. SOB-001" {...form.getInputProps(`proposedChanges.${i}.obligationReference`)} />
              <Textarea label="Change proposed" autosize minRows={1} {...form.getInputProps(`proposedChanges.${i}.change`)} />
              <Textarea label="Reason" autosize minRows={1} {...form.getInputProps(`proposedChanges.${i}.reason`)} />
            </Stack>
          </Paper>
        ))}
        {typeof form.errors.proposedChanges === 'string' && (
          <Text size="sm" c={DANGER} role="alert">
            Proposed changes: {form.errors.proposedChanges}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="outline" onClick={() => form.insertListItem('proposedChanges', { ...NO_CHANGE })}>
            Add a proposed change
          </Button>
          <Button type="submit" loading={form.submitting}>
            Start the build
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          The build runs in the background; its page shows the progress.
        </Text>
      </Stack>
    </form>
  );
}
