import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { DANGER } from '../common/colours';
import { BAND_LABELS, createReferenceSafety, withFormPaths, KIND_LABELS, options, OUTCOME_LABELS, SEVERITY_LABELS, type NewReferenceTerm, type ReferenceSafetyVersion, type ReferenceTerm } from './reference-safety-api';

/** A term as the form holds it: numbers as typed, PT names one per line; what the form does not show is carried over unchanged. */
interface TermValues {
  term: string;
  kind: string;
  ptNames: string;
  frequencyBand: string | null;
  statedRatePercent: number | string;
  rateDenominator: number | string;
  fatalOutcomeListed: boolean;
  maxSeverity: string | null;
  outcome: string | null;
  kept: Pick<NewReferenceTerm, 'hltNames' | 'denominatorNote' | 'lateOnset' | 'note'>;
}

const EMPTY_TERM: TermValues = { term: '', kind: 'reaction', ptNames: '', frequencyBand: null, statedRatePercent: '', rateDenominator: '', fatalOutcomeListed: false, maxSeverity: null, outcome: null, kept: {} };

function termValues(term: ReferenceTerm): TermValues {
  return {
    term: term.term,
    kind: term.kind,
    ptNames: term.ptNames.join('\n'),
    frequencyBand: term.frequencyBand,
    statedRatePercent: term.statedRatePercent ?? '',
    rateDenominator: term.rateDenominator ?? '',
    fatalOutcomeListed: term.fatalOutcomeListed,
    maxSeverity: term.maxSeverity,
    outcome: term.outcome,
    kept: { hltNames: term.hltNames, lateOnset: term.lateOnset, ...(term.denominatorNote === null ? {} : { denominatorNote: term.denominatorNote }), ...(term.note === null ? {} : { note: term.note }) },
  };
}

function numberOrNothing(value: number | string): number | undefined {
  return value === '' ? undefined : Number(value);
}

function toTerm(values: TermValues): NewReferenceTerm {
  const ptNames = values.ptNames.split('\n').map((n) => n.trim()).filter((n) => n !== '');
  return {
    ...values.kept,
    term: values.term.trim(),
    kind: values.kind as NewReferenceTerm['kind'],
    ...(ptNames.length === 0 ? {} : { ptNames }),
    ...(values.frequencyBand === null ? {} : { frequencyBand: values.frequencyBand as NewReferenceTerm['frequencyBand'] }),
    ...(numberOrNothing(values.statedRatePercent) === undefined ? {} : { statedRatePercent: numberOrNothing(values.statedRatePercent) }),
    ...(numberOrNothing(values.rateDenominator) === undefined ? {} : { rateDenominator: numberOrNothing(values.rateDenominator) }),
    fatalOutcomeListed: values.fatalOutcomeListed,
    ...(values.maxSeverity === null ? {} : { maxSeverity: values.maxSeverity as NewReferenceTerm['maxSeverity'] }),
    ...(values.outcome === null ? {} : { outcome: values.outcome as NewReferenceTerm['outcome'] }),
  };
}

/** A new version of the product's reference safety information, starting from the terms of the version in force. */
export function NewVersionForm({ product, current, onDone }: { product: string; current: ReferenceSafetyVersion | undefined; onDone: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { document: '', effectiveFrom: '', complete: current?.complete ?? true, note: '', terms: current === undefined ? [EMPTY_TERM] : current.terms.map(termValues) },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const created = await createReferenceSafety(product, {
        document: values.document.trim(),
        effectiveFrom: values.effectiveFrom,
        complete: values.complete,
        ...(values.note.trim() === '' ? {} : { note: values.note.trim() }),
        terms: values.terms.map(toTerm),
      });
      notifications.show({ color: 'green', title: 'Version recorded', message: `Version ${created.version} takes effect on ${created.effectiveFrom}.` });
      await queryClient.invalidateQueries({ queryKey: ['products', product, 'reference-safety'] });
      onDone();
    } catch (error) {
      showFormError(form, withFormPaths(error));
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="New version of the reference safety information">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label="Document" description="e.g. SmPC section 4.8 and its procedure" required {...form.getInputProps('document')} />
          <TextInput type="date" label="Effective from" required {...form.getInputProps('effectiveFrom')} />
        </Group>
        <Checkbox label="The list of terms is complete" {...form.getInputProps('complete', { type: 'checkbox' })} />
        <Textarea label="Note" autosize minRows={1} {...form.getInputProps('note')} />
        {form.values.terms.map((term, i) => (
          <Paper key={i} withBorder p="sm" component="fieldset" aria-label={`Term ${i + 1}`}>
            <Group justify="space-between" mb={4}>
              <Title order={3} size="h5">
                Term {i + 1}
              </Title>
              <ActionIcon variant="subtle" color={DANGER} aria-label={`Remove term ${i + 1}`} onClick={() => form.removeListItem('terms', i)} disabled={form.values.terms.length === 1}>
                ×
              </ActionIcon>
            </Group>
            <Group grow align="flex-start">
              <TextInput label="Term" required {...form.getInputProps(`terms.${i}.term`)} />
              <Select label="Kind" data={options(KIND_LABELS)} allowDeselect={false} {...form.getInputProps(`terms.${i}.kind`)} />
              {term.kind === 'outcome' && <Select label="Outcome counted" data={options(OUTCOME_LABELS)} clearable {...form.getInputProps(`terms.${i}.outcome`)} />}
            </Group>
            <Textarea label="Preferred terms" description="One PT per line; empty: the term itself" autosize minRows={1} {...form.getInputProps(`terms.${i}.ptNames`)} />
            <Group grow align="flex-start">
              <Select label="Frequency band" data={options(BAND_LABELS)} clearable {...form.getInputProps(`terms.${i}.frequencyBand`)} />
              <NumberInput label="Stated rate (%)" min={0} max={100} decimalScale={3} clampBehavior="none" {...form.getInputProps(`terms.${i}.statedRatePercent`)} />
              <NumberInput label="Denominator (patients)" description="Empty when unknown" min={1} clampBehavior="none" allowDecimal={false} {...form.getInputProps(`terms.${i}.rateDenominator`)} />
              <Select label="Maximum severity" data={options(SEVERITY_LABELS)} clearable {...form.getInputProps(`terms.${i}.maxSeverity`)} />
            </Group>
            <Checkbox mt="xs" label="Fatal outcome listed" {...form.getInputProps(`terms.${i}.fatalOutcomeListed`, { type: 'checkbox' })} />
          </Paper>
        ))}
        <Group>
          <Button variant="outline" onClick={() => form.insertListItem('terms', EMPTY_TERM)}>
            Add a term
          </Button>
          <Button type="submit" loading={form.submitting}>
            Record the version
          </Button>
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
