/**
 * The shared Chart, fed new figures one chart per task: a run answer re-draws eight or more Plotly
 * charts, and doing that in one commit blocks the main thread for a few hundred milliseconds while a
 * slider is being dragged. Charts on screen take the new figure first; charts off screen wait a
 * little longer, and only the newest figure is ever drawn.
 */
import { useEffect, useRef, useState } from 'react';
import type { Figure } from '../../figures/theme';
import { Chart, type ChartProps } from '../Chart';

const VISIBLE_STEP_MS = 16;
const HIDDEN_DELAY_MS = 400;

export function StaggeredChart({ index, figure, ...props }: ChartProps & { index: number }) {
  const [shown, setShown] = useState<Figure>(figure);
  const holder = useRef<HTMLDivElement>(null);
  const visible = useRef(true);

  useEffect(() => {
    const el = holder.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => {
      visible.current = entry?.isIntersecting ?? true;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (figure === shown) return;
    const delay = visible.current ? index * VISIBLE_STEP_MS : HIDDEN_DELAY_MS + index * VISIBLE_STEP_MS;
    const timer = setTimeout(() => setShown(figure), delay);
    return () => clearTimeout(timer);
  }, [figure, shown, index]);

  return (
    <div ref={holder} className="staggered-chart" data-current={figure === shown}>
      <Chart {...props} figure={shown} />
    </div>
  );
}
