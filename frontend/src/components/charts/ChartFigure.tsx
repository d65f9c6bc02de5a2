/**
 * A chart with its numbers as a table beside it (issue 18.7): the picture for the eye, the table for
 * screen readers, printing and anyone who wants the exact figure. Built on Recharts (SVG, so it prints
 * sharp and scales with the page); import this module only from lazily loaded code, so the chart
 * library stays out of the first page's bundle.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '../../lib/format';

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
export const CHART_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#7f1d1d'] as const;

export interface ChartSeries {
  key: string;
  label: string;
  colour?: string;
  /** bars with the same stack id are stacked */
  stack?: string;
}

export interface ChartRow {
  category: string;
  /** the category in the table when it says more than the axis (a date and a title) */
  fullCategory?: string;
  values: Record<string, number | null>;
}

export interface ChartFigureProps {
  id: string;
  title: string;
  /** one sentence saying what the chart shows, read by screen readers before the table */
  summary: string;
  kind: 'bar' | 'line';
  /** "categories" on the vertical axis (long names, phones) or along the bottom (years, dates) */
  layout?: 'rows' | 'columns';
  categoryLabel: string;
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  /** "%" draws a 0–100 axis and writes the unit after each number */
  unit?: '%' | '';
  /** what the figure says when there is nothing to draw */
  empty?: string;
}

const AXIS_NAME_CHARS = 18;

/** Long names are cut on the axis (the table beside the chart has them whole). */
export function axisName(name: string): string {
  return name.length > AXIS_NAME_CHARS ? `${name.slice(0, AXIS_NAME_CHARS - 1).trimEnd()}…` : name;
}

export function ChartFigure({ id, title, summary, kind, layout = 'columns', categoryLabel, rows, series, unit = '', empty }: ChartFigureProps) {
  const fmt = (v: unknown) => (typeof v === 'number' ? `${formatNumber(v)}${unit ? ` ${unit}` : ''}` : '–');
  const data = rows.map((r) => ({ category: r.category, ...r.values }));
  const colour = (s: ChartSeries, i: number) => s.colour ?? CHART_COLOURS[i % CHART_COLOURS.length];
  const domain: [number, number | 'auto'] = unit === '%' ? [0, 100] : [0, 'auto'];
  const byRows = layout === 'rows';
  const height = byRows ? Math.max(160, rows.length * (series.length > 1 && !series[0]?.stack ? 44 : 32) + 70) : 260;
  // The axes as direct children of the chart (no wrapping fragment): categories down the side or along the bottom.
  const tickNumber = (v: number) => formatNumber(v);
  const xAxis = byRows ? (
    <XAxis type="number" domain={domain} tickFormatter={tickNumber} allowDecimals={unit === '%'} />
  ) : (
    <XAxis dataKey="category" interval="preserveStartEnd" tick={{ fontSize: 12 }} tickFormatter={axisName} />
  );
  const yAxis = byRows ? (
    <YAxis type="category" dataKey="category" width={118} tickFormatter={axisName} interval={0} tick={{ fontSize: 12 }} />
  ) : (
    <YAxis domain={domain} width={40} tickFormatter={tickNumber} allowDecimals={unit === '%'} />
  );

  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="chart-body">
          {/* The picture is one image for assistive technology; its figures are the table that follows. */}
          <div className="chart-plot" role="img" aria-label={summary} style={{ height }}>
            <ResponsiveContainer width="100%" height="100%">
              {kind === 'line' ? (
                <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  {xAxis}
                  {yAxis}
                  <Tooltip formatter={fmt} />
                  <Legend />
                  {series.map((s, i) => (
                    <Line
                      key={s.key}
                      type="monotone"
                      dataKey={s.key}
                      name={s.label}
                      stroke={colour(s, i)}
                      strokeWidth={2}
                      strokeDasharray={i === 0 ? undefined : '6 4'}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              ) : (
                <BarChart
                  data={data}
                  layout={byRows ? 'vertical' : 'horizontal'}
                  accessibilityLayer={false}
                  margin={{ top: 8, right: 36, bottom: 4, left: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  {xAxis}
                  {yAxis}
                  <Tooltip formatter={fmt} />
                  {series.length > 1 && <Legend />}
                  {series.map((s, i) => (
                    <Bar key={s.key} dataKey={s.key} name={s.label} fill={colour(s, i)} stackId={s.stack} isAnimationActive={false}>
                      {/* stacked bars carry their numbers in the table only */}
                      {!s.stack && <LabelList dataKey={s.key} position={byRows ? 'right' : 'top'} formatter={fmt} fontSize={12} />}
                    </Bar>
                  ))}
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
          <div className="chart-table-wrap">
            <table className="chart-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{categoryLabel}</th>
                  {series.map((s) => (
                    <th key={s.key} scope="col" className="col-num">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.fullCategory ?? r.category}>
                    <th scope="row">{r.fullCategory ?? r.category}</th>
                    {series.map((s) => (
                      <td key={s.key} className="col-num">
                        {fmt(r.values[s.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </figure>
  );
}
