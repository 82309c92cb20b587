import { Anchor, Button, Table, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { Fragment, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ReasonedDate } from '../common/WhyThisDate';
import { formatDate } from '../dates/calendar-date';
import { ECTD_TYPE_LABELS, OUTCOME_LABELS } from '../products/labels';
import { DueDateHistory } from './DueDateHistory';
import { MilestoneStatus } from './MilestoneStatus';
import type { Milestone } from './milestones-api';

/** What was submitted: date, reference and eCTD type. */
export function SubmissionText({ submission }: { submission: Milestone['submission'] }): ReactNode {
  if (submission === null) {
    return '—';
  }
  return (
    <>
      <span className="nowrap">{formatDate(submission.submittedOn)}</span>
      {(submission.reference !== null || submission.ectdType !== null) && (
        <Text size="xs" c="dimmed">
          {[submission.reference, submission.ectdType === null ? null : ECTD_TYPE_LABELS[submission.ectdType]].filter((part) => part !== null).join(' · ')}
        </Text>
      )}
    </>
  );
}

export function OutcomeText({ outcome }: { outcome: Milestone['outcome'] }): ReactNode {
  if (outcome === null) {
    return '—';
  }
  return (
    <>
      <span>{OUTCOME_LABELS[outcome.outcome]}</span>
      <Text size="xs" c="dimmed">
        {[outcome.decidedOn === null ? null : formatDate(outcome.decidedOn), outcome.procedureRef].filter((part) => part !== null).join(' · ')}
      </Text>
    </>
  );
}

function MilestoneRow({ milestone }: { milestone: Milestone }): ReactNode {
  const [showHistory, setShowHistory] = useState(false);
  const historyId = useId();
  const open = milestone.status === 'planned' || milestone.status === 'in-progress';
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <Anchor component={Link} to={`/milestones/${milestone.id}`}>
            {milestone.title}
          </Anchor>
          {milestone.owner !== null && (
            <Text size="xs" c="dimmed">
              Owner: {milestone.owner}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <ReasonedDate date={milestone.dueDate} reason={milestone.why} what={`due date of ${milestone.title}`} due={open} />
        </Table.Td>
        <Table.Td>
          <MilestoneStatus milestone={milestone} />
        </Table.Td>
        <Table.Td>
          <SubmissionText submission={milestone.submission} />
        </Table.Td>
        <Table.Td>
          <OutcomeText outcome={milestone.outcome} />
        </Table.Td>
        <Table.Td>
          <Button variant="subtle" size="compact-xs" aria-expanded={showHistory} aria-controls={historyId} onClick={() => setShowHistory((shown) => !shown)}>
            {showHistory ? 'Hide' : 'Show'} history<span className="visually-hidden"> of {milestone.title}</span>
          </Button>
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={historyId} hidden={!showHistory}>
        <Table.Td colSpan={6} bg="gray.0">
          {showHistory && <DueDateHistory milestoneId={milestone.id} title={milestone.title} />}
        </Table.Td>
      </Table.Tr>
    </Fragment>
  );
}

/** Milestones with their due date and why, status and timeliness, submission, outcome and, on demand, the due-date history. */
export function MilestoneTable({ milestones, label }: { milestones: readonly Milestone[]; label: string }): ReactNode {
  if (milestones.length === 0) {
    return <Text size="sm">No milestone yet.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Milestone</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Submitted</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Due-date history</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {milestones.map((milestone) => (
            <MilestoneRow key={milestone.id} milestone={milestone} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
