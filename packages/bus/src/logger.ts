/** The part of a pino logger the bus uses, so callers pass theirs without a dependency here. */
export interface BusLogger {
  warn(details: object, message: string): void;
}

export const silentLogger: BusLogger = { warn: () => undefined };
