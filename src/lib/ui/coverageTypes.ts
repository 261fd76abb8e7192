export type BaseChoice = { id: string; name: string; country: string; position: [number, number] };
export type Share = { km2: number; pct: number };
export type CoverageFigures = { ukraine: Share; occupied: Share; blackSea: Share; ms: number };
