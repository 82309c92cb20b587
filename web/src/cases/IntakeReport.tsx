import { ActionIcon, Button, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import { AGE_UNITS, newReporter, QUALIFICATIONS, REPORT_TYPES, SEXES, type IntakeValues } from './intake-form';
import { REPORT_TYPE_LABELS } from './labels';

export type IntakeForm = UseFormReturnType<IntakeValues>;

/** A clearable select's props for an optional text value: empty in the form is no selection (null) in the select. */
export function optionalSelect(form: IntakeForm, path: string) {
  const props = form.getInputProps(path);
  const value = props.value as unknown;
  return { ...props, clearable: true, value: typeof value === 'string' && value !== '' ? value : null, onChange: (next: string | null) => form.setFieldValue(path, next ?? '') };
}

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value.replace(/-/g, ' ') }));

/** C.1: the report itself — product, type, receipt, day 0, the case's identifiers elsewhere. */
export function ReportFields({ form }: { form: IntakeForm }): ReactNode {
  const products = useQuery(productsQuery);
  return (
    <Fieldset legend="Report">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Select label="Product" placeholder="The suspect product" required searchable data={(products.data ?? []).map((p) => p.name)} {...form.getInputProps('product')} />
        <Select label="Report type" allowDeselect={false} data={REPORT_TYPES.map((value) => ({ value, label: REPORT_TYPE_LABELS[value] }))} {...form.getInputProps('reportType')} />
        {form.values.reportType === 'literature' && <TextInput label="Literature reference" required {...form.getInputProps('literatureReference')} />}
        <TextInput type="date" label="Initial receipt" description="C.1.4: first received by the company" required {...form.getInputProps('initialReceiptOn')} />
        <TextInput type="date" label="Day 0" description="C.1.5: default the initial receipt" {...form.getInputProps('day0')} />
      </SimpleGrid>
      <Stack gap="xs" mt="sm">
        {form.values.otherIdentifiers.map((_, index) => (
          <Group key={index} align="flex-end">
            <TextInput label={`Other case id ${index + 1}: source`} {...form.getInputProps(`otherIdentifiers.${index}.source`)} />
            <TextInput label={`Other case id ${index + 1}: id`} {...form.getInputProps(`otherIdentifiers.${index}.id`)} />
            <Button variant="subtle" onClick={() => form.removeListItem('otherIdentifiers', index)}>
              Remove id {index + 1}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('otherIdentifiers', { source: '', id: '' })}>
            Add another case identifier
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** C.2: who reported it (repeatable), one of them the primary source. */
export function ReporterFields({ form }: { form: IntakeForm }): ReactNode {
  return (
    <Fieldset legend="Reporters">
      <Stack gap="sm">
        {form.values.reporters.map((_, index) => (
          <SimpleGrid key={index} cols={{ base: 1, sm: 2, md: 5 }} aria-label={`Reporter ${index + 1}`} role="group">
            <TextInput label={`Reporter ${index + 1} name`} {...form.getInputProps(`reporters.${index}.name`)} />
            <Select label={`Reporter ${index + 1} qualification`} data={plain(QUALIFICATIONS)} {...optionalSelect(form, `reporters.${index}.qualification`)} />
            <TextInput label={`Reporter ${index + 1} country`} description="ISO code, e.g. DE" maxLength={2} {...form.getInputProps(`reporters.${index}.country`)} />
            <Checkbox
              mt="lg"
              label="Primary source"
              checked={form.values.reporters[index]?.primarySource ?? false}
              onChange={(event) =>
                form.setFieldValue(
                  'reporters',
                  form.values.reporters.map((r, i) => ({ ...r, primarySource: i === index ? event.currentTarget.checked : event.currentTarget.checked ? false : r.primarySource })),
                )
              }
            />
            <Group mt="lg">
              <ActionIcon variant="subtle" aria-label={`Remove reporter ${index + 1}`} onClick={() => form.removeListItem('reporters', index)}>
                ✕
              </ActionIcon>
            </Group>
          </SimpleGrid>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('reporters', newReporter(form.values.reporters.length === 0))}>
            Add a reporter
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** D: the patient (identifiable by any of initials, identifier, age, sex...). */
export function PatientFields({ form }: { form: IntakeForm }): ReactNode {
  return (
    <Fieldset legend="Patient">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <TextInput label="Initials" {...form.getInputProps('patient.initials')} />
        <TextInput label="Patient identifier" description="Record, registry or study number" {...form.getInputProps('patient.identifier')} />
        <NumberInput label="Age" min={0} allowNegative={false} {...form.getInputProps('patient.ageValue')} />
        <Select label="Age unit" data={plain(AGE_UNITS)} {...optionalSelect(form, 'patient.ageUnit')} />
        <Select label="Sex" data={plain(SEXES)} {...optionalSelect(form, 'patient.sex')} />
        <NumberInput label="Weight (kg)" min={0} allowNegative={false} {...form.getInputProps('patient.weightKg')} />
        <TextInput type="date" label="Died on" {...form.getInputProps('patient.diedOn')} />
      </SimpleGrid>
      <Textarea mt="sm" label="Medical history" autosize minRows={2} {...form.getInputProps('patient.medicalHistory')} />
    </Fieldset>
  );
}
