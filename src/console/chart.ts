import uPlot from 'uplot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

export interface ChartSeries {
  label: string;
  /** A CSS custom property holding the colour, so light and dark mode each get theirs. */
  colorVar: string;
  values: (number | null)[];
}

const HEIGHT = 120;

/** Axis labels as the operator's clock shows them, without uPlot's date line under each. */
function clock(seconds: number): string {
  return new Date(seconds * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'gray';
}

function useColorScheme(): string {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const [scheme, setScheme] = useState(query.matches ? 'dark' : 'light');
  useEffect(() => {
    const change = (event: MediaQueryListEvent) => setScheme(event.matches ? 'dark' : 'light');
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return scheme;
}

/** A small uPlot time series; its data is replaced on every render, the plot itself made once per theme. */
export function Chart({ title, x, series }: { title: string; x: number[]; series: ChartSeries[] }) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const axis = {
      stroke: cssVar('--muted'),
      grid: { stroke: cssVar('--grid'), width: 1 },
      ticks: { show: false },
    };
    const created = new uPlot(
      {
        width: Math.max(160, element.clientWidth),
        height: HEIGHT,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { ...axis, space: 50, values: (_u: uPlot, splits: number[]) => splits.map(clock) },
          { ...axis, size: 44 },
        ],
        series: [
          {},
          ...series.map((s) => ({ label: s.label, stroke: cssVar(s.colorVar), width: 1.5, spanGaps: false })),
        ],
      },
      data,
      element,
    );
    plot.current = created;
    const resize = new ResizeObserver(() =>
      created.setSize({ width: Math.max(160, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
    };
  }, [scheme, series.length]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    <div ref=${holder} role="img" aria-label=${`${title}, last ${x.length} seconds`}></div>
  </figure>`;
}
