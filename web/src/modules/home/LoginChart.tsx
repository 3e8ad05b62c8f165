import { useEffect, useRef } from 'react';
import { init, use as registerEcharts } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import { BRAND_RED } from '../../app/theme';

// Only what this chart draws: the full echarts build would triple the bundle.
registerEcharts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function LoginChart({ data }: { data: { date: string; count: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current);
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', formatter: '{b}<br/>登录 {c} 次' },
      xAxis: {
        type: 'category',
        data: data.map((d) => dayjs(d.date).format('M月D日')),
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: '登录次数',
          data: data.map((d) => d.count),
          barMaxWidth: 36,
          itemStyle: { color: BRAND_RED, borderRadius: [3, 3, 0, 0] },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} style={{ height: 240 }} role="img" aria-label="近 7 天登录次数" />;
}
