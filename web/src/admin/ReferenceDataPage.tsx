import { Button, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { ActionDialog } from '../common/ActionDialog';
import { addEurdEntry, closureDaysQuery, removeClosureDay, setClosureDay, type ClosureDay } from './reference-data-api';
import { DANGER } from '../common/colours';
import { eurdEntriesQuery } from '../products/products-api';
import { REGISTER_EDITORS } from '../products/register-roles';

/** Add a closure day, or rename one (the same date). */
function ClosureDayForm({ editing, onSaved, onCancel }: { editing: ClosureDay | null; onSaved: () => void; onCancel: () => void }): ReactNode {
  const form = useForm({
    initialValues: { date: editing?.date ?? '', name: editing?.name ?? '' },
    validate: { date: (v) => (v === '' ? 'Choose the day' : null), name: (v) => (v.trim() === '' ? 'Name the closure' : null) },
  });
  const submit = form.onSubmit(async ({ date, name }) => {
    try {
      await setClosureDay(date, name.trim());
      form.reset();
      onSaved();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={editing === null ? 'Add a closure day' : `Rename the closure day ${editing.date}`}>
      <Group align="flex-start">
        <TextInput type="date" label="Day" required readOnly={editing !== null} {...form.getInputProps('date')} />
        <TextInput label="Name" placeholder="e.g. EMA Christmas closure" required w={320} data-autofocus {...form.getInputProps('name')} />
        <Group mt={25} gap="xs">
          <Button type="submit" loading={form.submitting}>
            {editing === null ? 'Add closure day' : 'Rename'}
          </Button>
          {editing !== null && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Group>
    </form>
  );
}

function ClosureDays({ mayEdit }: { mayEdit: boolean }): ReactNode {
  const days = useQuery(closureDaysQuery);
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState<ClosureDay | null>(null);
  const [removing, setRemoving] = useState<ClosureDay | null>(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: closureDaysQuery.queryKey });
  return (
    <Paper component="section" withBorder p="md" mb="lg" aria-labelledby="closure-days-title">
      <Title order={2} size="h3" id="closure-days-title">
        Closure days
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Days the regulator is closed. A due date on one is flagged, never moved.
      </Text>
      {mayEdit && (
        <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={renaming !== null} onClose={() => setRenaming(null)} title="Rename a closure day" centered trapFocus size="lg">
          <ClosureDayForm
            key={renaming?.date}
            editing={renaming}
            onCancel={() => setRenaming(null)}
            onSaved={() => {
              setRenaming(null);
              void refresh();
            }}
          />
        </Modal>
      )}
      {mayEdit && (
        <Stack mb="md">
          <ClosureDayForm editing={null} onCancel={() => undefined} onSaved={() => void refresh()} />
        </Stack>
      )}
      <QueryState query={days} label="closure days" isEmpty={(list) => list.length === 0} empty="No closure day recorded.">
        {(list) => (
          <Table striped verticalSpacing="xs" aria-label="Closure days" maw={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Name</Table.Th>
                {mayEdit && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((day) => (
                <Table.Tr key={day.date}>
                  <Table.Td>
                    <DateText date={day.date} />
                  </Table.Td>
                  <Table.Td>{day.name}</Table.Td>
                  {mayEdit && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end">
                        <Button variant="subtle" size="compact-sm" onClick={() => setRenaming(day)}>
                          Rename<span className="visually-hidden"> {day.date}</span>
                        </Button>
                        <Button variant="subtle" color={DANGER} size="compact-sm" onClick={() => setRemoving(day)}>
                          Remove<span className="visually-hidden"> {day.date}</span>
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {mayEdit && (
        <ActionDialog
          opened={removing !== null}
          title={`Remove the closure day ${removing?.date ?? ''}`}
          confirmLabel="Remove"
          danger
          withReason={false}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            if (removing !== null) {
              await removeClosureDay(removing.date);
              setRemoving(null);
              notifications.show({ color: 'green', title: 'Closure day removed', message: `${removing.date} ${removing.name}` });
              await refresh();
            }
          }}
        >
          <Text size="sm">Due dates on {removing?.date} are no longer flagged as falling on a closure day.</Text>
        </ActionDialog>
      )}
    </Paper>
  );
}

function EurdEntryDialog({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: () => void }): ReactNode {
  const form = useForm({
    initialValues: { substance: '', frequencyMonths: '' as number | string, firstDlp: '', effectiveFrom: '', source: '' },
    validate: {
      substance: (v) => (v.trim() === '' ? 'Name the active substance' : null),
      frequencyMonths: (v) => (v === '' ? 'Give the PSUR frequency in months' : null),
      firstDlp: (v) => (v === '' ? 'Choose the first data lock point' : null),
      effectiveFrom: (v) => (v === '' ? 'Choose the day the entry takes effect' : null),
      source: (v) => (v.trim() === '' ? 'Name the source (e.g. the EURD list publication)' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await addEurdEntry({ ...values, substance: values.substance.trim(), source: values.source.trim(), frequencyMonths: Number(values.frequencyMonths) });
      form.reset();
      onSaved();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Record an EURD list entry" centered trapFocus size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Active substance" required data-autofocus {...form.getInputProps('substance')} />
          <SimpleGrid cols={3}>
            <NumberInput label="PSUR frequency (months)" required min={1} allowDecimal={false} allowNegative={false} {...form.getInputProps('frequencyMonths')} />
            <TextInput type="date" label="First data lock point" required {...form.getInputProps('firstDlp')} />
            <TextInput type="date" label="Effective from" description="Publication + 6 months" required {...form.getInputProps('effectiveFrom')} />
          </SimpleGrid>
          <TextInput label="Source" placeholder="e.g. EURD list published 2024-12-01" required {...form.getInputProps('source')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Record entry
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EurdEntries({ mayEdit }: { mayEdit: boolean }): ReactNode {
  const entries = useQuery(eurdEntriesQuery);
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="eurd-title">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3" id="eurd-title">
            EURD list entries
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            PSUR frequency and data lock points per active substance; later PSURs are computed from them.
          </Text>
        </div>
        {mayEdit && <Button onClick={() => setAdding(true)}>Record an entry</Button>}
      </Group>
      <QueryState query={entries} label="EURD entries" isEmpty={(list) => list.length === 0} empty="No EURD list entry recorded: PSURs follow the default cycle.">
        {(list) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="xs" aria-label="EURD list entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Active substance</Table.Th>
                  <Table.Th>Frequency</Table.Th>
                  <Table.Th>First data lock point</Table.Th>
                  <Table.Th>Effective from</Table.Th>
                  <Table.Th>Source</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{entry.substance}</Table.Td>
                    <Table.Td>every {entry.frequencyMonths} months</Table.Td>
                    <Table.Td>
                      <DateText date={entry.firstDlp} />
                    </Table.Td>
                    <Table.Td>
                      <DateText date={entry.effectiveFrom} />
                    </Table.Td>
                    <Table.Td>{entry.source}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {mayEdit && (
        <EurdEntryDialog
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            notifications.show({ color: 'green', title: 'EURD entry recorded', message: 'PSUR dates of the substance follow it from its effective date.' });
            void queryClient.invalidateQueries({ queryKey: eurdEntriesQuery.queryKey });
          }}
        />
      )}
    </Paper>
  );
}

/** Closure days and EURD list entries: read by everyone, kept by the register's editors (regulatory affairs). */
export default function ReferenceDataPage(): ReactNode {
  const mayEdit = REGISTER_EDITORS.includes(useRole());
  return (
    <>
      <PageTitle title="Closure days and EURD list">Closure days and EURD list</PageTitle>
      <ClosureDays mayEdit={mayEdit} />
      <EurdEntries mayEdit={mayEdit} />
    </>
  );
}
