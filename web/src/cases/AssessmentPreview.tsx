import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import { WARNING } from '../common/colours';
import { PlannedClockText, ValidityList } from './CaseAssessmentPanel';
import { draftAssessmentQuery } from './cases-api';
import { toBody, type IntakeValues } from './intake-form';
import { CRITERION_LABELS } from './labels';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * While the case is typed: the four validity criteria met or missing and the reporting clock it would get,
 * from POST /api/safety-cases/assessment (the server's own rules; nothing is saved).
 */
export function AssessmentPreview({ values }: { values: IntakeValues }): ReactNode {
  const [settled] = useDebouncedValue(values, 500);
  const ready = settled.product !== '' && DATE.test(settled.initialReceiptOn);
  const draft = useQuery(draftAssessmentQuery(ready ? toBody(settled) : null));
  let body: ReactNode;
  if (!ready) {
    body = <Text size="sm">Choose the product and the initial receipt date to see the assessment.</Text>;
  } else if (draft.isError) {
    const problems = draft.error instanceof ApiError ? draft.error.fieldProblems : [];
    body = (
      <Alert color={WARNING} variant="outline" title="Not assessable yet" role="status">
        {problems.length === 0 ? (
          <Text size="sm">{errorMessage(draft.error)}</Text>
        ) : (
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={`${p.field}-${p.problem}`}>
                <code>{p.field}</code> {p.problem}
              </List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  } else if (draft.data === undefined) {
    body = <Text size="sm">Assessing…</Text>;
  } else {
    const a = draft.data;
    body = (
      <Stack gap="sm">
        <div>
          <Text fw={700} size="sm">
            {a.validity.valid ? 'Valid case' : 'Not a valid case yet'}
          </Text>
          <ValidityList validity={a.validity} />
        </div>
        <Text size="sm">
          <strong>Seriousness:</strong> {a.seriousness.serious ? `serious (${a.seriousness.criteria.map((c) => CRITERION_LABELS[c]).join(', ')})` : 'non-serious'}
          {' · '}
          <strong>{a.eea ? 'EEA' : 'non-EEA'}</strong>
        </Text>
        <Text size="sm">
          <strong>Reporting clock:</strong> <PlannedClockText assessment={a} />
        </Text>
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
      <Title order={2} size="h4" id="preview-title" mb="sm">
        What the case would get
      </Title>
      <div aria-live="polite" aria-busy={draft.isFetching}>
        {body}
      </div>
    </Paper>
  );
}
