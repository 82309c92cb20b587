import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { productsQuery } from '../products/products-api';
import type { Role } from '../session/session-store';
import { ROLE_LABELS, ROLES } from './accounts-api';
import { changePolicy, CHANNEL_LABELS, CHANNELS, createPolicy, defaultPoliciesQuery, type ReminderChannel, type ReminderPolicy } from './reminder-policies-api';
import { obligationsQuery } from '../products/obligations-api';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface RulesValues {
  offsetsDays: string;
  escalationEveryDays: number | string;
  notifyRoles: Role[];
  escalationRoles: Role[];
  channels: ReminderChannel[];
  reason: string;
}

function rulesOf(policy: ReminderPolicy | undefined): Omit<RulesValues, 'reason'> {
  return {
    offsetsDays: policy?.offsetsDays.join(', ') ?? '',
    escalationEveryDays: policy?.escalationEveryDays ?? '',
    notifyRoles: policy?.notifyRoles ?? [],
    escalationRoles: policy?.escalationRoles ?? [],
    channels: policy?.channels ?? [],
  };
}

/** "60, 30, 14" as numbers; what is not a whole number is left to the API to refuse by name. */
function parseOffsets(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map(Number);
}

/** The rules of a policy: when (days before, escalation cadence), whom (roles), how (channels). */
function RulesFields<T extends RulesValues>({ form }: { form: UseFormReturnType<T> }): ReactNode {
  const f = form as unknown as UseFormReturnType<RulesValues>;
  return (
    <>
      <SimpleGrid cols={2}>
        <TextInput label="Days before the due date" description="Comma-separated, e.g. 60, 30, 14, 7, 1" {...f.getInputProps('offsetsDays')} />
        <NumberInput label="Once overdue, escalate every (days)" description=" " min={1} allowDecimal={false} allowNegative={false} {...f.getInputProps('escalationEveryDays')} />
      </SimpleGrid>
      <MultiSelect label="Reminded" description="Roles reminded before the due date (and the owner)" data={ROLE_OPTIONS} {...f.getInputProps('notifyRoles')} />
      <MultiSelect label="Escalated to" description="Roles told as well once the deadline is overdue (may be none)" data={ROLE_OPTIONS} {...f.getInputProps('escalationRoles')} />
      <Checkbox.Group label="Channels" {...f.getInputProps('channels')}>
        <Group mt={4}>
          {CHANNELS.map((channel) => (
            <Checkbox key={channel} value={channel} label={CHANNEL_LABELS[channel]} />
          ))}
        </Group>
      </Checkbox.Group>
    </>
  );
}

function rulesBody(values: RulesValues) {
  return {
    offsetsDays: parseOffsets(values.offsetsDays),
    escalationEveryDays: typeof values.escalationEveryDays === 'number' ? values.escalationEveryDays : Number(values.escalationEveryDays),
    notifyRoles: values.notifyRoles,
    escalationRoles: values.escalationRoles,
    channels: values.channels,
  };
}

interface NewOverrideValues extends RulesValues {
  deadlineKind: string;
  productId: string;
  obligationId: string;
}

/** An override of a kind's default for one product or one obligation; it starts from the default's rules. */
export function CreateOverrideDialog({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: () => void }): ReactNode {
  const defaults = useQuery(defaultPoliciesQuery);
  const products = useQuery(productsQuery);
  const form = useForm<NewOverrideValues>({
    initialValues: { deadlineKind: '', productId: '', obligationId: '', ...rulesOf(undefined), reason: '' },
    validate: {
      deadlineKind: (v) => (v === '' ? 'Choose a kind of deadline' : null),
      productId: (v) => (v === '' ? 'Choose the product' : null),
    },
  });
  const { reset, setValues } = form;
  const kind = form.values.deadlineKind;
  const product = products.data?.find((p) => p.id === form.values.productId);
  const obligations = useQuery({ ...obligationsQuery(product?.name ?? ''), enabled: product !== undefined });
  const fallback = defaults.data?.find((p) => p.deadlineKind === kind);

  useEffect(() => {
    if (!opened) {
      reset();
    }
  }, [opened, reset]);
  useEffect(() => {
    if (fallback !== undefined) {
      setValues(rulesOf(fallback));
    }
  }, [fallback, setValues]);

  const submit = form.onSubmit(async (values) => {
    try {
      const target = values.obligationId === '' ? { productId: values.productId } : { obligationId: values.obligationId };
      await createPolicy({ deadlineKind: values.deadlineKind, ...target, ...rulesBody(values), reason: values.reason.trim() === '' ? undefined : values.reason.trim() });
      onSaved();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Override a reminder policy" centered trapFocus size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select label="Kind of deadline" required data={(defaults.data ?? []).map((p) => p.deadlineKind)} allowDeselect={false} data-autofocus {...form.getInputProps('deadlineKind')} />
          <SimpleGrid cols={2}>
            <Select
              label="Product"
              required
              searchable
              data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              {...form.getInputProps('productId')}
              onChange={(value: string | null) => {
                form.setFieldValue('productId', value ?? '');
                form.setFieldValue('obligationId', '');
              }}
            />
            <Select
              label="Obligation"
              description="Empty: the whole product"
              placeholder="The whole product"
              clearable
              disabled={product === undefined}
              data={(obligations.data ?? []).map((o) => ({ value: o.id, label: o.reference }))}
              {...form.getInputProps('obligationId')}
              onChange={(value: string | null) => form.setFieldValue('obligationId', value ?? '')}
            />
          </SimpleGrid>
          {kind === '' ? <Text size="sm">Choose a kind: the override starts from its default.</Text> : <RulesFields form={form} />}
          <Textarea label="Reason" description="Kept in the audit trail" autosize minRows={2} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save override
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Change the rules of a policy (a default or an override), with the reason the audit trail keeps. */
export function EditPolicyDialog({ policy, title, onClose, onSaved }: { policy: ReminderPolicy | null; title: string; onClose: () => void; onSaved: () => void }): ReactNode {
  const form = useForm<RulesValues>({
    initialValues: { ...rulesOf(undefined), reason: '' },
    validate: { reason: (v) => (v.trim() === '' ? 'Say why (kept in the audit trail)' : null) },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (policy !== null) {
      setValues({ ...rulesOf(policy), reason: '' });
      resetDirty();
    }
  }, [policy, setValues, resetDirty]);

  const submit = form.onSubmit(async (values) => {
    if (policy === null) {
      return;
    }
    try {
      await changePolicy(policy.id, { ...rulesBody(values), reason: values.reason.trim() });
      onSaved();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={policy !== null} onClose={onClose} title={title} centered trapFocus size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <RulesFields form={form} />
          <Textarea label="Reason" description="Kept in the audit trail" autosize minRows={2} required data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save policy
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
