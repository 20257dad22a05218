// The dashboard's charts (Recharts). Each chart is decoration for sighted users: it is hidden
// from assistive technology and paired with a summary and a visually hidden table carrying the
// same figures (inside a clipped block: a table never shrinks to the 1px of .sr-only, and would
// widen the page). Colours are KRDS tokens read at run time.
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../../format';
import { useTranslation } from '../../i18n';
import { type DepartmentFigures, TASK_STATUSES } from './figures';

/** A KRDS colour token's value (charts draw SVG attributes, which take no var()). */
function token(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

const colours = () => ({
  primary: token('--krds-light-color-button-primary-fill', '#256ef4'),
  secondary: token('--krds-color-light-secondary-70', '#0f2a5c'),
  text: token('--krds-light-color-text-basic', '#1e2124'),
  grid: token('--krds-light-color-border-gray-light', '#cdd1d5'),
});

export function StatusChart({ byStatus }: { byStatus: Record<string, number> }) {
  const { t } = useTranslation('dashboards');
  const c = colours();
  const rows = TASK_STATUSES.map((s) => ({
    status: s,
    label: t(`common:taskStatus.${s}`),
    count: byStatus[s] ?? 0,
  }));
  return (
    <figure className="gw-dash-figure" aria-labelledby="chart-status-title">
      <h3 id="chart-status-title">{t('charts.status')}</h3>
      <p className="gw-dash-muted">{t('charts.statusSummary')}</p>
      <div className="gw-dash-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={rows.length * 34 + 48}>
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 8, right: 40, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke={c.grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: c.text, fontSize: 13 }} />
            <YAxis
              type="category"
              dataKey="label"
              width={96}
              interval={0}
              tick={{ fill: c.text, fontSize: 13 }}
            />
            <Tooltip />
            <Bar
              dataKey="count"
              name={t('charts.count')}
              fill={c.primary}
              isAnimationActive={false}
            >
              <LabelList dataKey="count" position="right" fill={c.text} fontSize={13} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
          <caption>{t('charts.statusCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.statusCol')}</th>
              <th scope="col">{t('charts.countCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.status}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function DepartmentsChart({ departments }: { departments: DepartmentFigures[] }) {
  const { t } = useTranslation('dashboards');
  const c = colours();
  const rows = departments.map((d) => ({
    name: d.departmentName,
    tasks: d.tasks.priority,
    delayed: d.tasks.delayed,
    completionRate: d.tasks.completionRate,
    onTimeRate: d.reports.onTimeRate,
  }));
  const pct = (v: number | null) => formatPercent(v, { isPercent: true });
  return (
    <figure className="gw-dash-figure" aria-labelledby="chart-departments-title">
      <h3 id="chart-departments-title">{t('charts.departments')}</h3>
      <p className="gw-dash-muted">{t('charts.departmentsSummary')}</p>
      {rows.length === 0 ? (
        <p className="gw-empty">{t('charts.noData')}</p>
      ) : (
        <>
          <div className="gw-dash-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 56 + 60)}>
              <BarChart
                data={rows}
                layout="vertical"
                margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" stroke={c.grid} horizontal={false} />
                <XAxis
                  type="number"
                  domain={[0, 100]}
                  tick={{ fill: c.text, fontSize: 13 }}
                  unit="%"
                />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={110}
                  tick={{ fill: c.text, fontSize: 13 }}
                />
                <Tooltip />
                <Legend wrapperStyle={{ color: c.text, fontSize: 13 }} />
                <Bar
                  dataKey="completionRate"
                  name={t('charts.completionRate')}
                  fill={c.primary}
                  isAnimationActive={false}
                >
                  <LabelList
                    dataKey="completionRate"
                    position="right"
                    fill={c.text}
                    fontSize={12}
                  />
                </Bar>
                <Bar
                  dataKey="onTimeRate"
                  name={t('charts.onTimeRate')}
                  fill={c.secondary}
                  isAnimationActive={false}
                >
                  <LabelList dataKey="onTimeRate" position="right" fill={c.text} fontSize={12} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="sr-only">
            <table>
              <caption>{t('charts.departmentsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('charts.departmentCol')}</th>
                  <th scope="col">{t('charts.tasksCol')}</th>
                  <th scope="col">{t('charts.completionRate')}</th>
                  <th scope="col">{t('charts.onTimeRate')}</th>
                  <th scope="col">{t('charts.delayedCol')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td>{r.tasks}</td>
                    <td>{pct(r.completionRate)}</td>
                    <td>{pct(r.onTimeRate)}</td>
                    <td>{r.delayed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
