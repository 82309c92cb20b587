import { Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { showFormError } from '../api/errors';
import { DANGER, WARNING } from '../common/colours';
import { DateText } from '../common/DateText';
import { QueryState } from '../common/QueryState';
import { ReasonedDate } from '../common/WhyThisDate';
import { marketPresenceQuery, recordMarketPresence, type MarketPresence, type MarketPresenceBody } from './products-api';

const STATE_LABELS: Record<MarketPresence['sunset']['state'], string> = {
  'never-placed': 'Never placed on the market',
  'on-market': 'On the market',
  'off-market': 'Off the market in every member state',
  'ceased-to-be-valid': 'Ceased to be valid under the sunset clause',
};

const KIND_LABELS: Record<MarketPresence['events'][number]['kind'], string> = {
  placed: 'Placed on the market',
  ceased: 'Ceases to be marketed',
  exemption: 'Exemption (Art 14(6))',
};

const MEMBER_STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

/** An optional text field as the API wants it: absent when empty. */
function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** Record a placing, a cessation (planned or past) or an Art 14(6) exemption; the API's refusals land on their fields. */
function RecordPresenceDialog({ product, opened, onClose }: { product: string; opened: boolean; onClose: () => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { kind: 'placed', memberState: '', on: '', until: '', decisionRef: '', notifiedOn: '', reason: '' } });
  const kind = form.getValues().kind;
  const submit = form.onSubmit(async (values) => {
    const body: MarketPresenceBody = {
      kind: values.kind as MarketPresenceBody['kind'],
      on: values.on,
      reason: values.reason.trim(),
      ...(values.kind === 'exemption'
        ? { until: optional(values.until), decisionRef: optional(values.decisionRef) }
        : { memberState: optional(values.memberState) as MarketPresenceBody['memberState'], ...(values.kind === 'ceased' ? { notifiedOn: optional(values.notifiedOn) } : {}) }),
    };
    try {
      await recordMarketPresence(product, body);
      notifications.show({ color: 'green', title: 'Recorded', message: `${KIND_LABELS[body.kind]} ${body.memberState ?? ''} ${body.on}` });
      form.reset();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['products', product] });
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Record market presence" centered trapFocus>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select label="What happened" required allowDeselect={false} data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('kind')} key={form.key('kind')} />
          {kind !== 'exemption' && <Select label="Member state" description="Greece is EL" required searchable data={MEMBER_STATES} {...form.getInputProps('memberState')} key={form.key('memberState')} />}
          <TextInput type="date" label={kind === 'exemption' ? 'Granted on' : kind === 'ceased' ? 'Last day on the market (may lie ahead)' : 'Placed on the market on'} required {...form.getInputProps('on')} key={form.key('on')} />
          {kind === 'exemption' && (
            <>
              <TextInput label="Commission decision" required {...form.getInputProps('decisionRef')} key={form.key('decisionRef')} />
              <TextInput type="date" label="Covers until" description="Leave empty when without end" {...form.getInputProps('until')} key={form.key('until')} />
            </>
          )}
          {kind === 'ceased' && (
            <TextInput type="date" label="EMA notified on" description="If already done; the notice is due 2 months before (Art 13(4))" {...form.getInputProps('notifiedOn')} key={form.key('notifiedOn')} />
          )}
          <Textarea label="Reason or source" description="Kept in the audit trail" required autosize minRows={2} {...form.getInputProps('reason')} key={form.key('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PresenceTable({ events }: { events: MarketPresence['events'] }): ReactNode {
  if (events.length === 0) {
    return <Text size="sm">No placing on the market, cessation or exemption is recorded by member state.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={4} fz="sm" aria-label="Market presence records">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Member state / decision</Table.Th>
            <Table.Th>Notice to EMA</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <DateText date={e.on} />
              </Table.Td>
              <Table.Td>{KIND_LABELS[e.kind]}</Table.Td>
              <Table.Td>{e.memberState ?? `${e.decisionRef ?? ''}${e.until === null ? '' : `, until ${e.until}`}`}</Table.Td>
              <Table.Td>{e.noticeMilestoneId === null ? '—' : <Link to={`/milestones/${e.noticeMilestoneId}`}>Notice milestone</Link>}</Table.Td>
              <Table.Td>{e.reason}</Table.Td>
              <Table.Td>{e.recordedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The sunset clause (Reg 726/2004 Art 14(4)–(6)): where the product stands, the last day to market it, and the records behind it. */
export function MarketPresenceSection({ product, canEdit }: { product: string; canEdit: boolean }): ReactNode {
  const presence = useQuery(marketPresenceQuery(product));
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <QueryState query={presence} label="market presence">
      {({ sunset, events }) => (
        <Stack gap="sm">
          <Text size="sm">
            <strong>{STATE_LABELS[sunset.state]}</strong>
            {sunset.marketedIn.length > 0 && ` in ${sunset.marketedIn.join(', ')}`}
            {sunset.firstPlacedOn !== null && `; first placed on the market ${sunset.firstPlacedOn}`}
            {sunset.offMarketSince !== null && `; off the market since ${sunset.offMarketSince}`}.
          </Text>
          {sunset.sunset !== null && (
            <Alert variant="outline" color={sunset.state === 'ceased-to-be-valid' ? DANGER : sunset.exemption === null ? WARNING : 'gray'} title={sunset.exemption === null ? 'Sunset clause running' : 'Exempted from the sunset clause'}>
              <Stack gap={4}>
                <Group gap={6}>
                  <Text size="sm">{sunset.sunset.ruleId === 'SUNSET-NOT-PLACED' ? 'Place on the market in a member state by' : 'Return to the market in a member state by'}</Text>
                  <ReasonedDate date={sunset.sunset.date} reason={sunset.sunset} what="the sunset-clause date" due />
                </Group>
                {sunset.exemption !== null && (
                  <Text size="sm">
                    Exemption granted {sunset.exemption.on}
                    {sunset.exemption.decisionRef === null ? '' : ` (${sunset.exemption.decisionRef})`}
                    {sunset.exemption.until === null ? ', without end' : `, until ${sunset.exemption.until}`}.
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
          <PresenceTable events={events} />
          {canEdit && (
            <Group>
              <Button variant="light" onClick={open}>
                Record market presence
              </Button>
            </Group>
          )}
          <RecordPresenceDialog product={product} opened={opened} onClose={close} />
        </Stack>
      )}
    </QueryState>
  );
}
