import { ActionIcon, Button, Fieldset, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { productsQuery } from '../products/products-api';
import { ACTIONS, CAUSALITY, CHALLENGES, DRUG_ROLES, newDrug, nextKey } from './intake-form';
import { optionalSelect, type IntakeForm } from './IntakeReport';

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value.replace(/-/g, ' ') }));

/** G: the drugs (repeatable): role, our product chosen by name (or a name as given), batch, dose, route, action, de/rechallenge. */
export function DrugFields({ form }: { form: IntakeForm }): ReactNode {
  const products = useQuery(productsQuery);
  return (
    <Fieldset legend="Drugs">
      <Stack gap="sm">
        {form.values.drugs.map((drug, index) => (
          <Paper key={drug.key} withBorder p="sm" role="group" aria-label={`Drug ${index + 1}`}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Select label={`Drug ${index + 1} role`} allowDeselect={false} data={plain(DRUG_ROLES)} {...form.getInputProps(`drugs.${index}.role`)} />
              <Select
                label={`Drug ${index + 1} product`}
                description="One of ours, by name"
                clearable
                searchable
                data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={drug.productId === '' ? null : drug.productId}
                onChange={(value) => {
                  form.setFieldValue(`drugs.${index}.productId`, value ?? '');
                  const name = products.data?.find((p) => p.id === value)?.name;
                  if (name !== undefined) {
                    form.setFieldValue(`drugs.${index}.name`, name);
                  }
                }}
                error={form.errors[`drugs.${index}.productId`]}
              />
              <TextInput label={`Drug ${index + 1} name`} description="As reported" {...form.getInputProps(`drugs.${index}.name`)} />
              <TextInput label={`Drug ${index + 1} batch`} {...form.getInputProps(`drugs.${index}.batchNumber`)} />
              <TextInput label={`Drug ${index + 1} dose`} {...form.getInputProps(`drugs.${index}.dose`)} />
              <TextInput label={`Drug ${index + 1} route`} {...form.getInputProps(`drugs.${index}.route`)} />
              <Select label={`Drug ${index + 1} action taken`} data={plain(ACTIONS)} {...optionalSelect(form, `drugs.${index}.actionTaken`)} />
              <Select label={`Drug ${index + 1} dechallenge`} data={plain(CHALLENGES)} {...optionalSelect(form, `drugs.${index}.dechallenge`)} />
              <Select label={`Drug ${index + 1} rechallenge`} data={plain(CHALLENGES)} {...optionalSelect(form, `drugs.${index}.rechallenge`)} />
            </SimpleGrid>
            <Group justify="flex-end" mt="xs">
              <ActionIcon variant="subtle" aria-label={`Remove drug ${index + 1}`} onClick={() => form.removeListItem('drugs', index)}>
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('drugs', newDrug(nextKey('d', form.values.drugs)))}>
            Add a drug
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** The causality matrix: each suspect or interacting drug × each reaction, the reporter's and the company's assessment. */
export function CausalityMatrix({ form }: { form: IntakeForm }): ReactNode {
  const drugs = form.values.drugs.filter((d) => (d.role === 'suspect' || d.role === 'interacting') && d.name.trim() !== '');
  const reactions = form.values.reactions.filter((r) => r.reportedTerm.trim() !== '' || r.ptName.trim() !== '');
  const set = (pair: string, who: 'reporter' | 'company', value: string | null): void => {
    const current = form.values.causality[pair] ?? { reporter: '', company: '' };
    form.setFieldValue('causality', { ...form.values.causality, [pair]: { ...current, [who]: value ?? '' } });
  };
  return (
    <Fieldset legend="Causality">
      {drugs.length === 0 || reactions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Name a suspect drug and a reaction to assess causality.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" aria-label="Causality matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Drug</Table.Th>
                <Table.Th>Reaction</Table.Th>
                <Table.Th>Reporter’s assessment</Table.Th>
                <Table.Th>Company’s assessment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drugs.flatMap((drug) =>
                reactions.map((reaction) => {
                  const pair = `${drug.key}/${reaction.key}`;
                  const term = reaction.reportedTerm.trim() === '' ? reaction.ptName : reaction.reportedTerm;
                  const assessed = form.values.causality[pair] ?? { reporter: '', company: '' };
                  return (
                    <Table.Tr key={pair}>
                      <Table.Td>{drug.name}</Table.Td>
                      <Table.Td>{term}</Table.Td>
                      <Table.Td>
                        <Select aria-label={`Reporter causality ${drug.name} – ${term}`} clearable data={plain(CAUSALITY)} value={assessed.reporter === '' ? null : assessed.reporter} onChange={(v) => set(pair, 'reporter', v)} />
                      </Table.Td>
                      <Table.Td>
                        <Select aria-label={`Company causality ${drug.name} – ${term}`} clearable data={plain(CAUSALITY)} value={assessed.company === '' ? null : assessed.company} onChange={(v) => set(pair, 'company', v)} />
                      </Table.Td>
                    </Table.Tr>
                  );
                }),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Fieldset>
  );
}
