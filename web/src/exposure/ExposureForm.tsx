import { Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { EXPOSURE_KIND_LABELS, recordExposure, type ExposureFigure, type ExposureKind } from './exposure-api';

type Num = number | string;

function num(value: Num): number | undefined {
  return value === '' ? undefined : Number(value);
}

function defined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Record an exposure figure, or correct one: the correction names the figure it replaces and says why. */
export function ExposureForm({ product, replacing, onDone }: { product: string; replacing: ExposureFigure | null; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      kind: (replacing?.kind ?? 'registry'),
      countedOn: replacing?.countedOn ?? '',
      patients: (replacing?.estimate === true ? '' : (replacing?.patients ?? '')) as Num,
      dosesDistributed: (replacing?.dosesDistributed ?? '') as Num,
      dosesPerPatient: (replacing?.dosesPerPatient ?? '') as Num,
      followUpMedianMonths: (replacing?.followUpMedianMonths ?? '') as Num,
      followUpMaxMonths: (replacing?.followUpMaxMonths ?? '') as Num,
      patientYears: (replacing?.patientYears ?? '') as Num,
      source: replacing?.source ?? '',
      note: '',
      reason: '',
    },
    validate: { reason: (value) => (replacing !== null && value.trim() === '' ? 'Say why the figure is corrected' : null) },
  });
  const estimate = form.values.kind === 'dose-estimate';
  const submit = form.onSubmit(async (v) => {
    const body = {
      kind: v.kind,
      countedOn: v.countedOn,
      source: v.source.trim(),
      ...defined({
        patients: estimate ? undefined : num(v.patients),
        dosesDistributed: estimate ? num(v.dosesDistributed) : undefined,
        dosesPerPatient: estimate ? num(v.dosesPerPatient) : undefined,
        followUpMedianMonths: num(v.followUpMedianMonths),
        followUpMaxMonths: num(v.followUpMaxMonths),
        patientYears: num(v.patientYears),
        note: v.note.trim() === '' ? undefined : v.note.trim(),
        replaces: replacing?.id,
        reason: replacing === null ? undefined : v.reason.trim(),
      }),
    };
    try {
      const saved = await recordExposure(product, body);
      notifications.show({ color: 'green', title: replacing === null ? 'Figure recorded' : 'Figure corrected', message: `${saved.patients} patients on ${saved.countedOn}.` });
      await queryClient.invalidateQueries({ queryKey: ['products', product, 'exposure'] });
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  const title = replacing === null ? 'New exposure figure' : `Correct the figure of ${replacing.countedOn} (${replacing.patients} patients)`;
  return (
    <Paper withBorder p="md">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {title}
          </Title>
          {replacing !== null && <Text size="sm">The corrected figure is kept in the history and stops counting; the correction names it and says why.</Text>}
          <Group grow align="flex-start">
            <Select label="Kind" data={(Object.keys(EXPOSURE_KIND_LABELS) as ExposureKind[]).map((value) => ({ value, label: EXPOSURE_KIND_LABELS[value] }))} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput type="date" label="Counted on" required {...form.getInputProps('countedOn')} />
            {estimate ? (
              <>
                <NumberInput label="Doses distributed (cumulative)" min={1} allowDecimal={false} {...form.getInputProps('dosesDistributed')} />
                <NumberInput label="Doses per patient" min={0} {...form.getInputProps('dosesPerPatient')} />
              </>
            ) : (
              <NumberInput label="Patients (cumulative)" min={0} allowDecimal={false} {...form.getInputProps('patients')} />
            )}
          </Group>
          <Group grow align="flex-start">
            <NumberInput label="Median follow-up (months)" min={0} {...form.getInputProps('followUpMedianMonths')} />
            <NumberInput label="Maximum follow-up (months)" min={0} {...form.getInputProps('followUpMaxMonths')} />
            <NumberInput label="Patient-years" min={0} {...form.getInputProps('patientYears')} />
          </Group>
          <TextInput label="Source" required {...form.getInputProps('source')} />
          <Textarea label="Note" autosize minRows={1} {...form.getInputProps('note')} />
          {replacing !== null && <Textarea label="Reason for the correction" required autosize minRows={2} {...form.getInputProps('reason')} />}
          <Group>
            <Button type="submit" loading={form.submitting}>
              {replacing === null ? 'Record the figure' : 'Record the correction'}
            </Button>
            <Button variant="subtle" onClick={onDone}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
