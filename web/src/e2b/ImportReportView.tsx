import { Anchor, Badge, List, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DANGER, SUCCESS } from '../common/colours';
import { ACK_OUTCOME_LABELS, type ImportedFile, type ImportReport } from './e2b-api';

const STATUS_COLOURS: Record<ImportedFile['status'], string> = { imported: SUCCESS, refused: DANGER, skipped: '#495057' };
const ACTION_LABELS: Record<ImportedFile['cases'][number]['action'], string> = { created: 'created', 'follow-up': 'follow-up', amendment: 'amendment', nullification: 'nullification' };

function FileDetail({ file }: { file: ImportedFile }): ReactNode {
  if (file.status !== 'imported') {
    return <Text size="sm">{file.reason ?? '—'}</Text>;
  }
  return (
    <Stack gap={4}>
      {file.cases.length > 0 && (
        <List size="sm" aria-label={`Cases of ${file.file}`}>
          {file.cases.map((line) => (
            <List.Item key={`${line.safetyReportId}-${line.version}`}>
              <Anchor component={Link} to={`/cases/${encodeURIComponent(line.safetyReportId)}`}>
                {line.safetyReportId}
              </Anchor>{' '}
              version {line.version}, {ACTION_LABELS[line.action]} — {line.product}
              {line.warnings.length > 0 && (
                <Text size="xs" c="dimmed">
                  {line.warnings.join(' · ')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {file.casesNotListed > 0 && <Text size="sm">and {file.casesNotListed} more cases not listed</Text>}
      {file.acknowledgements.length > 0 && (
        <List size="sm" aria-label={`Acknowledged messages of ${file.file}`}>
          {file.acknowledgements.map((ack) => (
            <List.Item key={ack.position}>
              Message {ack.messageNumber ?? `#${ack.position}`} ({ack.code ?? 'no code'}): {ACK_OUTCOME_LABELS[ack.outcome]} — {ack.detail}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The per-file report of an upload: what each file led to (cases created or versioned, acknowledgements) or why it was refused. */
export function ImportReportView({ report }: { report: ImportReport }): ReactNode {
  const { totals } = report;
  return (
    <Stack gap="xs">
      <Text role="status">
        {totals.filesRead} files read, {totals.filesRefused} refused, {totals.filesSkipped} skipped; {totals.casesCreated} cases created, {totals.casesVersioned} versioned;{' '}
        {totals.acknowledgementsMatched} acknowledgements matched, {totals.acknowledgementsUnmatched} unmatched.
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs" aria-label="Import report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Cases created</Table.Th>
              <Table.Th>Cases versioned</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.files.map((file, i) => (
              <Table.Tr key={`${file.file}-${i}`}>
                <Table.Td>{file.file}</Table.Td>
                <Table.Td>{file.kind === null ? '—' : file.kind === 'icsr' ? 'ICSR' : 'Acknowledgement'}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[file.status]} variant="filled" tt="none">
                    {file.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{file.casesCreated}</Table.Td>
                <Table.Td>{file.casesVersioned}</Table.Td>
                <Table.Td>
                  <FileDetail file={file} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
