import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { STATUS_LABELS } from '../deadlines/labels';
import type { Milestone } from './milestones-api';

/** Colours with white text at 4.5:1 or more. */
const STATUS_COLOURS: Record<Milestone['status'], string> = { planned: 'gray.7', 'in-progress': 'blue.9', submitted: '#1e6b30', cancelled: 'dark.4' };

/** A milestone's status, "overdue" when the API says so, and the submission's timeliness once submitted. */
export function MilestoneStatus({ milestone }: { milestone: Pick<Milestone, 'status' | 'overdue' | 'submission'> }): ReactNode {
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={STATUS_COLOURS[milestone.status]} variant="filled" tt="none" miw="max-content">
        {STATUS_LABELS[milestone.status]}
      </Badge>
      {milestone.overdue && (
        <Text span size="sm" fw={700} c="red.9">
          overdue
        </Text>
      )}
      {milestone.submission?.onTime === true && (
        <Text span size="sm">
          on time
        </Text>
      )}
      {milestone.submission?.onTime === false && (
        <Text span size="sm" fw={700} c="red.9">
          late
        </Text>
      )}
    </Group>
  );
}
