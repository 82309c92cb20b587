import { Alert, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError, showFormError } from '../api/errors';
import { STATUS_LABELS } from '../deadlines/labels';
import { CHANGE_SOURCE_LABELS, ECTD_TYPE_LABELS, optionsOf, OUTCOME_LABELS } from '../products/labels';
import { changeDueDate, milestoneChanged, recordOutcome, transition, type ChangeSource, type EctdType, type Milestone, type MilestoneStatus, type Outcome } from './milestones-api';

/** An optional text field as the API wants it: absent when empty. */
function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** A 409 from the API: what it said and, for a workflow step, the steps allowed from where the milestone is now. */
export function ConflictAlert({ error }: { error: ApiError }): ReactNode {
  const allowed = Array.isArray(error.details.allowed) ? (error.details.allowed as MilestoneStatus[]) : null;
  return (
    <Alert color="red" title="Not possible any more" role="alert">
      <Text size="sm">{error.message}</Text>
      {allowed !== null && (
        <Text size="sm" mt={4}>
          Allowed now: <strong>{allowed.length === 0 ? 'none' : allowed.map((s) => STATUS_LABELS[s] ?? s).join(', ')}</strong>
        </Text>
      )}
    </Alert>
  );
}

/**
 * A refused change: a 409 (someone else moved the milestone on) is shown above the form and the milestone is
 * read again; problems with named fields go next to them; anything else is a notification.
 */
async function refused(queryClient: QueryClient, milestone: Milestone, form: Parameters<typeof showFormError>[0], error: unknown, setConflict: (e: ApiError | null) => void): Promise<void> {
  if (error instanceof ApiError && error.status === 409) {
    setConflict(error);
    await queryClient.invalidateQueries({ queryKey: ['milestones', milestone.id] });
    return;
  }
  showFormError(form, error);
}

/** What every milestone form shares: the 409 shown above it, and what follows a change that went through. */
function useMilestoneChange(): { conflict: ApiError | null; setConflict: (e: ApiError | null) => void; done: (updated: Milestone, title: string, message: string) => Promise<void>; queryClient: QueryClient } {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const done = async (updated: Milestone, title: string, message: string): Promise<void> => {
    setConflict(null);
    notifications.show({ color: 'green', title, message });
    await milestoneChanged(queryClient, updated);
  };
  return { conflict, setConflict, done, queryClient };
}

/** Move the milestone through its workflow: planned → in progress → submitted (date, reference, eCTD type), or cancelled with a reason. */
export function ProgressForm({ milestone }: { milestone: Milestone }): ReactNode {
  const { conflict, setConflict, done, queryClient } = useMilestoneChange();
  const form = useForm({ initialValues: { status: '', submittedOn: '', submissionRef: '', ectdType: '', reason: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const updated = await transition(milestone.id, {
        status: values.status as MilestoneStatus,
        ...(values.status === 'submitted' ? { submittedOn: optional(values.submittedOn), submissionRef: optional(values.submissionRef), ectdType: optional(values.ectdType) as EctdType | undefined } : {}),
        ...(values.status === 'cancelled' ? { reason: optional(values.reason) } : {}),
      });
      form.reset();
      await done(updated, 'Status recorded', `${updated.title}: ${STATUS_LABELS[updated.status]}`);
    } catch (error) {
      await refused(queryClient, milestone, form, error, setConflict);
    }
  });
  if (milestone.allowedTransitions.length === 0) {
    return (
      <Stack gap="sm">
        {conflict !== null && <ConflictAlert error={conflict} />}
        <Text size="sm">This milestone is {STATUS_LABELS[milestone.status].toLowerCase()}: its workflow has no further step.</Text>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Record progress">
      <Stack gap="sm">
        {conflict !== null && <ConflictAlert error={conflict} />}
        <Select label="New status" placeholder="Choose the next step" data={optionsOf(STATUS_LABELS, milestone.allowedTransitions)} allowDeselect={false} {...form.getInputProps('status')} />
        {form.values.status === 'submitted' && (
          <>
            <TextInput type="date" label="Submitted on" {...form.getInputProps('submittedOn')} />
            <TextInput label="Submission reference" description="e.g. the eCTD sequence or the EMA procedure number" {...form.getInputProps('submissionRef')} />
            <Select label="eCTD submission type" placeholder="Choose the type" clearable data={optionsOf(ECTD_TYPE_LABELS)} {...form.getInputProps('ectdType')} />
          </>
        )}
        {form.values.status === 'cancelled' && <Textarea label="Reason for cancelling" autosize minRows={2} {...form.getInputProps('reason')} />}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Record status
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The committee's assessment of a submitted milestone, kept apart from its timeliness. */
export function OutcomeForm({ milestone }: { milestone: Milestone }): ReactNode {
  const { conflict, setConflict, done, queryClient } = useMilestoneChange();
  const form = useForm({ initialValues: { outcome: milestone.outcome?.outcome ?? '', outcomeOn: milestone.outcome?.decidedOn ?? '', procedureRef: milestone.outcome?.procedureRef ?? '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const updated = await recordOutcome(milestone.id, { outcome: values.outcome as Outcome, outcomeOn: values.outcomeOn, procedureRef: optional(values.procedureRef) });
      await done(updated, 'Outcome recorded', `${updated.title}: ${OUTCOME_LABELS[values.outcome as Outcome]}`);
    } catch (error) {
      await refused(queryClient, milestone, form, error, setConflict);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record the outcome">
      <Stack gap="sm">
        {conflict !== null && <ConflictAlert error={conflict} />}
        <Select label="Outcome" placeholder="Choose the outcome" data={optionsOf(OUTCOME_LABELS)} allowDeselect={false} {...form.getInputProps('outcome')} />
        <TextInput type="date" label="Decided on" {...form.getInputProps('outcomeOn')} />
        <TextInput label="Procedure reference" description="Optional, e.g. EMEA/H/C/004827/SOB/001" {...form.getInputProps('procedureRef')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Record outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A new due date, only with the reason and the procedure it comes from; kept in the history. */
export function DueDateForm({ milestone }: { milestone: Milestone }): ReactNode {
  const { conflict, setConflict, done, queryClient } = useMilestoneChange();
  const form = useForm({ initialValues: { dueDate: '', changeSource: '', procedureRef: '', reason: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const updated = await changeDueDate(milestone.id, { dueDate: values.dueDate, changeSource: values.changeSource as ChangeSource, procedureRef: optional(values.procedureRef), reason: values.reason });
      form.reset();
      await done(updated, 'Due date changed', `${updated.title}: due ${updated.dueDate}`);
    } catch (error) {
      await refused(queryClient, milestone, form, error, setConflict);
    }
  });
  const sources = optionsOf(CHANGE_SOURCE_LABELS).filter((o) => o.value !== 'initial' && o.value !== 'recomputed');
  return (
    <form onSubmit={submit} noValidate aria-label="Change the due date">
      <Stack gap="sm">
        {conflict !== null && <ConflictAlert error={conflict} />}
        <TextInput type="date" label="New due date" description={`Now ${milestone.dueDate}`} {...form.getInputProps('dueDate')} />
        <Select label="Changed through" placeholder="Choose the procedure type" data={sources} allowDeselect={false} {...form.getInputProps('changeSource')} />
        <TextInput label="Procedure reference" description="e.g. EMEA/H/C/004827/II/0015 (not needed for a regulator letter)" {...form.getInputProps('procedureRef')} />
        <Textarea label="Reason" description="Why the date changes; kept in the history" autosize minRows={2} {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Change due date
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
