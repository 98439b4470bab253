/** The `processor` that Snowline's bad rows name. */
export const PROCESSOR = { artifact: 'snowline', version: '0.1.0' } as const;
