import { Alert, Anchor, Code, List, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { formatInstant } from '../common/instant';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { DOSSIER_BUILDERS, suggestionQuery, versionsQuery, type DossierSuggestion, type DossierVersion } from './dossier-api';
import { StartBuildForm } from './StartBuildForm';
import { Section } from '../common/Section';

/** The suggested data lock point as the API reasons it: the renewal it is for, why this date, and the data that lie after it. */
function Suggestion({ suggestion }: { suggestion: DossierSuggestion }): ReactNode {
  return (
    <Stack gap="sm">
      <FactList
        facts={[
          ['Suggested data lock point', <DateText key="dlp" date={suggestion.dataLockPoint} />],
          ['For renewal', suggestion.renewal === null ? 'no renewal ahead' : `cycle ${suggestion.renewal.cycle}`],
          ['Application due', <DateText key="due" date={suggestion.renewal?.applicationDue} due />],
          ['Authorisation expires', <DateText key="expiry" date={suggestion.renewal?.expiry} />],
        ]}
      />
      <Text size="sm">
        <strong>Why this date: </strong>
        {suggestion.basis}
      </Text>
      {suggestion.dataAfter.length > 0 && (
        <>
          <Text size="sm" fw={700}>
            Data that lie after this data lock point:
          </Text>
          <List size="sm">
            {suggestion.dataAfter.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

function Versions({ versions }: { versions: DossierVersion[] }): ReactNode {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing={4} fz="sm" aria-label="Dossier versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Data lock point</Table.Th>
            <Table.Th>Content hash</Table.Th>
            <Table.Th>Made by</Table.Th>
            <Table.Th>When</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Anchor component={Link} to={`/dossiers/${v.id}`}>
                  Version {v.version}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <DateText date={v.dataLockPoint} />
              </Table.Td>
              <Table.Td>
                <Code title={v.contentHash}>{v.contentHash.slice(0, 12)}…</Code>
              </Table.Td>
              <Table.Td>{v.createdBy}</Table.Td>
              <Table.Td className="nowrap">{formatInstant(v.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A product's renewal dossier: the data lock point suggested for the next renewal and why, the form to
 * start a build (for the roles that may), and the versions made so far, newest first.
 */
export default function DossiersPage(): ReactNode {
  const { product = '' } = useParams();
  const role = useRole();
  const suggestion = useQuery(suggestionQuery(product));
  const versions = useQuery(versionsQuery(product));
  if (suggestion.error instanceof ApiError && suggestion.error.status === 404) {
    return (
      <>
        <PageTitle title="Product not found">Product not found</PageTitle>
        <Alert color="red" title={`No product “${product}”`} role="alert">
          <Text size="sm" mb="xs">
            There is no product of that name among the products you may see.
          </Text>
          <Anchor component={Link} to="/products" size="sm">
            All your products
          </Anchor>
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageTitle title={`Renewal dossier · ${product}`}>Renewal dossier — {product}</PageTitle>
      <Text mb="lg">
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}`}>
          Back to {product}
        </Anchor>
      </Text>
      <Stack gap="xl">
        <Section id="suggestion" title="Suggested data lock point">
          <QueryState query={suggestion} label="suggestion">
            {(s) => <Suggestion suggestion={s} />}
          </QueryState>
        </Section>
        {DOSSIER_BUILDERS.includes(role) && (
          <Section id="start" title="Start a build">
            <QueryState query={suggestion} label="suggestion">
              {(s) => <StartBuildForm product={product} dataLockPoint={s.dataLockPoint} />}
            </QueryState>
          </Section>
        )}
        <Section id="versions" title="Versions">
          <QueryState query={versions} label="dossier versions" isEmpty={(list) => list.length === 0} empty="No dossier has been built for this product yet.">
            {(list) => <Versions versions={list} />}
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}
