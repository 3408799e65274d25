/** Structured JSON logs for CloudWatch; one line per entry so Logs Insights can query fields. */
type Level = 'debug' | 'info' | 'warn' | 'error';

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function write(level: Level, message: string, data: Record<string, unknown> = {}): void {
  if (level === 'debug' && !process.env.DEBUG) return;
  const entry = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, serialise(value)]));
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...entry });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, data?: Record<string, unknown>) => write('debug', message, data),
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};
