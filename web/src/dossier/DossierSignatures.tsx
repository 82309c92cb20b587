import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DANGER, SUCCESS, WARNING } from '../common/colours';
import { formatInstant } from '../common/instant';
import { QueryState } from '../common/QueryState';
import { SignForm } from '../common/SignForm';
import { MEANING_LABELS } from '../products/labels';
import { useRole } from '../session/use-session';
import { DOSSIER_SIGNERS, signaturesQuery, signDossier, type DossierPart, type DossierSignature, type DossierVersion, type Meaning } from './dossier-api';

const STATE_LABELS: Record<DossierSignature['state'], string> = {
  valid: 'valid',
  'content-changed': 'no longer valid: the content changed after signing',
  'seal-broken': 'seal broken',
};

const PARTS: Record<DossierPart, { title: string; what: string }> = {
  dossier: { title: 'The dossier as a whole (regulatory affairs)', what: 'the dossier' },
  'dossier-safety': { title: 'Its safety part (the QPPV)', what: 'the safety part' },
};

function Signer({ signature }: { signature: DossierSignature }): ReactNode {
  return (
    <>
      {signature.signer.name} ({signature.signer.username}, {signature.signer.role})
    </>
  );
}

function SignatureTable({ part, list }: { part: DossierPart; list: DossierSignature[] }): ReactNode {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} fz="sm" aria-label={`Signatures of ${PARTS[part].what}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Meaning</Table.Th>
            <Table.Th>Signed by</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Comment</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{MEANING_LABELS[s.meaning]}</Table.Td>
              <Table.Td>
                <Signer signature={s} />
              </Table.Td>
              <Table.Td className="nowrap">{formatInstant(s.signedAt)}</Table.Td>
              <Table.Td>{s.comment ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="filled" color={s.valid ? SUCCESS : DANGER} tt="none">
                  {STATE_LABELS[s.state]}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The QPPV's approval of the safety part, or that it is still missing. */
function SafetyApproval({ list }: { list: DossierSignature[] }): ReactNode {
  const approval = list.find((s) => s.meaning === 'approved' && s.valid);
  if (approval === undefined) {
    return (
      <Alert color={WARNING} variant="outline" title="QPPV safety signature still missing" role="status">
        <Text size="sm">No QPPV has approved the safety part of this version yet.</Text>
      </Alert>
    );
  }
  return (
    <Text size="sm" role="status">
      Safety part approved by <Signer signature={approval} /> on {formatInstant(approval.signedAt)}.
    </Text>
  );
}

function PartPanel({ part, version }: { part: DossierPart; version: DossierVersion }): ReactNode {
  const role = useRole();
  const queryClient = useQueryClient();
  const signatures = useQuery(signaturesQuery(part, version.id));
  const meanings = (Object.keys(DOSSIER_SIGNERS[part]) as Meaning[]).filter((meaning) => DOSSIER_SIGNERS[part][meaning].includes(role));
  const id = `signatures-${part}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {PARTS[part].title}
      </Title>
      <Stack gap="md">
        <QueryState query={signatures} label="signatures">
          {(list) => (
            <Stack gap="sm">
              {part === 'dossier-safety' && <SafetyApproval list={list} />}
              {list.length === 0 ? <Text size="sm">Not signed yet.</Text> : <SignatureTable part={part} list={list} />}
            </Stack>
          )}
        </QueryState>
        {meanings.length > 0 && (
          <SignForm
            label={`Sign ${PARTS[part].what}`}
            submitLabel={`Sign ${PARTS[part].what}`}
            what={`${PARTS[part].what} of version ${version.version}`}
            meanings={meanings}
            sign={(body) => signDossier(part, version.id, body)}
            onSigned={() => queryClient.invalidateQueries({ queryKey: signaturesQuery(part, version.id).queryKey })}
          />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A version's electronic signatures: the dossier as a whole (approved by regulatory affairs) and its safety
 * part (approved by a QPPV), each checked by the API against the version; the sign forms for the roles that may.
 */
export function DossierSignatures({ version }: { version: DossierVersion }): ReactNode {
  return (
    <Stack gap="md">
      <PartPanel part="dossier" version={version} />
      <PartPanel part="dossier-safety" version={version} />
    </Stack>
  );
}
