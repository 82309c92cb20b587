import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../common/DateText';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { AUTHORISATION_TYPE_LABELS, yesNo } from './labels';
import { productsQuery } from './products-api';

/** The products the person may see, each with its authorisation; a product's name opens its page. */
export default function ProductsPage(): ReactNode {
  const products = useQuery(productsQuery);
  return (
    <>
      <PageTitle title="Products">Products</PageTitle>
      <QueryState query={products} label="products" isEmpty={(list) => list.length === 0} empty="No product is registered for you.">
        {(list) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label="Products">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Active substance</Table.Th>
                  <Table.Th>Authorisation</Table.Th>
                  <Table.Th>Holder</Table.Th>
                  <Table.Th>Notified</Table.Th>
                  <Table.Th>Orphan</Table.Th>
                  <Table.Th>ATMP</Table.Th>
                  <Table.Th>Additional monitoring</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((product) => (
                  <Table.Tr key={product.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/products/${encodeURIComponent(product.name)}`} fw={700}>
                        {product.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{product.activeSubstance}</Table.Td>
                    <Table.Td>
                      {product.authorisation === null ? '—' : AUTHORISATION_TYPE_LABELS[product.authorisation.type]}
                      {product.authorisation?.illustrative === true && (
                        <Text size="xs" c="dimmed">
                          illustrative
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{product.authorisation?.holder ?? '—'}</Table.Td>
                    <Table.Td>
                      <DateText date={product.authorisation?.notifiedOn} />
                    </Table.Td>
                    <Table.Td>{product.orphanDesignation ?? 'No'}</Table.Td>
                    <Table.Td>{yesNo(product.advancedTherapy)}</Table.Td>
                    <Table.Td>{yesNo(product.additionalMonitoring)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
