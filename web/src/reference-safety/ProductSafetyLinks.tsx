import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The product page's links to the product's reference safety information and exposure figures. */
export function ProductSafetyLinks({ product }: { product: string }): ReactNode {
  const base = `/products/${encodeURIComponent(product)}`;
  return (
    <Text size="sm" component="ul" m={0} pl="md">
      <li>
        <Anchor component={Link} to={`${base}/reference-safety`}>
          Reference safety information of {product}
        </Anchor>
      </li>
      <li>
        <Anchor component={Link} to={`${base}/exposure`}>
          Exposure of {product}
        </Anchor>
      </li>
    </Text>
  );
}
