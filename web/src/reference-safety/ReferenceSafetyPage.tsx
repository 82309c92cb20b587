import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { useRole } from '../session/use-session';
import { NewVersionForm } from './NewVersionForm';
import { referenceSafetyQuery } from './reference-safety-api';
import { ReferenceSafetyVersionView } from './ReferenceSafetyVersionView';

/** A product's reference safety information, newest version first, and a new version (safety officers and the QPPV). */
export default function ReferenceSafetyPage(): ReactNode {
  const { product = '' } = useParams();
  const role = useRole();
  const versions = useQuery(referenceSafetyQuery(product));
  const [adding, setAdding] = useState(false);
  const canAdd = role === 'safety' || role === 'qppv';
  return (
    <>
      <PageTitle title={`Reference safety information — ${product}`}>Reference safety information — {product}</PageTitle>
      <Text mb="md">
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}`}>
          Back to {product}
        </Anchor>{' '}
        ·{' '}
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}/exposure`}>
          Exposure of {product}
        </Anchor>
      </Text>
      <QueryState query={versions} label="reference safety information" isEmpty={(list) => list.length === 0 && !adding} empty={<Text>No reference safety information is recorded for this product yet.</Text>}>
        {(list) => {
          const newestFirst = [...list].sort((a, b) => b.version - a.version);
          return (
            <Stack gap="lg">
              {canAdd &&
                (adding ? (
                  <NewVersionForm product={product} current={newestFirst[0]} onDone={() => setAdding(false)} />
                ) : (
                  <div>
                    <Button onClick={() => setAdding(true)}>Add a new version</Button>
                  </div>
                ))}
              {newestFirst.map((version) => (
                <ReferenceSafetyVersionView key={version.id} version={version} />
              ))}
            </Stack>
          );
        }}
      </QueryState>
      {canAdd && versions.data?.length === 0 && !adding && (
        <Button mt="md" onClick={() => setAdding(true)}>
          Add a new version
        </Button>
      )}
    </>
  );
}
