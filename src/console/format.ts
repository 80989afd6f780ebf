export function time(iso: string | number): string {
  return new Date(iso).toLocaleTimeString([], { hour12: false });
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
