import { Badge, Blockquote, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FactList } from '../common/FactList';
import { QueryState } from '../common/QueryState';
import { MilestoneTable } from '../milestones/MilestoneTable';
import { STUDY_TYPE_LABELS } from './labels';
import { obligationsQuery, type Obligation } from './obligations-api';

const CATEGORY_LABELS: Record<string, string> = {
  SOB: 'Specific obligation',
  ANX: 'Annex II condition',
  MEA: 'Additional pharmacovigilance activity in the RMP',
  LEG: 'Legally binding measure',
  REC: 'Recommendation',
};

function ObligationCard({ obligation }: { obligation: Obligation }): ReactNode {
  const headingId = `obligation-${obligation.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {obligation.reference}
          <Text span c="dimmed" fw={400}>
            {' '}
            · {CATEGORY_LABELS[obligation.category] ?? obligation.category}
          </Text>
        </Title>
        <Badge variant="outline" color="dark" tt="none">
          {obligation.status}
        </Badge>
      </Group>
      <Blockquote p="sm" my="sm" color="gray" aria-label={`Annex II text of ${obligation.reference}`}>
        <Text size="sm">{obligation.description}</Text>
      </Blockquote>
      <FactList
        cols={4}
        facts={[
          ['Category', obligation.category],
          ['Study type', STUDY_TYPE_LABELS[obligation.studyType] ?? obligation.studyType],
          ['Study ids', obligation.studyIds.length === 0 ? '—' : obligation.studyIds.join(', ')],
          ['Owner', obligation.owner ?? '—'],
        ]}
      />
      {obligation.illustrative && (
        <Text size="xs" c="dimmed" mt="xs">
          Illustrative — confirm against Annex II.
        </Text>
      )}
      <Title order={4} size="h6" mt="md" mb={4}>
        Milestones of {obligation.reference}
      </Title>
      <MilestoneTable milestones={obligation.milestones} label={`Milestones of ${obligation.reference}`} />
    </Paper>
  );
}

/** The product's obligations: category, study type, the Annex II text verbatim, study ids, owner, and their milestones. */
export function ObligationsSection({ product }: { product: string }): ReactNode {
  const obligations = useQuery(obligationsQuery(product));
  return (
    <QueryState query={obligations} label="obligations" isEmpty={(list) => list.length === 0} empty="No obligation is recorded for this product.">
      {(list) => (
        <Stack gap="md">
          {list.map((obligation) => (
            <ObligationCard key={obligation.id} obligation={obligation} />
          ))}
        </Stack>
      )}
    </QueryState>
  );
}
