import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { formatMoney, type Language } from '../../i18n';

// Only what a bar chart needs: chart.js leaves the rest out of the bundle.
ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** A column of figures (integer minor units per row); `color` draws it in the chart, without one it is only in the table. */
export interface FigureColumn {
  label: string;
  values: number[];
  color?: string;
}

let drawable: boolean | undefined;
/** Can this browser draw on a canvas? Where it cannot, the table alone shows the figures. */
export function canDrawCharts(): boolean {
  if (drawable === undefined) {
    try {
      drawable = document.createElement('canvas').getContext('2d') !== null;
    } catch {
      drawable = false;
    }
  }
  return drawable;
}

/**
 * One chart with its figures as a table: the canvas is a picture for the eye (named, role img),
 * the table carries the same numbers for the keyboard, a screen reader and a test. The table is
 * visually hidden unless asked for (`showTable`), or where no canvas can be drawn.
 */
export function SalesFigure({
  title,
  rowHeader,
  rows,
  columns,
  lang,
  showTable,
}: {
  title: string;
  rowHeader: string;
  rows: string[];
  columns: FigureColumn[];
  lang: Language;
  showTable: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const chart = canDrawCharts();
  const money = (minor: number) => formatMoney(minor, lang);
  const drawn = columns.filter((c) => c.color !== undefined);
  // Bar heights are the integer minor units themselves; only the labels are formatted as money.
  const data: ChartData<'bar', number[], string> = {
    labels: rows,
    datasets: drawn.map((c) => ({ label: c.label, data: c.values, backgroundColor: c.color ?? '', borderColor: c.color ?? '', borderWidth: 1, maxBarThickness: 40 })),
  };
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    // The figures are what matters to a tired owner, not a bar growing in.
    animation: false,
    scales: { y: { ticks: { precision: 0, callback: (value) => money(Number(value)) } } },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${money(item.parsed.y ?? 0)}` } },
    },
  };
  const table = (
    <table className="day-table" aria-labelledby={`${id}-title`}>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map((c) => (
            <th scope="col" className="amount" key={c.label}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map((c) => (
              <td className="amount" key={c.label}>
                {money(c.values[i] ?? 0)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className="day-chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {chart ? (
        <div className="day-chart">
          <Bar data={data} options={options} role="img" aria-label={t('day.owner.chart', { title })} />
        </div>
      ) : null}
      {chart && !showTable ? <div className="sr-only">{table}</div> : table}
    </figure>
  );
}
