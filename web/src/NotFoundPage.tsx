import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { PageTitle } from './common/PageTitle';

export default function NotFoundPage(): ReactNode {
  const { pathname } = useLocation();
  return (
    <>
      <PageTitle title="Page not found">Page not found</PageTitle>
      <Text mb="sm">There is no page at {pathname} (yet).</Text>
      <Anchor component={Link} to="/">
        Back to the dashboard
      </Anchor>
    </>
  );
}
