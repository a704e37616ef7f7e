/**
 * The monitor's chart of units reserved and units paid per second (the y axis names the unit) (its own lazy chunk: ECharts
 * core with only the line chart, grid, tooltip and legend, drawn on a canvas).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface RatePoint {
  at: number;
  holds: number;
  sales: number;
}

export default function MonitorChart({ points, labels, summary, locale }: { points: RatePoint[]; labels: { holds: string; sales: string; axis: string }; summary: string; locale: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    chart.current?.setOption({
      animation: false,
      color: ['#c2410c', '#186a42'],
      grid: { left: 44, right: 16, top: 52, bottom: 28 },
      legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: '#1c1c1e' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : String(v)) },
      xAxis: { type: 'time', splitNumber: 6, axisLabel: { color: '#5f6368', hideOverlap: true, formatter: (v: number) => time.format(v) }, splitLine: { show: false } },
      yAxis: { type: 'value', name: labels.axis, nameTextStyle: { color: '#5f6368', align: 'left' }, minInterval: 1, axisLabel: { color: '#5f6368' }, splitLine: { lineStyle: { color: '#ecebe7' } } },
      series: [
        { name: labels.holds, type: 'line', showSymbol: false, smooth: 0.2, areaStyle: { opacity: 0.08 }, data: points.map((p) => [p.at, p.holds]) },
        { name: labels.sales, type: 'line', showSymbol: false, smooth: 0.2, areaStyle: { opacity: 0.08 }, data: points.map((p) => [p.at, p.sales]) },
      ],
    });
  }, [points, labels.holds, labels.sales, labels.axis, locale]);

  return <div ref={el} className="monitor-chart" role="img" aria-label={summary} data-testid="monitor-chart" />;
}
