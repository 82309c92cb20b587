import { Alert, Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { urlFromFilter } from '../audit/audit-filters';
import { FactList } from '../common/FactList';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ReasonedDate } from '../common/WhyThisDate';
import { KIND_LABELS, STATUS_LABELS } from '../deadlines/labels';
import { obligationQuery } from '../products/obligations-api';
import { productsQuery } from '../products/products-api';
import { REGISTER_EDITORS } from '../products/register-roles';
import { useRole } from '../session/use-session';
import { DueDateHistory } from './DueDateHistory';
import { DueDateForm, OutcomeForm, ProgressForm } from './MilestoneForms';
import { MilestoneStatus } from './MilestoneStatus';
import { OutcomeText, SubmissionText } from './MilestoneTable';
import { milestoneQuery, type Milestone } from './milestones-api';
import { SignaturesPanel } from './SignaturesPanel';
import { Section } from '../common/Section';

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactNode {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function MilestoneView({ milestone }: { milestone: Milestone }): ReactNode {
  const role = useRole();
  const products = useQuery(productsQuery);
  const obligation = useQuery({ ...obligationQuery(milestone.obligationId ?? ''), enabled: milestone.obligationId !== null });
  const product = products.data?.find((p) => p.id === milestone.productId);
  const open = milestone.status === 'planned' || milestone.status === 'in-progress';
  const canEdit = REGISTER_EDITORS.includes(role);
  return (
    <>
      <PageTitle title={milestone.title}>{milestone.title}</PageTitle>
      {product !== undefined && (
        <Text mb="md">
          <Anchor component={Link} to={`/products/${encodeURIComponent(product.name)}`}>
            {product.name}
          </Anchor>
          {obligation.data !== undefined && ` · ${obligation.data.reference} (${obligation.data.category}, ${obligation.data.studyType})`}
        </Text>
      )}
      <Stack gap="xl">
        <Section id="facts" title="Milestone">
          <FactList
            cols={3}
            facts={[
              ['Due', <ReasonedDate key="due" date={milestone.dueDate} reason={milestone.why} what={`due date of ${milestone.title}`} due={open} />],
              ['Status', <MilestoneStatus key="status" milestone={milestone} />],
              ['Next steps allowed', milestone.allowedTransitions.length === 0 ? 'none' : milestone.allowedTransitions.map((s) => STATUS_LABELS[s]).join(', ')],
              ['Kind', `${KIND_LABELS[milestone.kind]}${milestone.cycle === null ? '' : ` ${milestone.cycle}`}`],
              ['Owner', milestone.owner ?? '—'],
              ['Submitted', <SubmissionText key="submission" submission={milestone.submission} />],
              ['Outcome', <OutcomeText key="outcome" outcome={milestone.outcome} />],
              ...(milestone.cancelReason === null ? [] : [['Cancelled because', milestone.cancelReason] as const]),
            ]}
          />
          {milestone.illustrative && (
            <Text size="xs" c="dimmed" mt="xs">
              Illustrative date — confirm against Annex II.
            </Text>
          )}
        </Section>
        {canEdit && (
          <Section id="act" title="Act on this milestone">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Card id="progress" title="Record progress">
                <ProgressForm milestone={milestone} />
              </Card>
              {milestone.status === 'submitted' && (
                <Card id="outcome" title="Record the outcome">
                  <OutcomeForm milestone={milestone} />
                </Card>
              )}
              {open && (
                <Card id="due-date" title="Change the due date">
                  <DueDateForm milestone={milestone} />
                </Card>
              )}
            </SimpleGrid>
          </Section>
        )}
        <Section id="history" title="Due-date history">
          <DueDateHistory milestoneId={milestone.id} title={milestone.title} />
          <Anchor component={Link} to={`/audit?${urlFromFilter({ entityType: 'milestone', entityId: milestone.id }).toString()}`} size="sm" mt="xs" display="inline-block">
            Audit trail of this milestone
          </Anchor>
        </Section>
        <Section id="signatures" title="Electronic signatures">
          <SignaturesPanel milestone={milestone} />
        </Section>
      </Stack>
    </>
  );
}

/** One milestone: its due date and why, status, submission and outcome, history and signatures; regulatory affairs act on it here. */
export default function MilestonePage(): ReactNode {
  const { id = '' } = useParams();
  const milestone = useQuery(milestoneQuery(id));
  if (milestone.error instanceof ApiError && (milestone.error.status === 404 || milestone.error.status === 400)) {
    return (
      <>
        <PageTitle title="Milestone not found">Milestone not found</PageTitle>
        <Alert color="red" title="No such milestone" role="alert">
          <Text size="sm" mb="xs">
            There is no milestone with this id among the products you may see.
          </Text>
          <Anchor component={Link} to="/products" size="sm">
            All your products
          </Anchor>
        </Alert>
      </>
    );
  }
  return (
    <QueryState query={milestone} label="milestone">
      {(data) => <MilestoneView milestone={data} />}
    </QueryState>
  );
}
