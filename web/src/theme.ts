import { createTheme, Notification, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults adjusted for WCAG AA (4.5:1 for text on white): the primary colour at shade 8
 * (buttons, links, focus ring), error text at red 9, dimmed text at gray 7, placeholders at gray 6.
 * Light scheme only. Fonts are the system's (no font is fetched from another origin).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  defaultRadius: 'sm',
  headings: { sizes: { h1: { fontSize: '1.75rem', lineHeight: '1.3' } } },
  components: {
    // Notifications: a named close button, and the message in text colour (Mantine's gray 6 is under 4.5:1).
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
  },
  dark: {},
});
