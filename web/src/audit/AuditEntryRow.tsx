import { Anchor, Badge, Code, Table, Text } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatInstant } from '../common/instant';
import type { AuditEntry, FieldChange } from './audit-api';
import { urlFromFilter } from './audit-filters';

export const AUDIT_COLUMNS = 7;
const BREAK_ANYWHERE = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function ChangeValue({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) {
    return (
      <Text span c="dimmed" size="sm">
        (none)
      </Text>
    );
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
  return (
    <Code block={text.length > 60 || text.includes('\n')} style={BREAK_ANYWHERE}>
      {text}
    </Code>
  );
}

function ChangesTable({ changes, caption }: { changes: FieldChange[]; caption: string }): ReactNode {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label={caption} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">Field</Table.Th>
          <Table.Th w="40%">Before</Table.Th>
          <Table.Th w="40%">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field}>
            <Table.Td>
              <code>{change.field}</code>
            </Table.Td>
            <Table.Td>
              <ChangeValue value={change.before} />
            </Table.Td>
            <Table.Td>
              <ChangeValue value={change.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * One audit row: when, who, what, which record (a link to its whole trail), product, why, and the changed fields —
 * listed by name, shown field by field before → after on demand. A row the server redacted says so instead.
 */
export function AuditEntryRow({ entry, productName }: { entry: AuditEntry; productName: string | null }): ReactNode {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const trail = `/audit?${urlFromFilter({ entityType: entry.entityType, entityId: entry.entityId }).toString()}`;
  const fields = entry.changes.map((c) => c.field);
  return (
    <>
      <Table.Tr>
        <Table.Td className="nowrap">
          <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt)}</time>
          <Text size="xs" c="dimmed">
            #{entry.seq}
          </Text>
        </Table.Td>
        <Table.Td>{entry.actor}</Table.Td>
        <Table.Td>{entry.action}</Table.Td>
        <Table.Td>
          {entry.entityType}
          <Text size="xs" style={BREAK_ANYWHERE}>
            <Anchor component={Link} to={trail} size="xs" title="The whole trail of this record">
              {entry.entityId}
            </Anchor>
          </Text>
        </Table.Td>
        <Table.Td>{productName ?? (entry.productId === null ? '—' : entry.productId)}</Table.Td>
        <Table.Td>{entry.redacted ? <Badge color="gray.7" variant="filled" tt="none">content redacted</Badge> : (entry.reason ?? '—')}</Table.Td>
        <Table.Td>
          {entry.redacted ? (
            <Text size="sm">Case content redacted: your role may not read cases.</Text>
          ) : fields.length === 0 ? (
            <Text size="sm" c="dimmed">
              No field changed
            </Text>
          ) : (
            <>
              <Text size="sm" style={BREAK_ANYWHERE}>
                {fields.length} field{fields.length === 1 ? '' : 's'}: {fields.slice(0, 4).join(', ')}
                {fields.length > 4 ? ', …' : ''}
              </Text>
              <Anchor component="button" type="button" size="sm" aria-expanded={open} aria-controls={open ? detailsId : undefined} onClick={() => setOpen(!open)}>
                {open ? 'Hide changes' : 'Show changes'}
                <span className="visually-hidden"> of entry {entry.seq}</span>
              </Anchor>
            </>
          )}
        </Table.Td>
      </Table.Tr>
      {open && !entry.redacted && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={AUDIT_COLUMNS}>
            <ChangesTable changes={entry.changes} caption={`Changes of entry ${entry.seq}`} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
