import { Button, Checkbox, Group, NumberInput, Select, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { notifyError, showFormError } from '../api/errors';
import { ActionDialog } from '../common/ActionDialog';
import { DANGER } from '../common/colours';
import { downloadFile } from '../common/csv';
import { useToday } from '../session/use-session';
import { FormDialog } from './FormDialog';
import { addVersion, caseChanged, contentToBody, exportE2b, linkCase, nullifyCase, overrideExpectedness, recordSubmission, type CaseDetail } from './cases-api';

type Dialog = 'version' | 'nullify' | 'override' | 'link' | 'submission' | null;

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** A follow-up (new information, significant or not) or an amendment (a correction, with its reason) of the current version. */
function VersionDialog({ detail, opened, onClose, done }: { detail: CaseDetail; opened: boolean; onClose: () => void; done: (message: string) => Promise<void> }): ReactNode {
  const today = useToday();
  const content = detail.version.content;
  const form = useForm({ initialValues: { type: 'follow-up', day0: today, significant: true, narrative: content.narrative, reason: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const followUp = values.type === 'follow-up';
      const updated = await addVersion(detail.id, {
        ...contentToBody(content),
        type: followUp ? 'follow-up' : 'amendment',
        day0: followUp ? values.day0 : content.day0,
        significant: followUp ? values.significant : content.significant,
        narrative: values.narrative,
        reason: optional(values.reason),
      });
      form.reset();
      await done(`Version ${updated.currentVersion} recorded (${updated.currentType})`);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <FormDialog opened={opened} title="Add a version" confirmLabel="Record version" submitting={form.submitting} onSubmit={submit} onClose={onClose}>
      <Select
        label="Kind of version"
        allowDeselect={false}
        data={[
          { value: 'follow-up', label: 'Follow-up (new information, new day 0)' },
          { value: 'amendment', label: 'Amendment (a correction, no new clock)' },
        ]}
        {...form.getInputProps('type')}
      />
      {form.values.type === 'follow-up' && (
        <>
          <TextInput type="date" label="Day 0 of the new information" {...form.getInputProps('day0')} />
          <Checkbox label="Significant new information (starts a new reporting clock)" {...form.getInputProps('significant', { type: 'checkbox' })} />
        </>
      )}
      <Textarea label="Narrative" description="The case narrative as it now reads" autosize minRows={4} {...form.getInputProps('narrative')} />
      <Textarea label="Reason" description={form.values.type === 'amendment' ? 'Required: what is corrected and why' : 'Optional'} autosize minRows={2} {...form.getInputProps('reason')} />
      <Text size="xs" c="dimmed">
        The rest of the case is carried over from version {detail.currentVersion}; to change reporters, reactions or drugs, use the full form.
      </Text>
    </FormDialog>
  );
}

function OverrideDialog({ detail, opened, onClose, done }: { detail: CaseDetail; opened: boolean; onClose: () => void; done: (message: string) => Promise<void> }): ReactNode {
  const form = useForm({ initialValues: { reactionKey: detail.version.content.reactions[0]?.key ?? '', expected: 'false', reason: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      await overrideExpectedness(detail.id, { reactionKey: values.reactionKey, expected: values.expected === 'true', reason: values.reason.trim() });
      form.reset();
      await done('Expectedness decided by hand (an amendment version)');
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <FormDialog opened={opened} title="Override expectedness" confirmLabel="Record decision" submitting={form.submitting} onSubmit={submit} onClose={onClose}>
      <Select label="Reaction" allowDeselect={false} data={detail.version.content.reactions.map((r) => ({ value: r.key, label: r.ptName ?? r.reportedTerm }))} {...form.getInputProps('reactionKey')} />
      <Select
        label="Decision"
        allowDeselect={false}
        data={[
          { value: 'true', label: 'Expected' },
          { value: 'false', label: 'Unexpected' },
        ]}
        {...form.getInputProps('expected')}
      />
      <Textarea label="Reason" description="Kept with the case and in the audit trail" required autosize minRows={2} {...form.getInputProps('reason')} />
    </FormDialog>
  );
}

function LinkDialog({ detail, opened, onClose, done }: { detail: CaseDetail; opened: boolean; onClose: () => void; done: (message: string) => Promise<void> }): ReactNode {
  const form = useForm({ initialValues: { otherCase: '', kind: 'duplicate-of', reason: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      await linkCase(detail.id, { otherCase: values.otherCase.trim(), kind: values.kind as 'duplicate-of' | 'related', reason: values.reason.trim() });
      form.reset();
      await done('Link recorded');
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <FormDialog opened={opened} title="Link to another case" confirmLabel="Link" submitting={form.submitting} onSubmit={submit} onClose={onClose}>
      <TextInput label="Other case" description="Its safety report id" required {...form.getInputProps('otherCase')} />
      <Select
        label="Link"
        allowDeselect={false}
        data={[
          { value: 'duplicate-of', label: `${detail.safetyReportId} is a duplicate of the other (its master)` },
          { value: 'related', label: 'Related reports (e.g. mother and child)' },
        ]}
        {...form.getInputProps('kind')}
      />
      <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
    </FormDialog>
  );
}

function SubmissionDialog({ detail, opened, onClose, done }: { detail: CaseDetail; opened: boolean; onClose: () => void; done: (message: string) => Promise<void> }): ReactNode {
  const today = useToday();
  const form = useForm<{ version: number | string; acknowledgedOn: string; recipient: string; ackRef: string }>({ initialValues: { version: detail.currentVersion, acknowledgedOn: today, recipient: '', ackRef: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      await recordSubmission(detail.id, { version: Number(values.version), acknowledgedOn: values.acknowledgedOn, recipient: optional(values.recipient), ackRef: optional(values.ackRef) });
      form.reset();
      await done('Submission recorded');
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <FormDialog opened={opened} title="Record a submission" confirmLabel="Record submission" submitting={form.submitting} onSubmit={submit} onClose={onClose}>
      <NumberInput label="Version acknowledged" min={1} max={detail.currentVersion} allowDecimal={false} {...form.getInputProps('version')} />
      <TextInput type="date" label="Positive acknowledgement on" {...form.getInputProps('acknowledgedOn')} />
      <TextInput label="Recipient" description="Default: EudraVigilance" {...form.getInputProps('recipient')} />
      <TextInput label="Acknowledgement reference" {...form.getInputProps('ackRef')} />
    </FormDialog>
  );
}

/** What a safety officer or the QPPV can do with the case; each change is a new version or record with its audit row. */
export function CaseActions({ detail }: { detail: CaseDetail }): ReactNode {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);
  const close = (): void => setDialog(null);
  const done = async (message: string): Promise<void> => {
    setDialog(null);
    notifications.show({ color: 'green', title: detail.safetyReportId, message });
    await caseChanged(queryClient, detail.id);
  };
  const exportCase = async (): Promise<void> => {
    setExporting(true);
    try {
      const xml = await exportE2b(detail.safetyReportId, detail.synthetic);
      downloadFile(`${detail.safetyReportId}-v${detail.currentVersion}.xml`, xml, 'application/xml;charset=utf-8');
    } catch (error) {
      notifyError(error, 'Export failed');
    } finally {
      setExporting(false);
    }
  };
  const nullified = detail.status === 'nullified';
  return (
    <>
      <Group gap="sm">
        <Button disabled={nullified} onClick={() => setDialog('version')}>
          Add follow-up or amendment
        </Button>
        <Button variant="outline" disabled={nullified} onClick={() => setDialog('override')}>
          Override expectedness
        </Button>
        <Button variant="outline" onClick={() => setDialog('link')}>
          Link to another case
        </Button>
        <Button variant="outline" onClick={() => setDialog('submission')}>
          Record a submission
        </Button>
        <Button variant="outline" loading={exporting} onClick={() => void exportCase()}>
          Export as E2B(R3){detail.synthetic ? ' (EVTEST)' : ''}
        </Button>
        <Button variant="outline" color={DANGER} disabled={nullified} onClick={() => setDialog('nullify')}>
          Nullify
        </Button>
      </Group>
      <VersionDialog detail={detail} opened={dialog === 'version'} onClose={close} done={done} />
      <OverrideDialog detail={detail} opened={dialog === 'override'} onClose={close} done={done} />
      <LinkDialog detail={detail} opened={dialog === 'link'} onClose={close} done={done} />
      <SubmissionDialog detail={detail} opened={dialog === 'submission'} onClose={close} done={done} />
      <ActionDialog
        opened={dialog === 'nullify'}
        title={`Nullify ${detail.safetyReportId}`}
        confirmLabel="Nullify the case"
        withReason
        danger
        onClose={close}
        onConfirm={async (reason) => {
          await nullifyCase(detail.id, reason);
          await done('Case nullified; its open clocks are cancelled');
        }}
      >
        <Text size="sm">The case and its versions stay; a final nullification version is added and open clocks are cancelled.</Text>
      </ActionDialog>
    </>
  );
}
