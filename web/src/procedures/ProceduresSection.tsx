import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { QueryState } from '../common/QueryState';
import { ReasonedDate } from '../common/WhyThisDate';
import { MilestoneStatus } from '../milestones/MilestoneStatus';
import type { Milestone } from '../milestones/milestones-api';
import { CLOCK_STOP_LABELS, OPINION_LABELS, PROCEDURE_STATE_LABELS, PROCEDURE_TYPE_LABELS } from '../products/labels';
import { ClockStopForm, RecordProcedureForm, RestartForm, TimetableForm } from './ProcedureForms';
import { proceduresQuery, type ClockStop, type Procedure } from './procedures-api';

type Dialog = { form: 'record' } | { form: 'timetable'; procedure: Procedure } | { form: 'stop'; procedure: Procedure } | { form: 'restart'; procedure: Procedure; stop: ClockStop };

const DIALOG_TITLES: Record<Dialog['form'], string> = { record: 'Record a procedure', timetable: 'Record timetable dates', stop: 'Stop the clock', restart: 'Record the restart' };

function ClockStopRows({ stop, canEdit, onRestart }: { stop: ClockStop; canEdit: boolean; onRestart: () => void }): ReactNode {
  const response = stop.responseMilestone;
  return (
    <>
      <Table.Tr>
        <Table.Td>{CLOCK_STOP_LABELS[stop.kind]} received (clock stopped)</Table.Td>
        <Table.Td>
          <DateText date={stop.stoppedOn} />
        </Table.Td>
        <Table.Td>{stop.days} clock-stop days</Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td>
          <Anchor component={Link} to={`/milestones/${response.id}`}>
            Responses due
          </Anchor>
        </Table.Td>
        <Table.Td>
          <ReasonedDate date={response.dueDate} reason={response.why} what={`responses to the ${CLOCK_STOP_LABELS[stop.kind].toLowerCase()} of ${stop.stoppedOn}`} due={stop.open} />
        </Table.Td>
        <Table.Td>
          <MilestoneStatus milestone={response} />
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td>Clock restarted (responses submitted)</Table.Td>
        <Table.Td>{stop.restartedOn === null ? 'not yet' : <DateText date={stop.restartedOn} />}</Table.Td>
        <Table.Td>
          {stop.open && canEdit && (
            <Button size="compact-sm" variant="outline" onClick={onRestart}>
              Record the restart<span className="visually-hidden"> after the {CLOCK_STOP_LABELS[stop.kind].toLowerCase()} of {stop.stoppedOn}</span>
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
    </>
  );
}

function ProcedureCard({ procedure, canEdit, open }: { procedure: Procedure; canEdit: boolean; open: (dialog: Dialog) => void }): ReactNode {
  const t = procedure.timetable;
  const headingId = `procedure-${procedure.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h4" id={headingId}>
          {procedure.number}
        </Title>
        <Badge variant="filled" color="blue.9" tt="none">
          {PROCEDURE_STATE_LABELS[procedure.state]}
        </Badge>
      </Group>
      <Text mb="sm">{procedure.title}</Text>
      <FactList
        facts={[
          ['Type', PROCEDURE_TYPE_LABELS[procedure.type]],
          ['Clock-stop days', procedure.clockStopDays],
          [
            'Assesses',
            procedure.assessedMilestones.length === 0
              ? '—'
              : procedure.assessedMilestones.map((m) => (
                  <Anchor key={m.id} component={Link} to={`/milestones/${m.id}`} display="block" size="sm">
                    {m.title}
                  </Anchor>
                )),
          ],
        ]}
      />
      <Table verticalSpacing={4} mt="sm" aria-label={`Timetable of ${procedure.number}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Notes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>Submitted</Table.Td>
            <Table.Td>{t.submittedOn === null ? 'not yet' : <DateText date={t.submittedOn} />}</Table.Td>
            <Table.Td />
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Procedure started</Table.Td>
            <Table.Td>{t.startedOn === null ? 'not yet' : <DateText date={t.startedOn} />}</Table.Td>
            <Table.Td />
          </Table.Tr>
          {procedure.clockStops.map((stop) => (
            <ClockStopRows key={stop.id} stop={stop} canEdit={canEdit} onRestart={() => open({ form: 'restart', procedure, stop })} />
          ))}
          <Table.Tr>
            <Table.Td>Opinion</Table.Td>
            <Table.Td>{t.opinionOn === null ? 'not yet' : <DateText date={t.opinionOn} />}</Table.Td>
            <Table.Td>{t.opinionOutcome === null ? '' : OPINION_LABELS[t.opinionOutcome]}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Commission decision</Table.Td>
            <Table.Td>{t.commissionDecisionOn === null ? 'not yet' : <DateText date={t.commissionDecisionOn} />}</Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group mt="sm" gap="sm">
          <Button size="xs" variant="outline" onClick={() => open({ form: 'timetable', procedure })}>
            Record timetable dates<span className="visually-hidden"> of {procedure.number}</span>
          </Button>
          <Button size="xs" variant="outline" onClick={() => open({ form: 'stop', procedure })}>
            Stop the clock<span className="visually-hidden"> of {procedure.number}</span>
          </Button>
        </Group>
      )}
    </Paper>
  );
}

/** The product's procedures with their timetable and clock stops; regulatory affairs record them here. */
export function ProceduresSection({ product, milestones, canEdit }: { product: string; milestones: readonly Milestone[]; canEdit: boolean }): ReactNode {
  const procedures = useQuery(proceduresQuery(product));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = (): void => setDialog(null);
  return (
    <Stack gap="md">
      {canEdit && (
        <Group>
          <Button onClick={() => setDialog({ form: 'record' })}>Record a procedure</Button>
        </Group>
      )}
      <QueryState query={procedures} label="procedures" isEmpty={(list) => list.length === 0} empty="No procedure is recorded for this product.">
        {(list) => (
          <Stack gap="md">
            {list.map((procedure) => (
              <ProcedureCard key={procedure.id} procedure={procedure} canEdit={canEdit} open={setDialog} />
            ))}
          </Stack>
        )}
      </QueryState>
      <Modal opened={dialog !== null} onClose={close} title={dialog === null ? '' : `${DIALOG_TITLES[dialog.form]}${dialog.form === 'record' ? '' : ` · ${dialog.procedure.number}`}`} size="lg" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        {dialog?.form === 'record' && <RecordProcedureForm product={product} milestones={milestones} onDone={close} />}
        {dialog?.form === 'timetable' && <TimetableForm procedure={dialog.procedure} onDone={close} />}
        {dialog?.form === 'stop' && <ClockStopForm procedure={dialog.procedure} onDone={close} />}
        {dialog?.form === 'restart' && <RestartForm procedure={dialog.procedure} stop={dialog.stop} onDone={close} />}
      </Modal>
    </Stack>
  );
}
