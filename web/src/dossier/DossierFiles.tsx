import { Anchor, Code, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { fileUrl, type DossierVersion, type FileKind } from './dossier-api';

const KIND_LABELS: Record<FileKind, string> = {
  pdf: 'PDF (the dossier)',
  xlsx: 'XLSX (its tables)',
  zip: 'ZIP (the bundle)',
};

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The version's files with the SHA-256 the API recorded for each (the download answers it again in its
 * X-Content-SHA256 header): a plain link, so the browser downloads it with the session cookie.
 */
export function DossierFiles({ version }: { version: DossierVersion }): ReactNode {
  const kinds = Object.keys(KIND_LABELS) as FileKind[];
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing={4} fz="sm" aria-label="Files">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>SHA-256</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kinds.map((kind) => {
            const file = version.files[kind];
            return (
              <Table.Tr key={kind}>
                <Table.Td>
                  <Anchor href={fileUrl(version.id, kind)} download={file.name} aria-label={`Download the ${kind.toUpperCase()}: ${file.name}`}>
                    {KIND_LABELS[kind]}
                  </Anchor>
                </Table.Td>
                <Table.Td className="nowrap">{size(file.bytes)}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }} aria-label={`SHA-256 of the ${kind.toUpperCase()}`}>
                    {file.sha256}
                  </Code>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
