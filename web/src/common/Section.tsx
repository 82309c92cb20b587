import { Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a page: an h2 and the region it labels. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactNode {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}
