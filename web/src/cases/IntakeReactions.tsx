import { ActionIcon, Button, Fieldset, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { meddraLoadedQuery, meddraSearchQuery } from './cases-api';
import { CRITERIA, newReaction, nextKey, OUTCOMES, SEVERITIES } from './intake-form';
import { optionalSelect, type IntakeForm } from './IntakeReport';
import { CRITERION_LABELS } from './labels';

const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value.replace(/-/g, ' ') }));

/** MedDRA coding by search-as-you-type over LLTs and PTs of the loaded release (GET /api/meddra/search). */
function MeddraPicker({ form, index }: { form: IntakeForm; index: number }): ReactNode {
  const reaction = form.values.reactions[index];
  const [search, setSearch] = useState('');
  const [settled] = useDebouncedValue(search, 250);
  const hits = useQuery(meddraSearchQuery(settled));
  const options = (hits.data?.items ?? []).map((hit) => ({ value: String(hit.code), label: hit.level === 'llt' ? `${hit.name} (LLT → PT ${hit.ptName}, ${hit.socName})` : `${hit.name} (PT, ${hit.socName})`, ptName: hit.ptName }));
  const chosen = reaction?.lltCode === null || reaction === undefined ? null : String(reaction.lltCode);
  const data = chosen !== null && !options.some((o) => o.value === chosen) ? [{ value: chosen, label: `${reaction?.ptName ?? ''} (${chosen})`, ptName: reaction?.ptName ?? '' }, ...options] : options;
  return (
    <Select
      label={`Reaction ${index + 1} MedDRA term`}
      description="Type 2 letters or more: LLTs and PTs"
      searchable
      clearable
      filter={({ options: all }) => all}
      nothingFoundMessage={settled.length < 2 ? 'Type to search' : hits.isFetching ? 'Searching…' : 'No term found'}
      data={data.map(({ value, label }) => ({ value, label }))}
      value={chosen}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(value) => {
        const hit = data.find((o) => o.value === value);
        form.setFieldValue(`reactions.${index}.lltCode`, value === null ? null : Number(value));
        form.setFieldValue(`reactions.${index}.ptName`, hit?.ptName ?? '');
      }}
      error={form.errors[`reactions.${index}.lltCode`]}
    />
  );
}

/** E: the reactions (repeatable): reported term, coding, onset, outcome, severity, seriousness criteria. */
export function ReactionFields({ form }: { form: IntakeForm }): ReactNode {
  const meddra = useQuery(meddraLoadedQuery);
  return (
    <Fieldset legend="Reactions">
      <Stack gap="sm">
        {meddra.data === false && (
          <Text size="sm" c="dimmed">
            No MedDRA dictionary is loaded: give the PT as free text; the reaction stays uncoded until coded.
          </Text>
        )}
        {form.values.reactions.map((reaction, index) => (
          <Paper key={reaction.key} withBorder p="sm" role="group" aria-label={`Reaction ${index + 1}`}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <TextInput label={`Reaction ${index + 1} reported term`} description="As the reporter said it" {...form.getInputProps(`reactions.${index}.reportedTerm`)} />
              {meddra.data === true ? <MeddraPicker form={form} index={index} /> : <TextInput label={`Reaction ${index + 1} PT (free text)`} {...form.getInputProps(`reactions.${index}.ptName`)} />}
              <TextInput type="date" label={`Reaction ${index + 1} onset`} {...form.getInputProps(`reactions.${index}.onset`)} />
              <Select label={`Reaction ${index + 1} outcome`} allowDeselect={false} data={plain(OUTCOMES)} {...form.getInputProps(`reactions.${index}.outcome`)} />
              <Select label={`Reaction ${index + 1} severity`} data={plain(SEVERITIES)} {...optionalSelect(form, `reactions.${index}.severity`)} />
              <MultiSelect
                label={`Reaction ${index + 1} seriousness criteria`}
                placeholder="None: non-serious"
                data={CRITERIA.map((value) => ({ value, label: CRITERION_LABELS[value] }))}
                {...form.getInputProps(`reactions.${index}.seriousness`)}
              />
            </SimpleGrid>
            <Group justify="flex-end" mt="xs">
              <ActionIcon variant="subtle" aria-label={`Remove reaction ${index + 1}`} onClick={() => form.removeListItem('reactions', index)}>
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('reactions', newReaction(nextKey('r', form.values.reactions)))}>
            Add a reaction
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
