import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { DateText } from '../common/DateText';
import { QueryState } from '../common/QueryState';
import { diffQuery, versionsQuery, type CaseVersionSummary } from './cases-api';

function shown(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function whole(value: string | null, max: number): number | undefined {
  return value !== null && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= max ? Number(value) : undefined;
}

/** What changed between two versions, field by field (GET …/versions/{version}/diff?against=). */
function DiffTable({ caseId, version, against }: { caseId: string; version: number; against: number | undefined }): ReactNode {
  const diff = useQuery(diffQuery(caseId, version, against));
  return (
    <QueryState query={diff} label="differences" isEmpty={(d) => d.changes.length === 0} empty="No field differs between these versions.">
      {(d) => (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs" aria-label={`Changes from version ${d.from ?? 'none'} to version ${d.to}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Version {d.from ?? '(none)'}</Table.Th>
                <Table.Th>Version {d.to}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.changes.map((change) => (
                <Table.Tr key={change.path}>
                  <Table.Td>
                    <code>{change.path}</code>
                  </Table.Td>
                  <Table.Td className="wrap-anywhere">{shown(change.before)}</Table.Td>
                  <Table.Td className="wrap-anywhere">{shown(change.after)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

function VersionsTable({ versions }: { versions: CaseVersionSummary[] }): ReactNode {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs" aria-label="Versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Day 0</Table.Th>
            <Table.Th>Valid</Table.Th>
            <Table.Th>Serious</Table.Th>
            <Table.Th>Clock</Table.Th>
            <Table.Th>Reason / by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{v.type}</Table.Td>
              <Table.Td>
                <DateText date={v.day0} />
              </Table.Td>
              <Table.Td>{v.valid ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{v.serious ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{v.clock !== null ? `due ${v.clock.dueOn} (${v.clock.ruleId})` : (v.noClock?.reason ?? 'none')}</Table.Td>
              <Table.Td>
                <Text size="sm">{v.reason ?? '—'}</Text>
                <Text size="xs" c="dimmed">
                  {v.createdBy}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every version of the case and a field-by-field comparison of any two (the pair in the URL: ?version=&against=). */
export function CaseVersionsPanel({ caseId, currentVersion }: { caseId: string; currentVersion: number }): ReactNode {
  const versions = useQuery(versionsQuery(caseId));
  const [params, setParams] = useSearchParams();
  const version = whole(params.get('version'), currentVersion) ?? currentVersion;
  const againstRaw = whole(params.get('against'), currentVersion);
  const against = againstRaw !== undefined && againstRaw < version ? againstRaw : undefined;
  const choose = (key: 'version' | 'against', value: string | null): void =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null) {
        next.delete(key);
      } else {
        next.set(key, value);
      }
      return next;
    });
  const numbers = Array.from({ length: currentVersion }, (_, i) => String(i + 1));
  return (
    <Stack gap="md">
      <QueryState query={versions} label="versions">
        {(list) => <VersionsTable versions={list} />}
      </QueryState>
      {currentVersion > 1 && (
        <>
          <Group align="flex-end">
            <Select label="Compare version" w={180} data={numbers.slice(1)} value={String(version)} allowDeselect={false} onChange={(value) => choose('version', value)} />
            <Select
              label="Against"
              w={220}
              placeholder="The version before"
              clearable
              data={numbers.filter((n) => Number(n) < version)}
              value={against === undefined ? null : String(against)}
              onChange={(value) => choose('against', value)}
            />
          </Group>
          {version > 1 && <DiffTable caseId={caseId} version={version} against={against} />}
        </>
      )}
    </Stack>
  );
}
