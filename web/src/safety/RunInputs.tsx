import { List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { formatInstant } from '../common/instant';
import type { FrequencyRun } from './safety-picture-api';

/** What the run counted against (RSI version, exposure figures, MedDRA release) and what it left out. */
export function RunInputs({ run }: { run: FrequencyRun }): ReactNode {
  const { solicited, spontaneous } = run.exposure;
  const s = run.summary;
  const figures = [...(solicited?.figures ?? []), ...(spontaneous === null ? [] : [spontaneous.figure])];
  return (
    <Stack gap="sm">
      <FactList
        facts={[
          ['Period', run.period === 'cumulative' ? 'cumulative' : <DateText key="start" date={run.periodStart} />],
          ['Data lock point', <DateText key="dlp" date={run.dataLockPoint} />],
          ['Reference safety information', run.referenceSafety === null ? 'none in force: listedness not judged' : `version ${run.referenceSafety.version} (${run.referenceSafety.document}), in force from ${run.referenceSafety.effectiveFrom}${run.referenceSafety.complete ? '' : ' — known to be incomplete'}`],
          ['MedDRA release', run.meddraRelease?.version ?? 'none loaded'],
          ['Patients exposed (solicited)', solicited === null ? 'no figure' : solicited.patients.toLocaleString('en-GB')],
          ['Patients treated (spontaneous)', spontaneous === null ? 'no figure' : spontaneous.patients.toLocaleString('en-GB')],
          ['Computed', `${formatInstant(run.finishedAt)} (${run.trigger}, by ${run.requestedBy})`],
          ['Cases counted', `${s.casesCounted} of ${s.casesInPeriod} received in the period${run.synthetic ? ` (${s.syntheticCases} synthetic demo cases)` : ''}`],
          ['Digest (SHA-256)', <Text key="digest" span ff="monospace" size="xs">{run.digest.slice(0, 16)}…</Text>],
        ]}
      />
      {figures.length > 0 && (
        <div>
          <Text size="sm" fw={700}>
            Exposure figures used
          </Text>
          <List size="sm">
            {figures.map((f) => (
              <List.Item key={f.id}>
                {f.patients.toLocaleString('en-GB')} patients ({f.kind}), counted on {f.countedOn}, source: {f.source}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <div>
        <Text size="sm" fw={700}>
          Left out
        </Text>
        <List size="sm">
          <List.Item>{s.nullified} nullified cases</List.Item>
          <List.Item>{s.invalid} invalid cases (a validity criterion missing)</List.Item>
          <List.Item>{s.duplicates} duplicates</List.Item>
          <List.Item>{s.reactionsNotRelated} reactions of solicited cases assessed as not related</List.Item>
        </List>
      </div>
    </Stack>
  );
}
