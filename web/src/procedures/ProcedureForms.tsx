import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { showFormError } from '../api/errors';
import type { Milestone } from '../milestones/milestones-api';
import { CLOCK_STOP_LABELS, OPINION_LABELS, optionsOf, PROCEDURE_TYPE_LABELS } from '../products/labels';
import {
  createProcedure,
  procedureChanged,
  restartClock,
  stopClock,
  updateTimetable,
  type ClockStopKind,
  type ClockStop,
  type OpinionOutcome,
  type Procedure,
  type ProcedureType,
  type TimetableBody,
} from './procedures-api';

/** An optional text field as the API wants it: absent when empty. */
function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

function FormButtons({ onCancel, submitting, label }: { onCancel: () => void; submitting: boolean; label: string }): ReactNode {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={submitting}>
        {label}
      </Button>
    </Group>
  );
}

/** Record a procedure of the product: its EMA number, type, title, first dates and the milestone it assesses. */
export function RecordProcedureForm({ product, milestones, onDone }: { product: string; milestones: readonly Milestone[]; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { number: '', type: '', title: '', submittedOn: '', startedOn: '', milestoneId: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const procedure = await createProcedure({
        product,
        number: values.number.trim(),
        type: values.type as ProcedureType,
        title: values.title.trim(),
        submittedOn: optional(values.submittedOn),
        startedOn: optional(values.startedOn),
        milestoneId: optional(values.milestoneId),
      });
      await procedureChanged(queryClient);
      notifications.show({ color: 'green', title: 'Procedure recorded', message: `${procedure.number}: ${procedure.title}` });
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Procedure number" description="EMEA/H/C/<product number>/<type>/<sequence>, e.g. EMEA/H/C/004827/II/0015" data-autofocus {...form.getInputProps('number')} />
        <Select label="Type" placeholder="Choose the type" data={optionsOf(PROCEDURE_TYPE_LABELS)} allowDeselect={false} {...form.getInputProps('type')} />
        <TextInput label="Title" {...form.getInputProps('title')} />
        <SimpleGrid cols={2}>
          <TextInput type="date" label="Submitted on" description="Optional" {...form.getInputProps('submittedOn')} />
          <TextInput type="date" label="Started on" description="Optional (EMA timetable)" {...form.getInputProps('startedOn')} />
        </SimpleGrid>
        <Select
          label="Milestone it assesses"
          description="Optional: the submission this procedure assesses"
          placeholder="None"
          clearable
          searchable
          data={milestones.map((m) => ({ value: m.id, label: `${m.title} (due ${m.dueDate})` }))}
          {...form.getInputProps('milestoneId')}
          value={form.values.milestoneId === '' ? null : form.values.milestoneId}
          onChange={(value: string | null) => form.setFieldValue('milestoneId', value ?? '')}
        />
        <FormButtons onCancel={onDone} submitting={form.submitting} label="Record procedure" />
      </Stack>
    </form>
  );
}

type TimetableField = 'submittedOn' | 'startedOn' | 'opinionOn' | 'commissionDecisionOn';
const TIMETABLE_FIELDS: readonly TimetableField[] = ['submittedOn', 'startedOn', 'opinionOn', 'commissionDecisionOn'];

/** Record or correct the timetable's dates (a cleared date is sent as null), with the reason for the change. */
export function TimetableForm({ procedure, onDone }: { procedure: Procedure; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const t = procedure.timetable;
  const form = useForm({
    initialValues: {
      submittedOn: t.submittedOn ?? '',
      startedOn: t.startedOn ?? '',
      opinionOn: t.opinionOn ?? '',
      opinionOutcome: t.opinionOutcome ?? '',
      commissionDecisionOn: t.commissionDecisionOn ?? '',
      reason: '',
    },
  });
  const submit = form.onSubmit(async (values) => {
    const body: TimetableBody = { reason: values.reason };
    for (const field of TIMETABLE_FIELDS) {
      if (values[field] !== (t[field] ?? '')) {
        body[field] = values[field] === '' ? null : values[field];
      }
    }
    if (values.opinionOutcome !== (t.opinionOutcome ?? '')) {
      body.opinionOutcome = values.opinionOutcome === '' ? null : (values.opinionOutcome as OpinionOutcome);
    }
    try {
      await updateTimetable(procedure.id, body);
      await procedureChanged(queryClient);
      notifications.show({ color: 'green', title: 'Timetable recorded', message: procedure.number });
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput type="date" label="Submitted on" data-autofocus {...form.getInputProps('submittedOn')} />
          <TextInput type="date" label="Started on" {...form.getInputProps('startedOn')} />
          <TextInput type="date" label="Opinion on" {...form.getInputProps('opinionOn')} />
          <Select
            label="Opinion"
            placeholder="Not yet"
            clearable
            data={optionsOf(OPINION_LABELS)}
            {...form.getInputProps('opinionOutcome')}
            value={form.values.opinionOutcome === '' ? null : form.values.opinionOutcome}
            onChange={(value: string | null) => form.setFieldValue('opinionOutcome', value ?? '')}
          />
          <TextInput type="date" label="Commission decision on" {...form.getInputProps('commissionDecisionOn')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Clear a date to remove one recorded by mistake. Questions, clock stops and restarts are recorded with “Stop the clock”.
        </Text>
        <Textarea label="Reason for the change" description='e.g. "CHMP opinion received"' autosize minRows={2} {...form.getInputProps('reason')} />
        <FormButtons onCancel={onDone} submitting={form.submitting} label="Save timetable" />
      </Stack>
    </form>
  );
}

/** The regulator stops the clock with questions: their kind, the day received and the date set for the responses. */
export function ClockStopForm({ procedure, onDone }: { procedure: Procedure; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { kind: '', stoppedOn: '', responsesDueOn: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      await stopClock(procedure.id, { kind: values.kind as ClockStopKind, stoppedOn: values.stoppedOn, responsesDueOn: optional(values.responsesDueOn) });
      await procedureChanged(queryClient);
      notifications.show({ color: 'green', title: 'Clock stop recorded', message: `${procedure.number}: the responses are now a deadline` });
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select label="Questions" placeholder="Choose the kind" data={optionsOf(CLOCK_STOP_LABELS)} allowDeselect={false} data-autofocus {...form.getInputProps('kind')} />
        <TextInput type="date" label="Received on (clock stopped)" {...form.getInputProps('stoppedOn')} />
        <TextInput
          type="date"
          label="Responses due on"
          description="The date the regulator set. May stay empty for validation questions in a CMA renewal: the API then sets 5 working days."
          {...form.getInputProps('responsesDueOn')}
        />
        <FormButtons onCancel={onDone} submitting={form.submitting} label="Stop the clock" />
      </Stack>
    </form>
  );
}

/** The responses were submitted and the clock restarts: the response deadline is met, on time or late. */
export function RestartForm({ procedure, stop, onDone }: { procedure: Procedure; stop: ClockStop; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { restartedOn: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      await restartClock(procedure.id, stop.id, { restartedOn: values.restartedOn });
      await procedureChanged(queryClient);
      notifications.show({ color: 'green', title: 'Clock restarted', message: procedure.number });
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {CLOCK_STOP_LABELS[stop.kind]} received {stop.stoppedOn}, responses due {stop.responsesDueOn}.
        </Text>
        <TextInput type="date" label="Responses submitted on (clock restarted)" data-autofocus {...form.getInputProps('restartedOn')} />
        <FormButtons onCancel={onDone} submitting={form.submitting} label="Record restart" />
      </Stack>
    </form>
  );
}
