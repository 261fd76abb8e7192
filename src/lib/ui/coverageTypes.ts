/** `properties`: the base's feature properties, for its name and country in the reader's language */
export type BaseChoice = { id: string; name: string; country: string; position: [number, number]; properties: Record<string, unknown> };
export type Share = { km2: number; pct: number };
export type CoverageFigures = { ukraine: Share; occupied: Share; blackSea: Share; ms: number };
