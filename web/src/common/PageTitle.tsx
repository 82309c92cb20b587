import { Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** The page's one h1, also the browser tab's title. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }): ReactNode {
  useEffect(() => {
    document.title = `${title} · CMA tracker`;
  }, [title]);
  return (
    <Title order={1} mb="md">
      {children}
    </Title>
  );
}
