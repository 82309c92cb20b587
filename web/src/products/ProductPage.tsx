import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ProceduresSection } from '../procedures/ProceduresSection';
import { ProductSafetyLinks } from '../reference-safety/ProductSafetyLinks';
import { CASE_READERS, useRole } from '../session/use-session';
import { AuthorisationHistory } from './AuthorisationHistory';
import { MarketPresenceSection } from './MarketPresenceSection';
import { AuthorisationFacts, ExpiryChain, Psurs, Reassessments } from './AuthorisationSection';
import { ObligationsSection } from './ObligationsSection';
import { eurdEntriesQuery, productQuery, type ProductDetail } from './products-api';
import { REGISTER_EDITORS } from './register-roles';
import { Section } from '../common/Section';

function Product({ product }: { product: ProductDetail }): ReactNode {
  const role = useRole();
  const eurd = useQuery(eurdEntriesQuery);
  return (
    <>
      <PageTitle title={product.name}>{product.name}</PageTitle>
      <Text mb="xs">
        <strong>{product.activeSubstance}</strong> — {product.description}
      </Text>
      <Text size="xs" c="dimmed" mb="lg">
        Source: {product.sourceNote}
      </Text>
      <Stack gap="xl">
        <Section id="authorisation" title="Authorisation">
          <AuthorisationFacts product={product} />
        </Section>
        <Section id="expiry-chain" title="Expiry chain and renewals">
          <Stack gap="md">
            <ExpiryChain product={product} />
            <Reassessments product={product} />
          </Stack>
        </Section>
        <Section id="authorisation-history" title="Authorisation history">
          <AuthorisationHistory product={product} />
        </Section>
        <Section id="market-presence" title="Market presence and sunset clause">
          <MarketPresenceSection product={product.name} canEdit={REGISTER_EDITORS.includes(role)} />
        </Section>
        <Section id="obligations" title="Obligations">
          <ObligationsSection product={product.name} />
        </Section>
        <Section id="procedures" title="Procedures">
          <ProceduresSection product={product.name} milestones={product.milestones} canEdit={REGISTER_EDITORS.includes(role)} />
        </Section>
        {CASE_READERS.includes(role) && (
          <Section id="safety" title="Safety picture">
            <Text size="sm">
              Each listed side effect as observed (with its exact 95% interval) against the stated rate or band, per frequency run:{' '}
              <Anchor component={Link} to={`/products/${encodeURIComponent(product.name)}/safety`}>
                Safety picture of {product.name}
              </Anchor>
            </Text>
          </Section>
        )}
        {CASE_READERS.includes(role) && (
          <Section id="dossier" title="Renewal dossier">
            <Text size="sm">
              The suggested data lock point, the builds and the versions of the renewal dossier, their files, comparisons and signatures:{' '}
              <Anchor component={Link} to={`/products/${encodeURIComponent(product.name)}/dossiers`}>
                Renewal dossier of {product.name}
              </Anchor>
            </Text>
          </Section>
        )}
        {CASE_READERS.includes(role) && (
          <Section id="safety-information" title="Safety information">
            <ProductSafetyLinks product={product.name} />
          </Section>
        )}
        <Section id="psurs" title="PSURs and EURD list">
          <QueryState query={eurd} label="EURD list">
            {(entries) => <Psurs product={product} eurd={entries} />}
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}

/**
 * One product: its authorisation and validity, the expiry chain, obligations with their milestones and
 * due-date history, procedures with their timetable, PSUR dates; every computed date says why. A product
 * outside the person's scope does not exist for them (the API answers 404).
 */
export default function ProductPage(): ReactNode {
  const { product: name = '' } = useParams();
  const product = useQuery(productQuery(name));
  if (product.error instanceof ApiError && product.error.status === 404) {
    return (
      <>
        <PageTitle title="Product not found">Product not found</PageTitle>
        <Alert color="red" title={`No product “${name}”`} role="alert">
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
    <QueryState query={product} label="product">
      {(detail) => <Product product={detail} />}
    </QueryState>
  );
}
