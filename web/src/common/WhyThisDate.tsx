import { Button, Code, Group, Popover, Stack, Text } from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { IsoDate } from '../dates/calendar-date';
import { DateText } from './DateText';
import { Fact } from './FactList';

/** Why a date is what it is, as the API says: the rule, its legal source, the arithmetic; never worked out here. */
export interface DateReason {
  ruleId: string;
  source: string;
  explanation: string;
  /** A milestone's basis: computed by a rule, or given by Annex II, the regulator or a recorded decision. */
  basis?: string;
  /** A computed date on a weekend or closure day: flagged, never moved. */
  nonWorkingDay?: { reason: string; closureName?: string; suggestedDate: IsoDate; note: string } | null;
  /** The date rests on an assumption the user must confirm (what it is and what to do). */
  assumption?: string | null;
}

const BASIS_LABELS: Record<string, string> = {
  computed: 'computed by the rule',
  'annex-ii': 'given by Annex II',
  regulator: 'given by the regulator',
  recorded: 'recorded from a decision',
};

/**
 * "Why this date?": a button next to a date that opens a small dialog with the rule id, the legal source and
 * the explanation the API gave (and the weekend/closure flag). Keyboard: Enter opens it, focus moves in and
 * stays there, Escape or "Close" closes it and focus returns to the button. `what` names the date for screen
 * readers when a page shows many ("expiry of cycle 3").
 */
export function WhyThisDate({ date, reason, what }: { date: IsoDate; reason: DateReason; what: string }): ReactNode {
  const [opened, { close, toggle }] = useDisclosure(false);
  const titleId = useId();
  return (
    <Popover opened={opened} onChange={(open) => (open ? undefined : close())} onDismiss={close} trapFocus returnFocus closeOnEscape width={380} position="bottom-start" shadow="md" withArrow>
      <Popover.Target>
        <Button variant="subtle" size="compact-xs" onClick={toggle}>
          Why this date?<span className="visually-hidden"> ({what})</span>
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={titleId}>
        <Stack gap="xs">
          <Text fw={700} id={titleId}>
            Why {date}? <span className="visually-hidden">({what})</span>
          </Text>
          <Stack component="dl" gap={6} m={0}>
            <Fact label="Rule">
              <Code>{reason.ruleId}</Code>
              {reason.basis !== undefined && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {BASIS_LABELS[reason.basis] ?? reason.basis}
                </Text>
              )}
            </Fact>
            <Fact label="Legal source">{reason.source}</Fact>
            <Fact label="Explanation">{reason.explanation === '' ? '—' : reason.explanation}</Fact>
            {reason.assumption !== undefined && reason.assumption !== null && <Fact label="Assumption to confirm">{reason.assumption}</Fact>}
            {reason.nonWorkingDay !== undefined && reason.nonWorkingDay !== null && (
              <Fact label={reason.nonWorkingDay.reason === 'closure' ? `Closure day${reason.nonWorkingDay.closureName !== undefined ? ` (${reason.nonWorkingDay.closureName})` : ''}` : 'Weekend'}>
                {reason.nonWorkingDay.note}
              </Fact>
            )}
          </Stack>
          <Group justify="flex-end">
            <Button size="compact-sm" variant="outline" onClick={close}>
              Close
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A computed date: the date (weekday, distance from today), its weekend/closure flag, and "Why this date?". */
export function ReasonedDate({ date, reason, what, due = false }: { date: IsoDate; reason: DateReason; what: string; due?: boolean }): ReactNode {
  return (
    <Group gap={6} wrap="wrap" align="baseline">
      <DateText date={date} due={due} />
      {reason.nonWorkingDay !== undefined && reason.nonWorkingDay !== null && (
        <Text span size="xs" fw={700}>
          {reason.nonWorkingDay.reason === 'closure' ? 'closure day' : 'weekend'}
        </Text>
      )}
      {reason.assumption !== undefined && reason.assumption !== null && (
        <Text span size="xs" fw={700}>
          assumption
        </Text>
      )}
      <WhyThisDate date={date} reason={reason} what={what} />
    </Group>
  );
}
