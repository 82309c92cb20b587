import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/** Filled badges with white text at 4.5:1 or more (as on the dashboard). */
const VALIDITY_COLOURS: Record<string, string> = {
  valid: '#1e6b30',
  'valid-unlimited': '#1e6b30',
  'renewal-pending': 'blue.9',
  expired: 'red.9',
  'lapsed-late-renewal': 'red.9',
  'not-renewed': 'red.9',
  withdrawn: 'red.9',
  lapsed: 'red.9',
};

/** The validity state the API computed (valid, renewal-pending, expired…); the explanation is its title. */
export function ValidityBadge({ validity }: { validity: { status: string; explanation: string } | null }): ReactNode {
  if (validity === null) {
    return '—';
  }
  return (
    <Badge color={VALIDITY_COLOURS[validity.status] ?? 'gray.7'} variant="filled" tt="none" title={validity.explanation}>
      {validity.status}
    </Badge>
  );
}
