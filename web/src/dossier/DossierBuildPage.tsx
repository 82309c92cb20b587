import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DANGER, SUCCESS } from '../common/colours';
import { formatInstant } from '../common/instant';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { productsQuery } from '../products/products-api';
import { buildQuery, inProgress, versionQuery, type BuildStatus, type DossierBuild } from './dossier-api';
import { DossierVersionView } from './DossierVersionView';

const STEPS: { status: BuildStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'collecting', label: 'Collecting the data' },
  { status: 'rendering', label: 'Rendering the PDF, workbook and bundle' },
  { status: 'done', label: 'Done' },
];

const STATUS_LABELS: Record<BuildStatus, string> = { queued: 'queued', collecting: 'collecting', rendering: 'rendering', done: 'done', failed: 'failed' };

/** Where the build is: the steps passed, the current one, and the outcome. */
function Progress({ build }: { build: DossierBuild }): ReactNode {
  const current = STEPS.findIndex((s) => s.status === build.status);
  return (
    <Stack gap="sm">
      <Group gap="xs" role="status" aria-live="polite">
        <Text>Status:</Text>
        <Badge variant="filled" color={build.status === 'failed' ? DANGER : build.status === 'done' ? SUCCESS : 'blue.9'} tt="none" size="lg">
          {STATUS_LABELS[build.status]}
        </Badge>
        {inProgress(build.status) && (
          <Text size="sm" c="dimmed">
            (checked every second)
          </Text>
        )}
      </Group>
      {build.status !== 'failed' && (
        <List size="sm" aria-label="Steps">
          {STEPS.map((step, i) => (
            <List.Item key={step.status}>
              {step.label}: {i < current || build.status === 'done' ? 'finished' : i === current ? 'under way' : 'to come'}
            </List.Item>
          ))}
        </List>
      )}
      {build.status === 'failed' && (
        <Alert color="red" title="The build failed" role="alert">
          <Text size="sm">{build.error ?? 'No reason was given.'}</Text>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        Requested by {build.requestedBy} on {formatInstant(build.createdAt)} for the data lock point {build.request.dataLockPoint}; last change {formatInstant(build.updatedAt)}.
      </Text>
    </Stack>
  );
}

function Build({ build }: { build: DossierBuild }): ReactNode {
  const queryClient = useQueryClient();
  const version = build.version;
  const products = useQuery(productsQuery);
  // The request names the product as it was given (id or name): the heading names it.
  const product = version?.product.name ?? products.data?.find((p) => p.id === build.productId)?.name ?? build.request.product;
  useEffect(() => {
    if (version !== null) {
      queryClient.setQueryData(versionQuery(version.id).queryKey, version);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'versions'] });
    }
  }, [queryClient, version]);
  return (
    <>
      <PageTitle title={`Renewal dossier build · ${product}`}>Renewal dossier build — {product}</PageTitle>
      <Stack gap="xl">
        <Progress build={build} />
        {version !== null && (
          <>
            <Text>
              {build.reused === true ? `The content is the same as version ${version.version}: that version is reused.` : `Version ${version.version} was made.`}{' '}
              <Anchor component={Link} to={`/dossiers/${version.id}`}>
                Open version {version.version}
              </Anchor>
            </Text>
            <DossierVersionView version={version} />
          </>
        )}
      </Stack>
    </>
  );
}

/** A dossier build's progress, polled while it runs (queued → collecting → rendering → done, or failed with the reason), then its version. */
export default function DossierBuildPage(): ReactNode {
  const { id = '' } = useParams();
  const build = useQuery(buildQuery(id));
  return (
    <QueryState query={build} label="dossier build">
      {(b) => <Build build={b} />}
    </QueryState>
  );
}
