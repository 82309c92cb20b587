import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { EXPOSURE_KIND_LABELS, exposureQuery, type ExposureFigure, type ExposureKind } from './exposure-api';
import { ExposureForm } from './ExposureForm';

function months(median: number | null, max: number | null): string {
  return median === null && max === null ? '—' : `${median ?? '?'} median / ${max ?? '?'} max`;
}

function FigureRow({ figure, all, canEdit, onCorrect }: { figure: ExposureFigure; all: readonly ExposureFigure[]; canEdit: boolean; onCorrect: (f: ExposureFigure) => void }): ReactNode {
  const replaced = all.find((f) => f.id === figure.replaces);
  return (
    <Table.Tr style={figure.replacedBy === null ? undefined : { textDecoration: 'line-through' }}>
      <Table.Td>
        <DateText date={figure.countedOn} />
      </Table.Td>
      <Table.Td>
        {figure.patients}
        {figure.estimate && ` (estimate: ${figure.dosesDistributed ?? '?'} doses ÷ ${figure.dosesPerPatient ?? '?'})`}
      </Table.Td>
      <Table.Td>{months(figure.followUpMedianMonths, figure.followUpMaxMonths)}</Table.Td>
      <Table.Td>{figure.patientYears ?? '—'}</Table.Td>
      <Table.Td>
        {figure.source}
        {figure.note !== null && (
          <Text size="xs" c="dimmed">
            {figure.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {figure.replacedBy !== null && <Text size="sm">Corrected (no longer counted)</Text>}
        {figure.replaces !== null && (
          <Text size="sm">
            Corrects the figure of {replaced === undefined ? figure.replaces : `${replaced.countedOn} (${replaced.patients} patients)`}: {figure.reason}
          </Text>
        )}
        {figure.replacedBy === null && figure.replaces === null && 'Counted'}
      </Table.Td>
      <Table.Td>
        {canEdit && figure.replacedBy === null && (
          <Button size="xs" variant="outline" onClick={() => onCorrect(figure)} aria-label={`Correct the figure of ${figure.countedOn} (${EXPOSURE_KIND_LABELS[figure.kind]})`}>
            Correct
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A product's exposure figures over time, per kind (each kept, corrections naming what they replace), and a new figure or a correction. */
export default function ExposurePage(): ReactNode {
  const { product = '' } = useParams();
  const role = useRole();
  const canEdit = role === 'safety' || role === 'qppv' || role === 'regulatory';
  const figures = useQuery(exposureQuery(product));
  const [editing, setEditing] = useState<{ replacing: ExposureFigure | null } | null>(null);
  return (
    <>
      <PageTitle title={`Exposure — ${product}`}>Exposure — {product}</PageTitle>
      <Text mb="md">
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}`}>
          Back to {product}
        </Anchor>{' '}
        ·{' '}
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}/reference-safety`}>
          Reference safety information of {product}
        </Anchor>
      </Text>
      <Stack gap="lg">
        {canEdit &&
          (editing === null ? (
            <div>
              <Button onClick={() => setEditing({ replacing: null })}>Add a figure</Button>
            </div>
          ) : (
            <ExposureForm key={editing.replacing?.id ?? 'new'} product={product} replacing={editing.replacing} onDone={() => setEditing(null)} />
          ))}
        <QueryState query={figures} label="exposure figures" isEmpty={(list) => list.length === 0} empty="No exposure figure is recorded for this product yet.">
          {(list) =>
            (Object.keys(EXPOSURE_KIND_LABELS) as ExposureKind[])
              .filter((kind) => list.some((f) => f.kind === kind))
              .map((kind) => (
                <section key={kind} aria-labelledby={`exposure-${kind}`}>
                  <Title order={2} size="h4" id={`exposure-${kind}`} mb="xs">
                    {EXPOSURE_KIND_LABELS[kind]}
                  </Title>
                  <Table.ScrollContainer minWidth={900}>
                    <Table striped verticalSpacing="xs" aria-label={EXPOSURE_KIND_LABELS[kind]}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Counted on</Table.Th>
                          <Table.Th>Patients (cumulative)</Table.Th>
                          <Table.Th>Follow-up (months)</Table.Th>
                          <Table.Th>Patient-years</Table.Th>
                          <Table.Th>Source</Table.Th>
                          <Table.Th>Status</Table.Th>
                          <Table.Th>
                            <span className="visually-hidden">Actions</span>
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {list
                          .filter((f) => f.kind === kind)
                          .map((figure) => (
                            <FigureRow key={figure.id} figure={figure} all={list} canEdit={canEdit} onCorrect={(f) => setEditing({ replacing: f })} />
                          ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </section>
              ))
          }
        </QueryState>
      </Stack>
    </>
  );
}
