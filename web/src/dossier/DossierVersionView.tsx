import { Anchor, Code, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { FactList } from '../common/FactList';
import { formatInstant } from '../common/instant';
import { yesNo } from '../products/labels';
import type { DossierVersion } from './dossier-api';
import { DossierComparison } from './DossierComparison';
import { DossierFiles } from './DossierFiles';
import { DossierSignatures } from './DossierSignatures';
import { Section } from '../common/Section';

/** One version of a renewal dossier: what it is, its files and checksums, the comparison with another version, its signatures. */
export function DossierVersionView({ version }: { version: DossierVersion }): ReactNode {
  return (
    <Stack gap="xl">
      <Section id="version" title={`Version ${version.version}`}>
        <FactList
          facts={[
            ['Product', <Anchor key="product" component={Link} to={`/products/${encodeURIComponent(version.product.name)}/dossiers`}>{`${version.product.name}: all versions`}</Anchor>],
            ['Data lock point', <DateText key="dlp" date={version.dataLockPoint} />],
            ['Made by', `${version.createdBy}, ${formatInstant(version.createdAt)}`],
            ['Benefit–risk conclusion', version.parameters.benefitRiskWritten ? 'written' : 'still to be written'],
            ['Proposed changes to obligations', String(version.parameters.proposedChanges)],
            ['Line listing appended', yesNo(version.parameters.lineListing)],
          ]}
        />
        <Text size="sm" mt="sm">
          Content hash (SHA-256): <Code style={{ wordBreak: 'break-all' }}>{version.contentHash}</Code>
        </Text>
      </Section>
      <Section id="files" title="Files">
        <DossierFiles version={version} />
      </Section>
      <Section id="comparison" title="Compare with another version">
        <DossierComparison version={version} />
      </Section>
      <Section id="signatures" title="Signatures">
        <DossierSignatures version={version} />
      </Section>
    </Stack>
  );
}
