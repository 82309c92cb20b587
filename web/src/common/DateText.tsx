import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { dueLabel, formatDate, relativeLabel, type IsoDate } from '../dates/calendar-date';
import { useToday } from '../session/use-session';

/** A calendar date as the API gave it, with its weekday and its distance from the server's today. */
export function DateText({ date, due = false }: { date: IsoDate | null | undefined; due?: boolean }): ReactNode {
  const today = useToday();
  if (date === null || date === undefined) {
    return <Text span>—</Text>;
  }
  return (
    <Text span className="nowrap">
      <time dateTime={date}>{formatDate(date)}</time>{' '}
      <Text span c="dimmed" size="sm">
        ({due ? dueLabel(date, today) : relativeLabel(date, today)})
      </Text>
    </Text>
  );
}
