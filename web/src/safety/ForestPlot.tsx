import { Button, Group } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { notifyError } from '../api/errors';
import { DANGER } from '../common/colours';
import { BAND_RANGES, percent, type FrequencyRow } from './safety-picture-api';

const WIDTH = 760;
const LABEL_WIDTH = 230;
const FLAG_WIDTH = 90;
const ROW_HEIGHT = 30;
const TOP = 44;
const BOTTOM = 54;
const PLOT_LEFT = LABEL_WIDTH;
const PLOT_RIGHT = WIDTH - FLAG_WIDTH - 16;
const POINT = '#1c4f8c';
const STATED = '#5f3dc4';
const BAND = '#d0bfff';
const TEXT = '#212529';

/** The right end of the axis: the largest figure drawn, rounded up to a tidy step, at most 100%. */
function axisMax(rows: readonly FrequencyRow[]): number {
  const figures = rows.flatMap((r) => [r.interval?.upper ?? 0, r.proportion ?? 0, r.reportingRate ?? 0, (r.statedRatePercent ?? 0) / 100, r.statedBand === null || r.statedBand === 'not-known' ? 0 : BAND_RANGES[r.statedBand].lower]);
  const max = Math.max(0.01, ...figures);
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1];
  return steps.find((s) => s >= max * 1.05) ?? 1;
}

function flagText(row: FrequencyRow): string {
  return row.flag === null ? '' : row.flag === 'exceeds' ? '▲ exceeds' : row.flag === 'unlisted' ? '● unlisted' : '○ uncoded';
}

/** The figure a row is drawn at: the observed proportion (solicited), else the reporting rate (spontaneous). */
export function plotted(row: FrequencyRow): { value: number; kind: 'proportion' | 'reporting rate' } | null {
  if (row.proportion !== null) {
    return { value: row.proportion, kind: 'proportion' };
  }
  return row.reportingRate === null ? null : { value: row.reportingRate, kind: 'reporting rate' };
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function svgBlob(svg: SVGSVGElement): Blob {
  const text = new XMLSerializer().serializeToString(svg);
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${text}`], { type: 'image/svg+xml' });
}

async function pngBlob(svg: SVGSVGElement): Promise<Blob> {
  // Drawn at its own size (the page shows it at 100% width, which an image has no size for), twice over for sharpness.
  const { width, height } = svg.viewBox.baseVal;
  const sized = svg.cloneNode(true) as SVGSVGElement;
  sized.setAttribute('width', String(width));
  sized.setAttribute('height', String(height));
  // A data: URL, as the page's content security policy allows images from 'self' and data: only.
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(sized))}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (context === null) {
    throw new Error('this browser cannot draw to a canvas');
  }
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b === null ? reject(new Error('the PNG could not be made')) : resolve(b)), 'image/png'));
}

/**
 * The forest plot of a run's listed terms, in plain SVG: the observed proportion as a point with its exact
 * 95% interval as a line (all from the API), the stated rate as a mark, the stated band as a shaded range;
 * flags written out beside the row. The table beside it is its accessible equivalent.
 */
export function ForestPlot({ rows, title, fileName }: { rows: readonly FrequencyRow[]; title: string; fileName: string }): ReactNode {
  const ref = useRef<SVGSVGElement>(null);
  const max = axisMax(rows);
  const height = TOP + rows.length * ROW_HEIGHT + BOTTOM;
  const x = (fraction: number): number => PLOT_LEFT + (Math.min(fraction, max) / max) * (PLOT_RIGHT - PLOT_LEFT);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const legendY = 16;

  return (
    <div>
      <svg ref={ref} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby="forest-title" fontFamily="sans-serif" fontSize="12" style={{ maxWidth: WIDTH }}>
        <title id="forest-title">{title}</title>
        <rect x={0} y={0} width={WIDTH} height={height} fill="#ffffff" />
        {/* legend */}
        <g fill={TEXT}>
          <circle cx={PLOT_LEFT} cy={legendY} r={4} fill={POINT} />
          <text x={PLOT_LEFT + 8} y={legendY + 4}>observed proportion, 95% CI</text>
          <rect x={PLOT_LEFT + 190} y={legendY - 4} width={8} height={8} fill="#ffffff" stroke={POINT} strokeWidth={1.5} />
          <text x={PLOT_LEFT + 202} y={legendY + 4}>reporting rate</text>
          <line x1={PLOT_LEFT + 300} x2={PLOT_LEFT + 300} y1={legendY - 7} y2={legendY + 7} stroke={STATED} strokeWidth={3} />
          <text x={PLOT_LEFT + 306} y={legendY + 4}>stated rate</text>
          <rect x={PLOT_LEFT + 380} y={legendY - 6} width={14} height={12} fill={BAND} />
          <text x={PLOT_LEFT + 398} y={legendY + 4}>stated band</text>
        </g>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={TOP + rows.length * ROW_HEIGHT} stroke="#dee2e6" />
            <text x={x(t)} y={TOP + rows.length * ROW_HEIGHT + 16} textAnchor="middle" fill={TEXT}>
              {percent(t)}
            </text>
          </g>
        ))}
        <text x={(PLOT_LEFT + PLOT_RIGHT) / 2} y={height - 12} textAnchor="middle" fill={TEXT}>
          Patients with the reaction (% of patients exposed)
        </text>
        {rows.map((row, i) => {
          const cy = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2;
          const point = plotted(row);
          const band = row.statedBand === null || row.statedBand === 'not-known' ? null : BAND_RANGES[row.statedBand];
          return (
            <g key={`${row.level}:${row.label}`}>
              <text x={PLOT_LEFT - 8} y={cy + 4} textAnchor="end" fill={TEXT} fontWeight={row.flag === null ? 'normal' : 'bold'}>
                {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
              </text>
              {band !== null && <rect x={x(band.lower)} y={cy - 10} width={x(band.upper ?? max) - x(band.lower)} height={20} fill={BAND} />}
              {row.interval !== null && <line x1={x(row.interval.lower)} x2={x(row.interval.upper)} y1={cy} y2={cy} stroke={POINT} strokeWidth={2} />}
              {row.statedRatePercent !== null && <line x1={x(row.statedRatePercent / 100)} x2={x(row.statedRatePercent / 100)} y1={cy - 10} y2={cy + 10} stroke={STATED} strokeWidth={3} />}
              {point?.kind === 'proportion' && <circle cx={x(point.value)} cy={cy} r={5} fill={POINT} />}
              {point?.kind === 'reporting rate' && <rect x={x(point.value) - 4} y={cy - 4} width={8} height={8} fill="#ffffff" stroke={POINT} strokeWidth={1.5} />}
              {row.flag !== null && (
                <text x={PLOT_RIGHT + 12} y={cy + 4} fill={DANGER} fontWeight="bold">
                  {flagText(row)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="default" onClick={() => ref.current !== null && download(svgBlob(ref.current), `${fileName}.svg`)}>
          Download chart (SVG)
        </Button>
        <Button size="xs" variant="default" onClick={() => ref.current !== null && void pngBlob(ref.current).then((b) => download(b, `${fileName}.png`), (error: unknown) => notifyError(error, 'The PNG could not be made'))}>
          Download chart (PNG)
        </Button>
      </Group>
    </div>
  );
}
