import { Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { showFormError } from '../api/errors';
import { RECOMMENDED_ACTIONS, SIGNAL_PRIORITIES, SIGNAL_STATUSES, signalsChanged, type Signal, type StepBody } from './signals-api';

function FormPanel({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactNode {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} maw={640}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * The next GVP IX step with what it records (priority, assessment, recommended action). The API decides what
 * may follow: its refusal (the step, a missing field, the QPPV signature) lands next to the field it names.
 */
export function StepForm({ signal }: { signal: Signal }): ReactNode {
  const queryClient = useQueryClient();
  const later = SIGNAL_STATUSES.slice(SIGNAL_STATUSES.indexOf(signal.status) + 1);
  const form = useForm({ initialValues: { to: later[0] ?? '', notes: '', priority: '', assessment: '', recommendedAction: '' } });
  const submit = form.onSubmit(async (v) => {
    const body: StepBody = {
      to: v.to as StepBody['to'],
      notes: v.notes.trim(),
      ...(v.priority === '' ? {} : { priority: v.priority as NonNullable<StepBody['priority']> }),
      ...(v.assessment.trim() === '' ? {} : { assessment: v.assessment.trim() }),
      ...(v.recommendedAction === '' ? {} : { recommendedAction: v.recommendedAction as NonNullable<StepBody['recommendedAction']> }),
    };
    try {
      const updated = await api.post('/api/signals/{id}/steps', { params: { path: { id: signal.id } }, body });
      notifications.show({ color: 'green', title: 'Step recorded', message: `${updated.title} is now ${updated.status}` });
      form.reset();
      await signalsChanged(queryClient);
    } catch (error) {
      showFormError(form, error);
    }
  });
  if (later.length === 0) {
    return null;
  }
  return (
    <FormPanel id="step-form" title="Record the next step">
      <form onSubmit={submit} noValidate aria-labelledby="step-form">
        <Stack gap="sm">
          <Select label="Step" data={later.map((s) => ({ value: s, label: s }))} allowDeselect={false} {...form.getInputProps('to')} />
          <Textarea label="Notes" description="What was done and found at this step" autosize minRows={2} required {...form.getInputProps('notes')} />
          {form.values.to === 'analysed' && <Select label="Priority" data={SIGNAL_PRIORITIES.map((p) => ({ value: p, label: p }))} {...form.getInputProps('priority')} />}
          {form.values.to === 'assessed' && <Textarea label="Assessment" autosize minRows={3} {...form.getInputProps('assessment')} />}
          {form.values.to === 'closed' && <Select label="Recommended action" data={RECOMMENDED_ACTIONS.map((a) => ({ value: a, label: a }))} {...form.getInputProps('recommendedAction')} />}
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Record the step
            </Button>
          </Group>
        </Stack>
      </form>
    </FormPanel>
  );
}

/** Establish an emerging safety issue (notification due 3 working days later), or record its notification. */
export function EsiForm({ signal }: { signal: Signal }): ReactNode {
  const queryClient = useQueryClient();
  const esi = signal.emergingSafetyIssue;
  const form = useForm({ initialValues: { day: '', notes: '' } });
  const submit = form.onSubmit(async (v) => {
    try {
      if (esi === null) {
        await api.post('/api/signals/{id}/emerging-safety-issue', { params: { path: { id: signal.id } }, body: { establishedOn: v.day, notes: v.notes.trim() } });
      } else {
        await api.post('/api/signals/{id}/emerging-safety-issue/notification', { params: { path: { id: signal.id } }, body: { notifiedOn: v.day, notes: v.notes.trim() } });
      }
      form.reset();
      await signalsChanged(queryClient);
    } catch (error) {
      // The API names establishedOn / notifiedOn: both land on the one day field.
      showFormError({ setErrors: (errors) => form.setErrors({ ...errors, day: errors.establishedOn ?? errors.notifiedOn }), values: form.values }, error);
    }
  });
  if (esi !== null && esi.notifiedOn !== null) {
    return null;
  }
  const title = esi === null ? 'Establish an emerging safety issue' : 'Record the notification to EMA and the NCAs';
  return (
    <FormPanel id="esi-form" title={title}>
      <form onSubmit={submit} noValidate aria-labelledby="esi-form">
        <Stack gap="sm">
          <TextInput label={esi === null ? 'Established on' : 'Notified on'} description="YYYY-MM-DD" {...form.getInputProps('day')} />
          <Textarea label="Notes" autosize minRows={2} required {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              {esi === null ? 'Establish' : 'Record the notification'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormPanel>
  );
}

export function RegulatorOutcomeForm({ signal }: { signal: Signal }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { outcome: '', receivedOn: '' } });
  const submit = form.onSubmit(async (v) => {
    try {
      await api.post('/api/signals/{id}/regulator-outcome', { params: { path: { id: signal.id } }, body: { outcome: v.outcome.trim(), receivedOn: v.receivedOn } });
      form.reset();
      await signalsChanged(queryClient);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <FormPanel id="outcome-form" title="Record the regulator’s outcome">
      <form onSubmit={submit} noValidate aria-labelledby="outcome-form">
        <Stack gap="sm">
          <Textarea label="Outcome" description="PRAC recommendation, request, …" autosize minRows={2} required {...form.getInputProps('outcome')} />
          <TextInput label="Received on" description="YYYY-MM-DD" required {...form.getInputProps('receivedOn')} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Record the outcome
            </Button>
          </Group>
        </Stack>
      </form>
    </FormPanel>
  );
}
