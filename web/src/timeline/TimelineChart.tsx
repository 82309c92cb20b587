import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { monthColumns, position, URGENCY_LABELS, type TimelineWindow } from './timeline-layout';
import type { TimelineMarker, TimelineRenewal, TimelineRow } from './timeline-rows';
import './timeline.css';

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(3)}%`;
}

/** A deadline: a focusable link to its milestone, named "title, due YYYY-MM-DD"; "!" on a weekend or closure day. */
function Marker({ marker, left }: { marker: TimelineMarker; left?: number }): ReactNode {
  const { deadline, urgency, nonWorkingDay } = marker;
  const description = `${URGENCY_LABELS[urgency]}${nonWorkingDay === null ? '' : ` · not a working day (${nonWorkingDay.text})`}`;
  return (
    <Link
      to={`/milestones/${deadline.id}`}
      className={`timeline-marker timeline-marker--${urgency}`}
      style={left === undefined ? undefined : { left: percent(left) }}
      aria-label={`${deadline.title}, due ${deadline.dueDate}`}
      title={`${deadline.title}, due ${deadline.dueDate} — ${description}`}
      data-due={deadline.dueDate}
    >
      <span aria-hidden>{nonWorkingDay === null ? '' : '!'}</span>
    </Link>
  );
}

function RenewalSpan({ renewal, product }: { renewal: TimelineRenewal; product: string }): ReactNode {
  const name = `${product} renewal window ${renewal.cycle}: opens ${renewal.opens ?? '—'}, application due ${renewal.due}, expiry ${renewal.expiry}`;
  return (
    <>
      <div className="timeline-span" role="img" aria-label={name} title={name} style={{ left: percent(renewal.span.start), width: percent(renewal.span.end - renewal.span.start) }}>
        <span aria-hidden>Renewal window</span>
      </div>
      <div className="timeline-span-due" aria-hidden style={{ left: percent(renewal.span.due) }} />
    </>
  );
}

/**
 * The next 12 months on one screen: a row per product, its overdue deadlines in a column of their own, the
 * others placed by due date over month columns, and renewal windows drawn as spans. Plain HTML and CSS: every
 * marker is a link in the tab order, and the table beside it holds the same data.
 */
export function TimelineChart({ range, rows }: { range: TimelineWindow; rows: readonly TimelineRow[] }): ReactNode {
  const months = monthColumns(range);
  return (
    <div className="timeline" role="group" aria-label={`Timeline from ${range.from} to ${range.to}`}>
      <div className="timeline-row timeline-head" aria-hidden>
        <div className="timeline-label">Product</div>
        <div className="timeline-overdue">Overdue</div>
        <div className="timeline-track">
          {months.map((m) => (
            <div key={m.name} className="timeline-month" style={{ left: percent(m.start), width: percent(m.end - m.start) }}>
              {m.label}
            </div>
          ))}
        </div>
      </div>
      {rows.map((row) => (
        <div key={row.product.id} className="timeline-row" role="group" aria-label={row.product.name}>
          <div className="timeline-label">
            <Link to={`/products/${encodeURIComponent(row.product.name)}`}>{row.product.name}</Link>
          </div>
          <div className="timeline-overdue">
            {row.markers
              .filter((m) => m.urgency === 'overdue')
              .map((m) => (
                <Marker key={m.deadline.id} marker={m} />
              ))}
          </div>
          <div className="timeline-track">
            {months.map((m) => (
              <div key={m.name} className="timeline-month" aria-hidden style={{ left: percent(m.start), width: percent(m.end - m.start) }} />
            ))}
            <div className="timeline-today" aria-hidden />
            {row.renewals.map((r) => (
              <RenewalSpan key={r.cycle} renewal={r} product={row.product.name} />
            ))}
            {row.markers
              .filter((m) => m.urgency !== 'overdue')
              .map((m) => (
                <Marker key={m.deadline.id} marker={m} left={position(range, m.deadline.dueDate)} />
              ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** What the shapes and colours mean (never colour alone: each urgency has its shape). */
export function TimelineLegend(): ReactNode {
  return (
    <div className="timeline-legend" aria-label="Legend" role="group">
      <span>
        <span className="timeline-marker timeline-marker--overdue" aria-hidden />
        {URGENCY_LABELS.overdue}
      </span>
      <span>
        <span className="timeline-marker timeline-marker--due-soon" aria-hidden />
        {URGENCY_LABELS['due-soon']}
      </span>
      <span>
        <span className="timeline-marker timeline-marker--later" aria-hidden />
        {URGENCY_LABELS.later}
      </span>
      <span>
        <span className="timeline-marker timeline-marker--later" aria-hidden>
          !
        </span>
        Due on a weekend or closure day
      </span>
      <span>
        <span className="timeline-span" style={{ width: 40, display: 'inline-block' }} aria-hidden />
        Renewal window (opens → expiry; the bar marks the application due date)
      </span>
    </div>
  );
}
