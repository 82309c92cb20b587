import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';

export type ExposureFigure = ResponseBody<'/api/products/{product}/exposure', 'get'>[number];
export type ExposureKind = ExposureFigure['kind'];
export type NewExposure = components['schemas']['RecordExposureDto'];

export const EXPOSURE_KIND_LABELS: Record<ExposureKind, string> = {
  registry: 'Registry (patients enrolled)',
  study: 'Study (patients enrolled)',
  treated: 'Patients treated',
  'dose-estimate': 'Estimate from doses distributed',
};

export function exposureQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product, 'exposure'],
    queryFn: (context) => api.get('/api/products/{product}/exposure', { params: { path: { product } } }, fromQuery(context)),
  });
}

export function recordExposure(product: string, body: NewExposure): Promise<ExposureFigure> {
  return api.post('/api/products/{product}/exposure', { params: { path: { product } }, body });
}
