import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { versionQuery } from './dossier-api';
import { DossierVersionView } from './DossierVersionView';

/** One renewal dossier version: download its files (checksums shown), compare it with another version, sign it. */
export default function DossierPage(): ReactNode {
  const { id = '' } = useParams();
  const version = useQuery(versionQuery(id));
  return (
    <QueryState query={version} label="dossier">
      {(v) => (
        <>
          <PageTitle title={`Renewal dossier v${v.version} · ${v.product.name}`}>
            Renewal dossier version {v.version} — {v.product.name}
          </PageTitle>
          <DossierVersionView version={v} />
        </>
      )}
    </QueryState>
  );
}
