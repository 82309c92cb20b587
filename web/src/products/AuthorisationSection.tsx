import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { ReasonedDate } from '../common/WhyThisDate';
import { MilestoneStatus } from '../milestones/MilestoneStatus';
import { AUTHORISATION_TYPE_LABELS, yesNo } from './labels';
import type { EurdEntry, ProductDetail } from './products-api';
import { ValidityBadge } from './ValidityBadge';

function MilestoneLink({ product, milestoneId }: { product: ProductDetail; milestoneId: string | null }): ReactNode {
  const milestone = product.milestones.find((m) => m.id === milestoneId);
  if (milestone === undefined) {
    return '—';
  }
  return (
    <Stack gap={2} align="flex-start">
      <Anchor component={Link} to={`/milestones/${milestone.id}`} size="sm">
        {milestone.title}
      </Anchor>
      <MilestoneStatus milestone={milestone} />
    </Stack>
  );
}

/** The authorisation: type, flags, holder, notification, recorded expiry and the validity the API computed. */
export function AuthorisationFacts({ product }: { product: ProductDetail }): ReactNode {
  const a = product.authorisation;
  if (a === null) {
    return <Text>No marketing authorisation is recorded for this product.</Text>;
  }
  return (
    <Stack gap="sm">
      {a.illustrativeNote !== null && (
        <Text size="sm">
          <strong>Illustrative data:</strong> {a.illustrativeNote}
        </Text>
      )}
      <FactList
        cols={4}
        facts={[
          ['Type', AUTHORISATION_TYPE_LABELS[a.type]],
          ['Holder', a.holder],
          ['EU number', a.euNumber ?? '—'],
          ['Notified', <DateText key="n" date={a.notifiedOn} />],
          ['Orphan designation', product.orphanDesignation === null ? 'No' : `${product.orphanDesignation}${product.orphanDesignationDate === null ? '' : ` (${product.orphanDesignationDate})`}`],
          ['Advanced therapy (ATMP)', yesNo(product.advancedTherapy)],
          ['Additional monitoring', yesNo(product.additionalMonitoring)],
          ['Marketed', <DateText key="m" date={a.marketedOn} />],
          ['Recorded expiry', a.recordedExpiry === null ? 'None (the computed chain applies)' : `${a.recordedExpiry} (${a.recordedExpirySource ?? 'no source'})`],
          ['Validity', <ValidityBadge key="v" validity={product.validity} />],
          ['Current expiry', <DateText key="e" date={product.validity?.currentExpiry} />],
        ]}
      />
      {product.validity !== null && <Text size="sm">{product.validity.explanation}</Text>}
    </Stack>
  );
}

/** The expiry chain: each cycle's expiry, renewal window and application due date, each with its rule. */
export function ExpiryChain({ product }: { product: ProductDetail }): ReactNode {
  if (product.renewals.length === 0) {
    return <Text>No renewal dates follow from this authorisation.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" striped aria-label="Expiry chain and renewals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cycle</Table.Th>
            <Table.Th>Renewal window opens</Table.Th>
            <Table.Th>Application due</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th>Milestone</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {product.renewals.map((r) => (
            <Table.Tr key={r.cycle}>
              <Table.Td>{r.cycle}</Table.Td>
              <Table.Td>
                {r.windowOpens === null ? '—' : <ReasonedDate date={r.windowOpens.date} reason={r.windowOpens} what={`renewal window ${r.cycle} opens`} />}
              </Table.Td>
              <Table.Td>
                <ReasonedDate date={r.applicationDue.date} reason={r.applicationDue} what={`renewal application ${r.cycle} due`} />
              </Table.Td>
              <Table.Td>
                <ReasonedDate date={r.expiry.date} reason={r.expiry} what={`expiry of cycle ${r.cycle}`} />
              </Table.Td>
              <Table.Td>
                <MilestoneLink product={product} milestoneId={r.milestoneId} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Exceptional circumstances: the annual reassessment on every anniversary, with its application date and rule. */
export function Reassessments({ product }: { product: ProductDetail }): ReactNode {
  if (product.reassessments.length === 0) {
    return null;
  }
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" striped aria-label="Annual reassessments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reassessment</Table.Th>
            <Table.Th>Anniversary</Table.Th>
            <Table.Th>Application due</Table.Th>
            <Table.Th>Milestone</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {product.reassessments.map((r) => (
            <Table.Tr key={r.cycle}>
              <Table.Td>{r.cycle}</Table.Td>
              <Table.Td>
                <ReasonedDate date={r.anniversary.date} reason={r.anniversary} what={`anniversary of reassessment ${r.cycle}`} />
              </Table.Td>
              <Table.Td>
                <ReasonedDate date={r.applicationDue.date} reason={r.applicationDue} what={`reassessment ${r.cycle} application due`} />
              </Table.Td>
              <Table.Td>
                <MilestoneLink product={product} milestoneId={r.milestoneId} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** PSURs: data lock points and submission dates with their rules, and the EURD entry that sets them, if any. */
export function Psurs({ product, eurd }: { product: ProductDetail; eurd: readonly EurdEntry[] }): ReactNode {
  const entries = eurd.filter((e) => e.substance.toLowerCase() === product.activeSubstance.toLowerCase());
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} size="h5" mb={4}>
          EURD list
        </Title>
        {entries.length === 0 ? (
          <Text size="sm">No EURD list entry for {product.activeSubstance}: the default PSUR cycle applies.</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm" aria-label="EURD list entries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Frequency</Table.Th>
                <Table.Th>First DLP</Table.Th>
                <Table.Th>Effective from</Table.Th>
                <Table.Th>Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>every {e.frequencyMonths} months</Table.Td>
                  <Table.Td>
                    <DateText date={e.firstDlp} />
                  </Table.Td>
                  <Table.Td>
                    <DateText date={e.effectiveFrom} />
                  </Table.Td>
                  <Table.Td>{e.source}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {product.psurs.length === 0 ? (
        <Text size="sm">No PSUR dates follow from this authorisation.</Text>
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table verticalSpacing="xs" striped aria-label="PSURs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>PSUR</Table.Th>
                <Table.Th>Data lock point</Table.Th>
                <Table.Th>Interval</Table.Th>
                <Table.Th>Submission due</Table.Th>
                <Table.Th>Milestone</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {product.psurs.map((p) => (
                <Table.Tr key={p.cycle}>
                  <Table.Td>{p.cycle}</Table.Td>
                  <Table.Td>
                    <ReasonedDate date={p.dlp.date} reason={p.dlp} what={`data lock point of PSUR ${p.cycle}`} />
                  </Table.Td>
                  <Table.Td>{p.intervalMonths} months</Table.Td>
                  <Table.Td>
                    <ReasonedDate date={p.submissionDue.date} reason={p.submissionDue} what={`PSUR ${p.cycle} submission due`} />
                  </Table.Td>
                  <Table.Td>
                    <MilestoneLink product={product} milestoneId={p.milestoneId} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
